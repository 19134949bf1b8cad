package sheets

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"sync"
)

// The PDF font ships inside the binary so a fresh server renders Japanese without installing
// anything; fonts/README says why this font and what its licence asks of us.
var (
	//go:embed fonts/ipaexg.ttf
	pdfFont []byte
	//go:embed fonts/IPA_Font_License_Agreement_v1.0.txt
	pdfFontLicense string
)

// pdfFontFamily is the name the font is registered under in each document.
const pdfFontFamily = "ipaexg"

// PDFFontLicense returns the licence of the font embedded in the binary (IPA Font License
// Agreement v1.0). Redistributing the font, which shipping the binary does, requires that a copy
// of it goes along: serve it with the other third-party notices.
func PDFFontLicense() string { return pdfFontLicense }

// pdfGlyphSet records which BMP code points the font has a glyph for: one bit per code point.
type pdfGlyphSet [0x10000 / 64]uint64

func (g *pdfGlyphSet) has(r rune) bool {
	return r >= 0 && r < 0x10000 && g[r/64]&(1<<(uint(r)%64)) != 0
}

func (g *pdfGlyphSet) add(r int) { g[r/64] |= 1 << (uint(r) % 64) }

// The coverage is read from the font's cmap once per process: fpdf itself would happily emit a
// code point the font lacks (an invisible blank in the PDF) or panic on some beyond the BMP, so the
// text is checked against this set before it reaches fpdf.
var (
	pdfGlyphsOnce sync.Once
	pdfGlyphs     *pdfGlyphSet
	pdfGlyphsErr  error
)

// pdfFontGlyphs returns the code points of the embedded font.
func pdfFontGlyphs() (*pdfGlyphSet, error) {
	pdfGlyphsOnce.Do(func() { pdfGlyphs, pdfGlyphsErr = pdfReadGlyphs(pdfFont) })
	return pdfGlyphs, pdfGlyphsErr
}

var errPDFNoCmap = errors.New("font has no Unicode BMP cmap (format 4)")

// pdfReadGlyphs reads the Unicode BMP subtable (format 4) of a TrueType cmap, the same subtable
// fpdf maps text through, so both agree on what the font can show.
func pdfReadGlyphs(font []byte) (*pdfGlyphSet, error) {
	g := new(pdfGlyphSet)
	err := pdfWalkCmap(font, func(c, _ int) { g.add(c) })
	return g, err
}

// pdfWalkCmap calls found with every code point of the font's Unicode BMP cmap (format 4) and
// its glyph, in code point order.
func pdfWalkCmap(font []byte, found func(c, glyph int)) error {
	cmap, ok := pdfFontTable(font, "cmap")
	if !ok {
		return errPDFNoCmap
	}
	sub, ok := pdfUnicodeCmap(cmap)
	if !ok {
		return errPDFNoCmap
	}
	return pdfWalkCmap4(sub, found)
}

// pdfRecords returns the fixed-size records of a directory in a font: a 16-bit count at countAt,
// then the records from first on, size bytes each. Records past the end of data are left out.
func pdfRecords(data []byte, countAt, first, size int) [][]byte {
	if len(data) < countAt+2 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(data[countAt:]))
	recs := make([][]byte, 0, n)
	for i := range n {
		at := first + size*i
		if at+size > len(data) {
			break
		}
		recs = append(recs, data[at:at+size])
	}
	return recs
}

// pdfFontTable returns the bytes of the named table of a TrueType font.
func pdfFontTable(font []byte, tag string) ([]byte, bool) {
	for _, rec := range pdfRecords(font, 4, 12, 16) {
		if string(rec[:4]) != tag {
			continue
		}
		off := int(binary.BigEndian.Uint32(rec[8:]))
		length := int(binary.BigEndian.Uint32(rec[12:]))
		if off+length > len(font) {
			return nil, false
		}
		return font[off : off+length], true
	}
	return nil, false
}

// pdfUnicodeCmap finds the format 4 subtable for Unicode (platform 0, or Windows Unicode BMP),
// the first one as fpdf does.
func pdfUnicodeCmap(cmap []byte) ([]byte, bool) {
	for _, rec := range pdfRecords(cmap, 2, 4, 8) {
		platform := binary.BigEndian.Uint16(rec)
		encoding := binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if !(platform == 0 || platform == 3 && encoding == 1) || off+2 > len(cmap) {
			continue
		}
		if binary.BigEndian.Uint16(cmap[off:]) == 4 {
			return cmap[off:], true
		}
	}
	return nil, false
}

// pdfWalkCmap4 walks the segments of a format 4 subtable and calls found with every code point
// that maps to a glyph other than .notdef.
func pdfWalkCmap4(sub []byte, found func(c, glyph int)) error {
	if len(sub) < 14 {
		return errPDFNoCmap
	}
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	ends := 14
	starts := ends + 2*segs + 2
	deltas := starts + 2*segs
	ranges := deltas + 2*segs
	if ranges+2*segs > len(sub) {
		return errPDFNoCmap
	}
	u16 := func(at int) int { return int(binary.BigEndian.Uint16(sub[at:])) }
	for s := range segs {
		end, start := u16(ends+2*s), u16(starts+2*s)
		delta, rangeOff := u16(deltas+2*s), u16(ranges+2*s)
		for c := start; c <= end && c < 0xFFFF; c++ {
			glyph := (c + delta) & 0xFFFF
			if rangeOff != 0 {
				at := ranges + 2*s + rangeOff + 2*(c-start)
				if at+2 > len(sub) {
					continue
				}
				if glyph = u16(at); glyph != 0 {
					glyph = (glyph + delta) & 0xFFFF
				}
			}
			if glyph != 0 {
				found(c, glyph)
			}
		}
	}
	return nil
}
