package sheets

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// pdfCleaner makes user text safe for the PDF font: it composes it (NFC, so a kana typed with a
// combining dakuten becomes one glyph), drops invisible code points the font lacks (variation
// selectors, ZWJ, skin-tone modifiers) and replaces each run of other missing characters (emoji,
// characters beyond the BMP, scripts the font lacks) by one replacement mark. Dropping them
// silently would change what the client reads without a trace, and a character the font lacks
// would print as nothing at all.
type pdfCleaner struct {
	glyphs      *pdfGlyphSet
	replacement string
}

// Replacement marks: 〓 (geta) is what Japanese typesetting prints for an unavailable character;
// English readers know "?" better. Neither is U+FFFD, which the font lacks.
const (
	pdfReplacementJa = "〓"
	pdfReplacementEn = "?"
)

func newPDFCleaner(glyphs *pdfGlyphSet, lang string) pdfCleaner {
	r := pdfReplacementEn
	if lang == "ja" {
		r = pdfReplacementJa
	}
	return pdfCleaner{glyphs: glyphs, replacement: r}
}

// clean returns s with only code points the font can show, keeping line breaks.
func (c pdfCleaner) clean(s string) string {
	if c.plain(s) {
		return s
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	missing := false
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case c.glyphs.has(r) && !unicode.IsControl(r):
			b.WriteRune(r)
		case pdfInvisible(r):
			continue // keeps a run of missing characters joined: 👨‍👩‍👧 is one mark
		default:
			if !missing {
				b.WriteString(c.replacement)
			}
			missing = true
			continue
		}
		missing = false
	}
	return b.String()
}

// plain reports whether s is printable ASCII the font covers, the common case for numbers,
// dates and English text, which then needs no copy.
func (c pdfCleaner) plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e || !c.glyphs.has(rune(s[i])) {
			return false
		}
	}
	return true
}

// pdfInvisible reports whether r modifies or joins the characters around it rather than showing
// something itself.
func pdfInvisible(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Cc, unicode.Variation_Selector) ||
		r >= 0x1F3FB && r <= 0x1F3FF // emoji skin tones
}

// oneLine is clean for a single-line cell: line breaks become spaces.
func (c pdfCleaner) oneLine(s string) string {
	return strings.ReplaceAll(c.clean(s), "\n", " ")
}
