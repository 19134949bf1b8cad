package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestMaskPII: with MASK_PII on, e-mail addresses and phone numbers are masked in the message and
// in string and error attributes, and a client's name wherever it is an attribute; ids, times,
// addresses and amounts are left alone. With it off, the line is as logged.
func TestMaskPII(t *testing.T) {
	logLine := func(mask bool) string {
		var buf bytes.Buffer
		log := newLogger(Config{MaskPII: mask, LogFormat: "json"}, &buf)
		log.Info("reply to taro.yamada@example.co.jp failed",
			"error", errors.New("provider said: call 03-1234-5678 or +81 90-1234-5678, or 09012345678"),
			"client", "株式会社サンプル",
			"task_id", "0b4c2d6e-0123-4567-8901-23456789abcd",
			"remote", "192.168.10.20", "duration_ms", 12.5, "request_id", "0123456789-0123")
		return buf.String()
	}
	masked := logLine(true)
	for _, leak := range []string{"taro.yamada", "1234-5678", "09012345678", "株式会社サンプル"} {
		if strings.Contains(masked, leak) {
			t.Errorf("masked line still has %q: %s", leak, masked)
		}
	}
	for _, kept := range []string{"[email]", "[phone]", "[masked]", "0b4c2d6e-0123-4567-8901-23456789abcd", "192.168.10.20", "12.5", "0123456789-0123"} {
		if !strings.Contains(masked, kept) {
			t.Errorf("masked line lost %q: %s", kept, masked)
		}
	}
	if plain := logLine(false); !strings.Contains(plain, "taro.yamada@example.co.jp") || !strings.Contains(plain, "株式会社サンプル") {
		t.Errorf("with MASK_PII off the line changed: %s", plain)
	}
}
