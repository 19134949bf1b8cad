package sheets

import (
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

// pdfRuneSet is the set of the characters of s.
func pdfRuneSet(s string) *pdfGlyphSet {
	set := new(pdfGlyphSet)
	for _, r := range s {
		set.add(int(r))
	}
	return set
}

// TestPDFSubsetFontWidths checks that fpdf reads a subset of the embedded font and measures its
// characters as in the whole font: the layout cannot tell them apart.
func TestPDFSubsetFontWidths(t *testing.T) {
	const text = "見積書 御見積金額 ¥1,234,567（税込）ABCxyz…▲・•〓？"
	subset, err := pdfSubsetFont(pdfFont, pdfRuneSet(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(subset) > len(pdfFont)/20 {
		t.Errorf("subset of %d characters is %d bytes, the whole font %d", len([]rune(text)), len(subset), len(pdfFont))
	}
	load := func(font []byte) *fpdf.Fpdf {
		pdf := fpdf.New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes(pdfFontFamily, "", font)
		pdf.SetFont(pdfFontFamily, "", 10)
		if err := pdf.Error(); err != nil {
			t.Fatal(err)
		}
		return pdf
	}
	whole, cut := load(pdfFont), load(subset)
	for _, r := range text {
		if got, want := cut.GetStringSymbolWidth(string(r)), whole.GetStringSymbolWidth(string(r)); got != want {
			t.Errorf("%q: width %d in the subset, %d in the font", r, got, want)
		}
	}
}

// TestPDFSubsetCoversQuote: the characters collected from a quotation are every one its PDF
// draws, in both languages and with hostile text, so no document is laid out twice.
func TestPDFSubsetCoversQuote(t *testing.T) {
	glyphs, err := pdfFontGlyphs()
	if err != nil {
		t.Fatal(err)
	}
	hostile := pdfTestQuote("ja", 3)
	hostile.Lines[0].Name = "ｶﾞｷﾞ か\u3099 👨‍👩‍👧 𠮷野家\uE000"
	hostile.Remarks = append(hostile.Remarks, strings.Repeat("長い備考 ", 3000))
	for name, q := range map[string]Quote{
		"ja": pdfTestQuote("ja", 40), "en": pdfTestQuote("en", 40), "hostile": hostile,
		"sample": sampleQuote(t, "ja"),
	} {
		clean := newPDFCleaner(glyphs, q.Lang)
		d, err := drawPDF(q, clean, pdfQuoteRunes(q, clean))
		if err != nil {
			t.Fatal(err)
		}
		if d.short {
			t.Errorf("%s: a text drew a character the subset lacks", name)
		}
	}
}

// TestPDFSubsetShortNoticed: a character missing from the subset is noticed as it is drawn, which
// makes WritePDF lay the document out again with the whole font.
func TestPDFSubsetShortNoticed(t *testing.T) {
	glyphs, err := pdfFontGlyphs()
	if err != nil {
		t.Fatal(err)
	}
	q := pdfTestQuote("ja", 3)
	clean := newPDFCleaner(glyphs, q.Lang)
	runes := pdfQuoteRunes(q, clean)
	d, err := drawPDF(q, clean, pdfRuneSet(" 0123456789"))
	if err != nil || !d.short {
		t.Errorf("drawn with digits only: short = %v (%v), want it noticed", d != nil && d.short, err)
	}
	if runes.has('見') == false || runes.has('〓') == false {
		t.Error("the heading or the replacement mark is not collected")
	}
}
