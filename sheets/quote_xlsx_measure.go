package sheets

import (
	"math"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Column widths are in Excel's character units (the width of a digit of the default font), row
// heights in points. Excel does not fit the height of rows with wrapped text when it opens a
// file, so the writer estimates it; these constants make the estimates.
const (
	// wbPixelsPerChar converts character units to pixels, to place pictures: a character of the
	// default font is 8 pixels wide at 96 dpi.
	wbPixelsPerChar = 8
	// wbWrapSlack leaves room for the words that wrap early instead of at the last character.
	wbWrapSlack = 0.9
	// wbWideWidth is the width of a kanji or kana at the base size: 14 px against the 8 px digit
	// of 游ゴシック 11, Excel's unit on a Japanese system.
	wbWideWidth = 1.8
	// wbNarrowWidth is the width of a lower-case letter or punctuation relative to a digit.
	wbNarrowWidth = 0.85
	// wbRowPadding is the space above and below the text of a row, in points.
	wbRowPadding = 4
)

// wbQuoteFont is the typeface of a document and its line spacing as a multiple of the size.
type wbQuoteFont struct {
	family  string
	spacing float64
}

// wbFontFor picks the typeface for a document's language: 游ゴシック, Excel's default on Japanese
// systems, whose tall line spacing (18.75 pt rows at 11 pt) the row heights must allow for, and
// Calibri for English documents.
func wbFontFor(lang string) wbQuoteFont {
	if lang == "ja" {
		return wbQuoteFont{family: "游ゴシック", spacing: 1.7}
	}
	return wbQuoteFont{family: "Calibri", spacing: 1.36}
}

// lineHeight is the height in points of one line of text of the given size.
func (f wbQuoteFont) lineHeight(size float64) float64 {
	return size * f.spacing
}

// wbTextWidth estimates the width of one line of text at the base size, in character units: East
// Asian wide and full-width characters take almost two, capitals and digits one, other letters and
// punctuation a little less, as in proportional fonts. The real width depends on the reader's
// fonts; this errs on the wide side.
func wbTextWidth(s string) float64 {
	var w float64
	for _, r := range s {
		switch kind := width.LookupRune(r).Kind(); {
		case kind == width.EastAsianWide, kind == width.EastAsianFullwidth:
			w += wbWideWidth
		case unicode.IsUpper(r), unicode.IsDigit(r):
			w++
		default:
			w += wbNarrowWidth
		}
	}
	return w
}

// wbWidestLine returns the width of the widest line of s.
func wbWidestLine(s string) float64 {
	var w float64
	for line := range strings.SplitSeq(s, "\n") {
		w = max(w, wbTextWidth(line))
	}
	return w
}

// wbWrappedLines estimates how many lines s takes in a cell chars wide, text scaled by scale
// relative to the base size (a description in a smaller font fits more per line).
func wbWrappedLines(s string, chars, scale float64) int {
	usable := max(chars*wbWrapSlack, 1)
	n := 0
	for line := range strings.SplitSeq(s, "\n") {
		w := wbTextWidth(line) * scale
		if w <= chars {
			n++ // fits: the slack only matters where words wrap
			continue
		}
		n += int(math.Ceil(w / usable))
	}
	return n
}

// wbMoneyWidth is the width of an amount as the money format shows it: sign, currency symbol,
// digits with separators, decimals, plus a margin.
func wbMoneyWidth(minor int64, cur qxQuoteCurrency) float64 {
	digits := qxDecimalText(minor, cur.scale)
	digits = strings.TrimPrefix(digits, "-")
	whole := len(digits)
	if cur.scale > 0 {
		whole -= cur.scale + 1
	}
	return float64(len(digits)+(whole-1)/3) + 4
}
