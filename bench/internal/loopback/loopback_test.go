package loopback

import (
	"errors"
	"testing"
)

func TestParseTarget(t *testing.T) {
	for _, raw := range []string{"http://127.0.0.1:8100/", "http://127.1.2.3/", "http://localhost:1/", "http://[::1]:8100/", "http://[::ffff:127.0.0.1]/"} {
		if _, err := ParseTarget(raw); err != nil {
			t.Errorf("ParseTarget(%q): %v", raw, err)
		}
	}
	for _, raw := range []string{"http://10.0.0.1/", "http://0.0.0.0:8100/", "http://[::]:1/", "http://example.com/", "http://127.0.0.1.example.com/", "http://2130706433/"} {
		if _, err := ParseTarget(raw); !errors.Is(err, ErrNotLoopback) {
			t.Errorf("ParseTarget(%q) = %v, want a loopback refusal", raw, err)
		}
	}
	for _, raw := range []string{"127.0.0.1:8100", "ftp://127.0.0.1/", "http:///x"} {
		if _, err := ParseTarget(raw); err == nil {
			t.Errorf("ParseTarget(%q) accepted", raw)
		}
	}
}

func TestCheckListenAddr(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:0", "[::1]:9000", "localhost:0"} {
		if err := CheckListenAddr(addr); err != nil {
			t.Errorf("CheckListenAddr(%q): %v", addr, err)
		}
	}
	for _, addr := range []string{":0", "0.0.0.0:0", "[::]:0", "192.168.1.2:80"} {
		if err := CheckListenAddr(addr); !errors.Is(err, ErrNotLoopback) {
			t.Errorf("CheckListenAddr(%q) = %v, want a loopback refusal", addr, err)
		}
	}
}

func TestDialGuard(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:80", "[::1]:8100"} {
		if err := DialGuard("tcp", addr, nil); err != nil {
			t.Errorf("DialGuard(%q): %v", addr, err)
		}
	}
	for _, addr := range []string{"10.1.2.3:80", "[2001:db8::1]:443", "localhost:80"} {
		if err := DialGuard("tcp", addr, nil); !errors.Is(err, ErrNotLoopback) {
			t.Errorf("DialGuard(%q) = %v, want a loopback refusal", addr, err)
		}
	}
}
