package sheets

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
)

// A document's font is the embedded font cut down to the characters the document draws: a few
// hundred glyphs, tens of kilobytes, instead of 6 MB. The glyphs kept are numbered anew, in their
// old order, so that the tables walked glyph by glyph (hmtx, loca) are as short as the subset; the
// PDF maps each character to its new glyph (CIDToGIDMap).

var errPDFTooManyRunes = errors.New("too many characters for one cmap subtable")

// pdfCID is a character of a document's font and its glyph in the subset.
type pdfCID struct{ code, glyph int }

// subset returns the font with the glyphs of runes only (and those they are made of), and each
// character of runes the font has with its glyph in the subset, in code point order.
func (f *pdfFontInfo) subset(runes *pdfGlyphSet) ([]byte, []pdfCID, error) {
	tables := make(map[string][]byte, len(f.tables))
	for tag, t := range f.tables {
		tables[tag] = t
	}
	used := make([]bool, len(f.loca)-1)
	used[0] = true // .notdef
	var cids []pdfCID
	for word, set := range runes {
		for ; set != 0; set &= set - 1 {
			c := word*64 + bits.TrailingZeros64(set)
			if g := int(f.glyph[c]); g != 0 {
				cids = append(cids, pdfCID{c, g})
				used[g] = true
			}
		}
	}
	if err := pdfUseComponents(tables["glyf"], f.loca, used); err != nil {
		return nil, nil, err
	}
	// newID numbers the glyphs kept, in their old order.
	newID := make(map[int]int, len(cids)+1)
	for g, u := range used {
		if u {
			newID[g] = len(newID)
		}
	}
	for i := range cids {
		cids[i].glyph = newID[cids[i].glyph]
	}
	var err error
	switch tables["cmap"], err = pdfCmap4(cids); {
	case errors.Is(err, errPDFTooManyRunes):
		// The PDF maps characters to glyphs itself; a font program need not (ISO 32000, 9.9).
		delete(tables, "cmap")
	case err != nil:
		return nil, nil, err
	}
	kept := len(newID)
	if tables["hmtx"], err = pdfKeepMetrics(tables["hmtx"], tables["hhea"], used, kept); err != nil {
		return nil, nil, err
	}
	tables["glyf"], tables["loca"] = pdfKeepGlyphs(tables["glyf"], f.loca, used, newID)
	tables["hhea"] = pdfPatch16(tables["hhea"], 34, kept) // numberOfHMetrics
	tables["maxp"] = pdfPatch16(tables["maxp"], 4, kept)  // numGlyphs
	head := pdfPatch16(tables["head"], 50, 1)             // indexToLocFormat: long offsets
	binary.BigEndian.PutUint32(head[8:], 0)               // checkSumAdjustment, set below
	tables["head"] = head
	// Version 3 of post names no glyphs.
	post := append([]byte(nil), tables["post"][:32]...)
	binary.BigEndian.PutUint32(post, 0x00030000)
	tables["post"] = post

	tags := pdfTableTags()
	out := pdfAssembleFont(tags, tables)
	at := 12 + 16*pdfTableIndex(tags, tables, "head")
	headAt := int(binary.BigEndian.Uint32(out[at+8:]))
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-pdfChecksum(out))
	return out, cids, nil
}

// pdfLoca reads the glyph offsets of a loca table, short (format 0) or long: numGlyphs+1 of
// them, each within glyf.
func pdfLoca(loca []byte, format uint16, numGlyphs, glyfLen int) ([]int, error) {
	offsets := make([]int, numGlyphs+1)
	for i := range offsets {
		switch {
		case format == 0 && 2*i+2 <= len(loca):
			offsets[i] = 2 * int(binary.BigEndian.Uint16(loca[2*i:]))
		case format == 1 && 4*i+4 <= len(loca):
			offsets[i] = int(binary.BigEndian.Uint32(loca[4*i:]))
		default:
			return nil, fmt.Errorf("%w: loca", errPDFBadFont)
		}
		if offsets[i] > glyfLen || i > 0 && offsets[i] < offsets[i-1] {
			return nil, fmt.Errorf("%w: loca", errPDFBadFont)
		}
	}
	return offsets, nil
}

// Flags of a component of a composite glyph: what follows its glyph index.
const (
	pdfArgsAreWords = 0x0001
	pdfHasScale     = 0x0008
	pdfMoreParts    = 0x0020
	pdfHasXYScale   = 0x0040
	pdfHasTwoByTwo  = 0x0080
)

// pdfUseComponents marks as used the glyphs that used composite glyphs are made of, and theirs in
// turn.
func pdfUseComponents(glyf []byte, loca []int, used []bool) error {
	var todo []int
	for g, u := range used {
		if u {
			todo = append(todo, g)
		}
	}
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		data := glyf[loca[g]:loca[g+1]]
		err := pdfEachComponent(data, func(at int) error {
			part := int(binary.BigEndian.Uint16(data[at:]))
			if part >= len(used) {
				return fmt.Errorf("%w: glyph %d", errPDFBadFont, g)
			}
			if !used[part] {
				used[part] = true
				todo = append(todo, part)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// pdfEachComponent calls found with where the glyph index of each component of a composite glyph
// is in its data; a simple or empty glyph has none.
func pdfEachComponent(data []byte, found func(at int) error) error {
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return nil
	}
	for at := 10; ; {
		if at+4 > len(data) {
			return fmt.Errorf("%w: composite glyph", errPDFBadFont)
		}
		flags := binary.BigEndian.Uint16(data[at:])
		if err := found(at + 2); err != nil {
			return err
		}
		at += 4 + 2
		if flags&pdfArgsAreWords != 0 {
			at += 2
		}
		switch {
		case flags&pdfHasScale != 0:
			at += 2
		case flags&pdfHasXYScale != 0:
			at += 4
		case flags&pdfHasTwoByTwo != 0:
			at += 8
		}
		if flags&pdfMoreParts == 0 {
			return nil
		}
	}
}

// pdfKeepGlyphs returns the glyf table of the used glyphs, in their new numbering, each 4-byte
// aligned and its components renumbered, and the long loca table that finds them.
func pdfKeepGlyphs(glyf []byte, loca []int, used []bool, newID map[int]int) (keptGlyf, keptLoca []byte) {
	size := 0
	for g, u := range used {
		if u {
			size += (loca[g+1] - loca[g] + 3) &^ 3
		}
	}
	keptGlyf = make([]byte, 0, size)
	keptLoca = make([]byte, 4*(len(newID)+1))
	for g, u := range used {
		if !u {
			continue
		}
		binary.BigEndian.PutUint32(keptLoca[4*newID[g]:], uint32(len(keptGlyf)))
		start := len(keptGlyf)
		keptGlyf = append(keptGlyf, glyf[loca[g]:loca[g+1]]...)
		data := keptGlyf[start:]
		// pdfUseComponents has checked every component.
		_ = pdfEachComponent(data, func(at int) error {
			binary.BigEndian.PutUint16(data[at:], uint16(newID[int(binary.BigEndian.Uint16(data[at:]))]))
			return nil
		})
		keptGlyf = append(keptGlyf, make([]byte, -len(keptGlyf)&3)...)
	}
	binary.BigEndian.PutUint32(keptLoca[4*len(newID):], uint32(len(keptGlyf)))
	return keptGlyf, keptLoca
}

// pdfKeepMetrics returns the hmtx table of the kept glyphs (the used ones, in their new
// numbering), each with its advance width and left side bearing: in the font, the glyphs past
// numberOfHMetrics share the last advance.
func pdfKeepMetrics(hmtx, hhea []byte, used []bool, kept int) ([]byte, error) {
	if len(hhea) < 36 {
		return nil, fmt.Errorf("%w: hhea", errPDFBadFont)
	}
	metrics := int(binary.BigEndian.Uint16(hhea[34:]))
	if metrics == 0 || len(hmtx) < 4*metrics+2*(len(used)-metrics) {
		return nil, fmt.Errorf("%w: hmtx", errPDFBadFont)
	}
	out := make([]byte, 0, 4*kept)
	for g, u := range used {
		if !u {
			continue
		}
		var advance, lsb []byte
		if g < metrics {
			advance, lsb = hmtx[4*g:4*g+2], hmtx[4*g+2:4*g+4]
		} else {
			at := 4*metrics + 2*(g-metrics)
			advance, lsb = hmtx[4*metrics-4:4*metrics-2], hmtx[at:at+2]
		}
		out = append(append(out, advance...), lsb...)
	}
	return out, nil
}

// pdfPatch16 returns a copy of table with the 16-bit value at offset at set to v.
func pdfPatch16(table []byte, at, v int) []byte {
	out := append([]byte(nil), table...)
	binary.BigEndian.PutUint16(out[at:], uint16(v))
	return out
}

// pdfCmap4 writes a cmap table of one Windows Unicode BMP subtable (format 4) mapping each code
// point of cids, in code point order, to its glyph: a segment for each run of code points whose
// glyphs follow each other too.
func pdfCmap4(cids []pdfCID) ([]byte, error) {
	type segment struct{ start, end, delta int }
	var segs []segment
	for _, p := range cids {
		c, delta := p.code, (p.glyph-p.code)&0xFFFF
		if n := len(segs); n > 0 && segs[n-1].end == c-1 && segs[n-1].delta == delta {
			segs[n-1].end = c
			continue
		}
		segs = append(segs, segment{c, c, delta})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF, 1}) // the closing segment the format requires
	n := len(segs)
	length := 16 + 8*n
	if length > 0xFFFF {
		return nil, errPDFTooManyRunes
	}
	out := make([]byte, 12+length)
	put := func(at, v int) { binary.BigEndian.PutUint16(out[at:], uint16(v)) }
	// cmap header: version 0, one subtable, for platform 3 (Windows) encoding 1 (Unicode BMP).
	put(2, 1)
	put(4, 3)
	put(6, 1)
	binary.BigEndian.PutUint32(out[8:], 12)
	sub := 12
	log := bits.Len(uint(n)) - 1
	put(sub, 4)
	put(sub+2, length)
	put(sub+6, 2*n)
	put(sub+8, 2<<log)
	put(sub+10, log)
	put(sub+12, 2*n-2<<log)
	ends, starts, deltas := sub+14, sub+16+2*n, sub+16+4*n
	for i, s := range segs {
		put(ends+2*i, s.end)
		put(starts+2*i, s.start)
		put(deltas+2*i, s.delta)
	}
	return out, nil // idRangeOffsets stay 0: every glyph is code point + delta
}

// pdfAssembleFont writes a TrueType font of the tables present, in the order of tags (which must
// be sorted), each 4-byte aligned and with its checksum.
func pdfAssembleFont(tags []string, tables map[string][]byte) []byte {
	n, size := 0, 0
	for _, tag := range tags {
		if t, ok := tables[tag]; ok {
			n++
			size += (len(t) + 3) &^ 3
		}
	}
	out := make([]byte, 12+16*n, 12+16*n+size)
	log := bits.Len(uint(n)) - 1
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16<<log))
	binary.BigEndian.PutUint16(out[8:], uint16(log))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16<<log))
	rec := 12
	for _, tag := range tags {
		t, ok := tables[tag]
		if !ok {
			continue
		}
		at := len(out)
		out = append(out, t...)
		out = append(out, make([]byte, -len(out)&3)...)
		copy(out[rec:], tag)
		binary.BigEndian.PutUint32(out[rec+4:], pdfChecksum(out[at:]))
		binary.BigEndian.PutUint32(out[rec+8:], uint32(at))
		binary.BigEndian.PutUint32(out[rec+12:], uint32(len(t)))
		rec += 16
	}
	return out
}

// pdfTableIndex is the position of tag among the tables present, in the order of tags.
func pdfTableIndex(tags []string, tables map[string][]byte, tag string) int {
	i := 0
	for _, t := range tags {
		if t == tag {
			return i
		}
		if _, ok := tables[t]; ok {
			i++
		}
	}
	return -1
}

// pdfChecksum is the TrueType checksum of data, 4-byte aligned: the sum of its 32-bit words.
func pdfChecksum(data []byte) uint32 {
	var sum uint32
	for i := 0; i+4 <= len(data); i += 4 {
		sum += binary.BigEndian.Uint32(data[i:])
	}
	return sum
}
