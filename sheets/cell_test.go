package sheets

import "testing"

func TestColumnLetter(t *testing.T) {
	for i, want := range map[int]string{0: "A", 1: "B", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA", 16383: "XFD"} {
		if got := columnLetter(i); got != want {
			t.Errorf("columnLetter(%d) = %q, want %q", i, got, want)
		}
	}
}

func TestCleanCell(t *testing.T) {
	tests := map[string]string{
		"  plain  ":                 "plain",
		"\u3000全角\u3000":            "全角",
		"\u00a0nbsp\u200b\ufeff":    "nbsp",
		"a\r\nb\rc\nd":              "a\nb\nc\nd",
		"tab\tkept\x00\x07\x1b\x7f": "tab\tkept",
		"\u0085next-line\u0085":     "next-line",
		"\n\n inner \n lines \n\n":  "inner \n lines",
		"":                          "",
		"\u3000 \t\r\n":             "",
	}
	for in, want := range tests {
		if got := cleanCell(in); got != want {
			t.Errorf("cleanCell(%q) = %q, want %q", in, got, want)
		}
	}
}
