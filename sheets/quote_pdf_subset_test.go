package sheets

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// pdfRuneSet is the set of the characters of s.
func pdfRuneSet(s string) *pdfGlyphSet {
	set := new(pdfGlyphSet)
	for _, r := range s {
		set.add(int(r))
	}
	return set
}

// pdfTestFont reads the embedded font, failing the test if it cannot.
func pdfTestFont(tb testing.TB) *pdfFontInfo {
	tb.Helper()
	font, err := pdfReadFont(pdfFont)
	if err != nil {
		tb.Fatal(err)
	}
	return font
}

// pdfFontGlyphs returns the code points of the embedded font.
func pdfFontGlyphs() (*pdfGlyphSet, error) {
	font, err := pdfReadFont(pdfFont)
	if err != nil {
		return nil, err
	}
	return font.glyphs, nil
}

// TestPDFSubsetFontWidths checks that a subset of the embedded font is a font of its own, small,
// with the characters asked for and their widths as in the whole font: the layout cannot tell
// them apart.
func TestPDFSubsetFontWidths(t *testing.T) {
	const text = "見積書 御見積金額 ¥1,234,567（税込）ABCxyz…▲・•〓？"
	whole := pdfTestFont(t)
	subset, cids, err := whole.subset(pdfRuneSet(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(subset) > len(pdfFont)/20 {
		t.Errorf("subset of %d characters is %d bytes, the whole font %d", len([]rune(text)), len(subset), len(pdfFont))
	}
	cut, err := pdfReadFont(subset)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range text {
		if !cut.glyphs.has(r) || cut.width(r) != whole.width(r) {
			t.Errorf("%q: width %d in the subset (has it: %v), %d in the font", r, cut.width(r), cut.glyphs.has(r), whole.width(r))
		}
	}
	for _, c := range cids {
		if int(cut.glyph[c.code]) != c.glyph {
			t.Errorf("U+%04X: glyph %d in the subset's cmap, %d in the PDF's map", c.code, cut.glyph[c.code], c.glyph)
		}
	}
	if cut.glyphs.has('円') {
		t.Error("the subset has a character it was not asked for")
	}
}

// TestPDFSubsetWholeFont cuts the font to every character it has: too many for one cmap
// subtable, so the subset leaves its cmap out (the PDF maps codes to glyphs itself).
func TestPDFSubsetWholeFont(t *testing.T) {
	whole := pdfTestFont(t)
	subset, cids, err := whole.subset(whole.glyphs)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := pdfFontTable(subset, "cmap"); ok {
		t.Error("the subset of every character has a cmap")
	}
	n := 0
	for _, word := range whole.glyphs {
		for ; word != 0; word &= word - 1 {
			n++
		}
	}
	if len(cids) != n {
		t.Errorf("%d characters mapped, the font has %d", len(cids), n)
	}
}

// TestPDFWriteCIDToGID checks the map from codes to glyphs: two bytes a code up to the last one,
// across the chunks it is written in.
func TestPDFWriteCIDToGID(t *testing.T) {
	cids := []pdfCID{{0x20, 1}, {0x7FF, 2}, {0x800, 3}, {0x30A2, 0x1234}}
	var buf bytes.Buffer
	if err := pdfWriteCIDToGID(&buf, cids); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	if len(out) != 2*(0x30A2+1) {
		t.Fatalf("%d bytes, want %d", len(out), 2*(0x30A2+1))
	}
	want := map[int]int{0x20: 1, 0x7FF: 2, 0x800: 3, 0x30A2: 0x1234}
	for code := range len(out) / 2 {
		if got := int(binary.BigEndian.Uint16(out[2*code:])); got != want[code] {
			t.Errorf("code U+%04X → glyph %d, want %d", code, got, want[code])
		}
	}
}

// TestPDFPNGDPI reads the resolution a PNG declares, in either unit, and 72 dpi without one.
func TestPDFPNGDPI(t *testing.T) {
	chunk := func(kind string, body []byte) []byte {
		c := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
		c = append(append(c, kind...), body...)
		return append(c, 0, 0, 0, 0) // the CRC, which is not checked
	}
	phys := func(x, y uint32, unit byte) []byte {
		return append(binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, x), y), unit)
	}
	png := func(chunks ...[]byte) []byte {
		out := []byte("\x89PNG\r\n\x1a\n")
		out = append(out, chunk("IHDR", make([]byte, 13))...)
		for _, c := range chunks {
			out = append(out, c...)
		}
		return append(out, chunk("IDAT", nil)...)
	}
	for name, tt := range map[string]struct {
		data []byte
		want float64
	}{
		"none":         {png(), 72},
		"per metre":    {png(chunk("pHYs", phys(13780, 13780, 1))), 13780 / 39.3701},
		"unitless":     {png(chunk("pHYs", phys(300, 300, 0))), 300},
		"uneven axes":  {png(chunk("pHYs", phys(300, 150, 0))), 72},
		"after pixels": {append(png(), chunk("pHYs", phys(300, 300, 0))...), 72},
	} {
		if got := pdfPNGDPI(tt.data); got != tt.want {
			t.Errorf("%s: %v dpi, want %v", name, got, tt.want)
		}
	}
}
