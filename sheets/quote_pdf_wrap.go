package sheets

import (
	"strings"
	"unicode"
)

// pdfWrap breaks s into lines no wider than maxW, as measured by width, so that the layout knows
// how tall a row will be before drawing it. Breaking only at spaces would not do: Japanese text
// has none. Lines break between any two Japanese characters, and between words in Latin text, under the basic kinsoku rules (no 。、）」 at the start of a line, no （「 at its end). A
// word longer than a line is cut where it must. Explicit line breaks are kept.
func pdfWrap(s string, maxW float64, width func(rune) float64) []string {
	var lines []string
	for para := range strings.SplitSeq(strings.TrimSpace(s), "\n") {
		lines = pdfWrapParagraph(lines, []rune(strings.TrimRight(para, " ")), maxW, width)
	}
	return lines
}

// pdfWrapParagraph appends the lines of one paragraph to lines.
func pdfWrapParagraph(lines []string, runes []rune, maxW float64,
	width func(rune) float64) []string {
	if len(runes) == 0 {
		return append(lines, "")
	}
	for start := 0; start < len(runes); {
		end := start
		for w := 0.0; end < len(runes); end++ {
			if w += width(runes[end]); w > maxW {
				break
			}
		}
		if end == len(runes) {
			return append(lines, string(runes[start:]))
		}
		cut := pdfBreakBefore(runes, start, end)
		lines = append(lines, strings.TrimRight(string(runes[start:cut]), " \u3000"))
		for start = cut; start < len(runes) && runes[start] == ' '; start++ {
		}
	}
	return lines
}

// pdfBreakBefore returns where the line that starts at start and fits up to end should end: after
// a space in the last third of the line if there is one, so that mixed text such as an address
// keeps its words together (「丸の内ビル12階」 rather than 「丸の内ビ」「ル12階」); otherwise at
// the last break opportunity; otherwise at end itself (at least one character, so a glyph wider
// than the line still moves on).
func pdfBreakBefore(runes []rune, start, end int) int {
	for k := end; k > start+(end-start)*2/3; k-- {
		if runes[k-1] == ' ' && pdfCanBreak(runes[k-1], runes[k]) {
			return k
		}
	}
	for k := end; k > start; k-- {
		if pdfCanBreak(runes[k-1], runes[k]) {
			return k
		}
	}
	return max(end, start+1)
}

// pdfCanBreak reports whether a line may end between a and b.
func pdfCanBreak(a, b rune) bool {
	switch {
	case strings.ContainsRune(pdfNoLineStart, b), strings.ContainsRune(pdfNoLineEnd, a):
		return false
	case a == ' ' || a == '\u3000':
		return true
	case b == ' ':
		return false
	case pdfWide(a) || pdfWide(b):
		return true
	default:
		return (a == '-' || a == '/') && (unicode.IsLetter(b) || unicode.IsDigit(b))
	}
}

// Kinsoku (禁則) characters: closing punctuation, small kana and the long vowel mark never start
// a line; opening brackets and currency signs never end one.
const (
	pdfNoLineStart = "、。，．・：；？！゛゜ヽヾゝゞ々ー）］｝」』】〕〉》〙〟’”ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ…‥,.:;?!)]}%"
	pdfNoLineEnd   = "（［｛「『【〔〈《〘〝‘“([{¥$＄￥"
)

// pdfWide reports whether r is written without spaces between words (Japanese and Chinese
// characters, kana, full-width forms and CJK punctuation), so a line may break beside it.
func pdfWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}
