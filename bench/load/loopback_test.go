package main

import (
	"errors"
	"testing"
)

func TestParseTargetAcceptsLoopback(t *testing.T) {
	for _, raw := range []string{
		"http://127.0.0.1:8100/health",
		"http://127.1.2.3/",
		"http://localhost:8100/",
		"http://LOCALHOST/",
		"http://[::1]:8100/api/v1/health",
		"http://[::ffff:127.0.0.1]/",
		"https://127.0.0.1/",
	} {
		if _, err := parseTarget(raw); err != nil {
			t.Errorf("parseTarget(%q): %v", raw, err)
		}
	}
}

func TestParseTargetRefusesEverythingElse(t *testing.T) {
	for _, raw := range []string{
		"http://10.0.0.1/",
		"http://192.168.1.10:8100/",
		"http://172.16.0.1/",
		"http://8.8.8.8/",
		"http://0.0.0.0:8100/",
		"http://[::]:8100/",
		"http://example.com/",
		"http://localhost.example.com/",
		"http://127.0.0.1.example.com/",
		"http://2130706433/", // 127.0.0.1 as a decimal: resolvers disagree, so refused
		"http://[2001:db8::1]/",
	} {
		_, err := parseTarget(raw)
		if !errors.Is(err, errNotLoopback) {
			t.Errorf("parseTarget(%q) = %v, want a loopback refusal", raw, err)
		}
	}
}

func TestParseTargetRefusesMalformed(t *testing.T) {
	for _, raw := range []string{"127.0.0.1:8100", "ftp://127.0.0.1/", "http:///health", "::"} {
		if _, err := parseTarget(raw); err == nil {
			t.Errorf("parseTarget(%q) accepted", raw)
		}
	}
}

func TestDialGuard(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:80", "[::1]:8100", "127.9.9.9:1"} {
		if err := dialGuard("tcp", addr, nil); err != nil {
			t.Errorf("dialGuard(%q): %v", addr, err)
		}
	}
	for _, addr := range []string{"10.1.2.3:80", "[2001:db8::1]:443", "93.184.216.34:80", "localhost:80"} {
		if err := dialGuard("tcp", addr, nil); !errors.Is(err, errNotLoopback) {
			t.Errorf("dialGuard(%q) = %v, want a loopback refusal", addr, err)
		}
	}
}
