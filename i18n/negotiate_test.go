package i18n

import "testing"

func TestSupported(t *testing.T) {
	for lang, want := range map[string]bool{"ja": true, "en": true, "": false, "fr": false, "JA": false, "en-US": false} {
		if got := Supported(lang); got != want {
			t.Errorf("Supported(%q) = %v, want %v", lang, got, want)
		}
	}
}

func TestMatchAcceptLanguage(t *testing.T) {
	tests := []struct {
		header string
		want   string
		ok     bool
	}{
		{"ja", Japanese, true},
		{"ja-JP", Japanese, true},
		{"en", English, true},
		{"en-US", English, true},
		{"en-GB,en;q=0.8", English, true},
		{"EN-au", English, true},
		{"en;q=0.5, ja;q=0.9", Japanese, true},
		{"ja-JP;q=0.8,en-US;q=0.9", English, true},
		{"ja,en-US;q=0.9,en;q=0.8", Japanese, true},
		{"fr, en;q=0.5", English, true},
		{"de-CH,de;q=0.9,ja;q=0.7", Japanese, true},
		{"fr", "", false},
		{"zh-TW", "", false},
		{"ja;q=0", "", false},
		{"*", "", false},
		{"garbage!!", "", false},
		{"ja;q=high", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := MatchAcceptLanguage(tt.header)
		if got != tt.want || ok != tt.ok {
			t.Errorf("MatchAcceptLanguage(%q) = %q, %v; want %q, %v", tt.header, got, ok, tt.want, tt.ok)
		}
	}
}
