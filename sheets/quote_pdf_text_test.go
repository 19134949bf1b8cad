package sheets

import (
	"slices"
	"strings"
	"testing"
)

func TestPDFFontGlyphs(t *testing.T) {
	g, err := pdfFontGlyphs()
	if err != nil {
		t.Fatal(err)
	}
	// What a quotation needs, in both languages.
	for _, r := range "御見積書株式会社ぁアｱ¥￥▲・※〒〓（）「」ー々髙﨑AZaz09 ,.%$€" {
		if !g.has(r) {
			t.Errorf("font lacks %q (U+%04X)", r, r)
		}
	}
	// What it lacks: emoji, beyond the BMP, private use (the page-count alias), U+FFFD.
	for _, r := range []rune{'😀', '𠮷', 0xF8E1, 0xE1E1, 0xA3A1, 0xFFFD, 0x10000} {
		if g.has(r) {
			t.Errorf("font claims U+%04X", r)
		}
	}
}

func TestPDFCleaner(t *testing.T) {
	g, err := pdfFontGlyphs()
	if err != nil {
		t.Fatal(err)
	}
	ja, en := newPDFCleaner(g, "ja"), newPDFCleaner(g, "en")
	for _, tc := range []struct{ in, ja, en string }{
		{"Plain ASCII 123", "Plain ASCII 123", "Plain ASCII 123"},
		{"ログイン🔐画面", "ログイン〓画面", "ログイン?画面"},
		{"家族👨‍👩‍👧です", "家族〓です", "家族?です"},     // a ZWJ sequence is one mark
		{"👍🏽👍", "〓", "?"},                   // skin tones are dropped, a run is one mark
		{"テ\u3099スト", "デスト", "デスト"},         // composed (NFC)
		{"葛\U000E0100城", "葛城", "葛城"},        // ideographic variation selector dropped
		{"𠮷野家", "〓野家", "?野家"},               // beyond the BMP
		{"a\tb\nc", "a b\nc", "a b\nc"},     // tabs become spaces, line breaks stay
		{"alias\uF8E1", "alias〓", "alias?"}, // the page-count alias cannot come from text
		{"❤️ 愛", "〓 愛", "? 愛"},              // U+2764 missing, its VS16 dropped
	} {
		if got := ja.clean(tc.in); got != tc.ja {
			t.Errorf("ja clean(%q) = %q, want %q", tc.in, got, tc.ja)
		}
		if got := en.clean(tc.in); got != tc.en {
			t.Errorf("en clean(%q) = %q, want %q", tc.in, got, tc.en)
		}
	}
	if got := ja.oneLine("a\nb"); got != "a b" {
		t.Errorf("oneLine = %q", got)
	}
}

func TestPDFWrap(t *testing.T) {
	// Every character is 1 wide, so maxW is a count of characters.
	unit := func(rune) float64 { return 1 }
	for _, tc := range []struct {
		in   string
		maxW float64
		want []string
	}{
		{"", 10, []string{""}},
		{"短い", 10, []string{"短い"}},
		{"要件定義書と基本設計書", 5, []string{"要件定義書", "と基本設計", "書"}},
		// 。 and 」 never start a line; 「 never ends one.
		{"あいうえ。かきく", 4, []string{"あいう", "え。かき", "く"}},
		{"あいう「かき」", 4, []string{"あいう", "「かき」"}},
		{"the quick brown fox", 10, []string{"the quick", "brown fox"}},
		{"supercalifragilistic", 8, []string{"supercal", "ifragili", "stic"}},
		{"GoでAPIを作る", 4, []string{"Goで", "APIを", "作る"}},
		{"一行目\n二行目", 10, []string{"一行目", "二行目"}},
		// A space late in the line is preferred to breaking inside a word.
		{"東京都千代田区 丸の内ビル", 10, []string{"東京都千代田区", "丸の内ビル"}},
		{"path/to/file", 8, []string{"path/to/", "file"}},
	} {
		if got := pdfWrap(tc.in, tc.maxW, unit); !slices.Equal(got, tc.want) {
			t.Errorf("pdfWrap(%q, %v) = %q, want %q", tc.in, tc.maxW, got, tc.want)
		}
	}
}

// TestPDFWrapFits checks on long mixed text that no line is wider than asked and nothing is
// lost but the spaces where lines break.
func TestPDFWrapFits(t *testing.T) {
	width := func(r rune) float64 {
		if pdfWide(r) {
			return 1
		}
		return 0.5
	}
	in := strings.Repeat("本システムはGo 1.26で実装し、PostgreSQL（または SQLite）にデータを保存する。", 20)
	lines := pdfWrap(in, 17.5, width)
	for _, l := range lines {
		w := 0.0
		for _, r := range l {
			w += width(r)
		}
		if w > 17.5 {
			t.Errorf("line %q is %v wide", l, w)
		}
	}
	strip := func(s string) string { return strings.ReplaceAll(s, " ", "") }
	if got := strip(strings.Join(lines, "")); got != strip(in) {
		t.Errorf("text changed:\n got %q\nwant %q", got, strip(in))
	}
}
