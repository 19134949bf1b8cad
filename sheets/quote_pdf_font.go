package sheets

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// The PDF font ships inside the binary so a fresh server renders Japanese without installing
// anything; fonts/README says why this font and what its licence asks of us.
var (
	//go:embed fonts/ipaexg.ttf
	pdfFont []byte
	//go:embed fonts/IPA_Font_License_Agreement_v1.0.txt
	pdfFontLicense string
)

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

// pdfZeroWidth marks, among the widths by code point, a glyph that does not advance.
const pdfZeroWidth = 0xFFFF

// pdfFontInfo is the embedded font read once for all documents: what it covers, the width of
// each character, the metrics a PDF's font descriptor states, and the tables a document's subset
// is cut from (slices of the font, not copies).
type pdfFontInfo struct {
	glyphs *pdfGlyphSet
	glyph  []uint16 // by code point: the glyph, 0 for none
	widths []uint16 // by code point: the advance in 1/1000 em, 0 for none, pdfZeroWidth for none to speak of
	desc   pdfFontDescriptor
	tables map[string][]byte
	loca   []int // the offset of each glyph in glyf, and the end of the last
}

// pdfFontDescriptor are the font's metrics in 1/1000 em, as a PDF font descriptor gives them.
type pdfFontDescriptor struct {
	ascent, descent, capHeight int
	bbox                       [4]int
	italicAngle, stemV, flags  int
	missingWidth               int // of characters the font lacks: its .notdef glyph
}

var errPDFBadFont = errors.New("font lacks a table a PDF needs, or is malformed")

// pdfTableTags are the tables a subset keeps, in tag order as a table directory lists them. The
// layout tables (GSUB, GPOS, …) and the vertical metrics are not among them.
func pdfTableTags() []string {
	return []string{"OS/2", "cmap", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post", "prep"}
}

// pdfReadFont reads what every document needs from a TrueType font. The widths are rounded from
// font units to 1/1000 em (a glyph that does not advance marked pdfZeroWidth), as the documents
// have always been measured.
func pdfReadFont(font []byte) (*pdfFontInfo, error) {
	f := &pdfFontInfo{glyph: make([]uint16, 0x10000), widths: make([]uint16, 0x10000), tables: map[string][]byte{}}
	for _, tag := range pdfTableTags() {
		if t, ok := pdfFontTable(font, tag); ok {
			f.tables[tag] = t
		}
	}
	for _, tag := range [...]string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"} {
		if f.tables[tag] == nil {
			return nil, fmt.Errorf("%w: no %s", errPDFBadFont, tag)
		}
	}
	head, hhea, maxp, post := f.tables["head"], f.tables["hhea"], f.tables["maxp"], f.tables["post"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || len(post) < 32 {
		return nil, errPDFBadFont
	}
	u16 := func(t []byte, at int) int { return int(binary.BigEndian.Uint16(t[at:])) }
	i16 := func(t []byte, at int) int { return int(int16(binary.BigEndian.Uint16(t[at:]))) }
	numGlyphs, metrics := u16(maxp, 4), u16(hhea, 34)
	hmtx := f.tables["hmtx"]
	if metrics == 0 || len(hmtx) < 4*metrics {
		return nil, fmt.Errorf("%w: hmtx", errPDFBadFont)
	}
	var err error
	if f.loca, err = pdfLoca(f.tables["loca"], uint16(u16(head, 50)), numGlyphs, len(f.tables["glyf"])); err != nil {
		return nil, err
	}
	scale := 1000 / float64(u16(head, 18))
	units := func(v int) int { return int(float64(v) * scale) }
	advance := func(glyph int) int {
		aw := u16(hmtx, 4*min(glyph, metrics-1))
		if aw >= 1<<15 {
			return 0
		}
		return aw
	}
	f.desc = pdfFontDescriptor{
		ascent: units(i16(hhea, 4)), descent: units(i16(hhea, 6)),
		bbox:         [4]int{units(i16(head, 36)), units(i16(head, 38)), units(i16(head, 40)), units(i16(head, 42))},
		italicAngle:  i16(post, 4),
		missingWidth: int(math.Round(scale * float64(advance(0)))),
	}
	f.desc.capHeight, f.desc.stemV, f.desc.flags = pdfFontStyle(f.tables["OS/2"], post, f.desc, units)
	// A character the font lacks would print as an invisible blank: the text is checked against
	// glyphs before it is drawn (see pdfCleaner).
	f.glyphs = new(pdfGlyphSet)
	err = pdfWalkCmap(font, func(c, glyph int) {
		if glyph >= numGlyphs {
			return
		}
		f.glyphs.add(c)
		w := int(math.Round(scale * float64(advance(glyph))))
		if w == 0 {
			w = pdfZeroWidth
		}
		f.glyph[c], f.widths[c] = uint16(glyph), uint16(w)
	})
	return f, err
}

// pdfFontStyle reads the cap height, stem width and flags of a font descriptor from the OS/2 and
// post tables: symbolic (4), italic (64), bold (262144), fixed pitch (1).
func pdfFontStyle(os2, post []byte, desc pdfFontDescriptor, units func(int) int) (capHeight, stemV, flags int) {
	weight := 500
	capHeight = desc.ascent
	if len(os2) >= 90 {
		weight = int(binary.BigEndian.Uint16(os2[4:]))
		if binary.BigEndian.Uint16(os2) > 1 {
			capHeight = units(int(int16(binary.BigEndian.Uint16(os2[88:]))))
		}
	}
	flags = 4
	if desc.italicAngle != 0 {
		flags |= 64
	}
	if weight >= 600 {
		flags |= 262144
	}
	if binary.BigEndian.Uint32(post[12:]) != 0 {
		flags |= 1
	}
	return capHeight, 50 + int(math.Pow(float64(weight)/65, 2)), flags
}

// width is the advance of r in 1/1000 em, and that of .notdef for a character the font lacks.
func (f *pdfFontInfo) width(r rune) int {
	if r < 0 || r >= 0x10000 || f.widths[r] == 0 {
		return f.desc.missingWidth
	}
	if f.widths[r] == pdfZeroWidth {
		return 0
	}
	return int(f.widths[r])
}

var errPDFNoCmap = errors.New("font has no Unicode BMP cmap (format 4)")

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
// the first one.
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
