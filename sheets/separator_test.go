package sheets

import (
	"strings"
	"testing"
)

func TestDetectSeparator(t *testing.T) {
	tests := []struct {
		name, text string
		want       rune
	}{
		{"Comma", "a,b\nc,d\n", ','},
		{"Tab", "a\tb, with comma\nc\td\n", '\t'},
		{"Semicolon", "a;b,c\nd;e\nf;g,h,i\n", ';'},
		{"QuotedSeparatorsNotCounted", "a,\"x;y;z\"\nb,\"p;q\"\n", ','},
		{"TieKeepsComma", "a,b;c\nd,e;f\n", ','},
		{"SingleColumn", "a\nb\n", ','},
		{"QuotesBrokenUnderOneSeparator", "a\t\"x, y\"\tz\nb\tc\td\n", '\t'},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := newTextSource(strings.NewReader(tt.text), int64(len(tt.text)))
			if err != nil {
				t.Fatal(err)
			}
			if got, err := detectSeparator(src); err != nil || got != tt.want {
				t.Errorf("detectSeparator(%q) = %q, %v; want %q", tt.text, got, err, tt.want)
			}
		})
	}
}
