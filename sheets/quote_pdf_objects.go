package sheets

import (
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// pdfMeta is what the document says about itself: its information dictionary and language.
type pdfMeta struct {
	title, subject, author, lang string
	created                      time.Time
}

// pdfFontName is the PostScript name of the embedded font.
const pdfFontName = "IPAexGothic"

// pdfToUnicode maps every character code back to the same Unicode code point: the codes are the
// code points (CID = Unicode, Identity-H), which is how text is found and copied.
const pdfToUnicode = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
	"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
	"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" +
	"1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"

// finish writes what the pages refer to (the font, the pictures, the blend modes), the page
// tree into the reserved objects pagesObj and resourcesObj, the document information and the
// catalog, then the cross-reference table.
func (c *pdfCanvas) finish(pagesObj, resourcesObj int, meta pdfMeta) error {
	c.flush()
	f := c.file
	font, err := c.writeFont()
	if err != nil {
		return err
	}
	pictures := make([]int, len(c.images))
	for i, p := range c.images {
		pictures[i] = c.writePicture(p)
	}
	blends := make([]int, len(c.blends))
	for i, mode := range c.blends {
		blends[i] = f.reserve()
		f.object(blends[i], "<</Type /ExtGState /ca 1 /CA 1 /BM /"+mode+">>")
	}
	f.begin(resourcesObj)
	f.raw("<</ProcSet [/PDF /Text /ImageB /ImageC /ImageI] /Font <</F1 ")
	f.ref(font)
	f.raw(">>")
	pdfResourceNames(f, "XObject", "I", pictures)
	pdfResourceNames(f, "ExtGState", "GS", blends)
	f.raw(">>\nendobj\n")
	c.writePages(pagesObj, resourcesObj)
	info := pdfWriteInfo(f, meta)
	catalog := f.reserve()
	f.object(catalog, "<</Type /Catalog /Pages "+strconv.Itoa(pagesObj)+" 0 R /Lang ("+pdfLangTag(meta.lang)+")>>")
	return f.finish(catalog, info)
}

// pdfWriteInfo writes the document information dictionary and returns its number.
func pdfWriteInfo(f *pdfFile, meta pdfMeta) int {
	info := f.reserve()
	f.begin(info)
	f.raw("<</Title ")
	pdfTextString(f, meta.title)
	f.raw(" /Subject ")
	pdfTextString(f, meta.subject)
	f.raw(" /Author ")
	pdfTextString(f, meta.author)
	f.raw(" /Creator (estimator) /CreationDate (D:" + meta.created.UTC().Format("20060102150405") + "Z)>>\nendobj\n")
	return info
}

// pdfResourceNames writes a dictionary of resources of a kind, named prefix1, prefix2, … for the
// objects in order; nothing when there are none.
func pdfResourceNames(f *pdfFile, kind, prefix string, objects []int) {
	if len(objects) == 0 {
		return
	}
	f.raw(" /" + kind + " <<")
	for i, n := range objects {
		f.raw("/" + prefix + strconv.Itoa(i+1) + " ")
		f.ref(n)
		f.raw(" ")
	}
	f.raw(">>")
}

// writePages writes the page tree: A4 pages sharing one resource dictionary, each with its
// content and its footer, painted as a transparency group so that the seal's blend mode works.
func (c *pdfCanvas) writePages(pagesObj, resourcesObj int) {
	f := c.file
	kids := make([]int, len(c.pages))
	for i, p := range c.pages {
		kids[i] = f.reserve()
		f.begin(kids[i])
		f.raw("<</Type /Page /Parent ")
		f.ref(pagesObj)
		f.raw(" /Resources ")
		f.ref(resourcesObj)
		f.raw(" /Group <</Type /Group /S /Transparency /CS /DeviceRGB>> /Contents [")
		for _, n := range []int{p.content, p.footer} {
			if n != 0 {
				f.ref(n)
				f.raw(" ")
			}
		}
		f.raw("]>>\nendobj\n")
	}
	f.begin(pagesObj)
	f.raw("<</Type /Pages /Kids [")
	for _, n := range kids {
		f.ref(n)
		f.raw(" ")
	}
	f.raw("] /Count " + strconv.Itoa(len(kids)) + " /MediaBox [0 0 595.28 841.89]>>\nendobj\n")
}

// writeFont writes the embedded font cut down to the characters drawn, as a Type 0 font whose
// codes are the characters' code points: the CID font with each character's width, its
// descriptor, the map from code to glyph of the subset, the subset itself and the map back to
// Unicode. It returns the number of the Type 0 font.
func (c *pdfCanvas) writeFont() (int, error) {
	program, cids, err := c.font.subset(&c.used)
	if err != nil {
		return 0, err
	}
	f := c.file
	type0, cidFont, descriptor, toUnicode, cidToGID, file := f.reserve(), f.reserve(), f.reserve(), f.reserve(), f.reserve(), f.reserve()
	name := pdfSubsetTag(&c.used) + "+" + pdfFontName
	f.begin(type0)
	f.raw("<</Type /Font /Subtype /Type0 /BaseFont /" + name + " /Encoding /Identity-H /DescendantFonts [")
	f.ref(cidFont)
	f.raw("] /ToUnicode ")
	f.ref(toUnicode)
	f.raw(">>\nendobj\n")

	d := c.font.desc
	f.begin(cidFont)
	f.raw("<</Type /Font /Subtype /CIDFontType2 /BaseFont /" + name +
		" /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor ")
	f.ref(descriptor)
	f.raw(" /DW " + strconv.Itoa(d.missingWidth) + " /W [")
	for i, cid := range cids {
		if i == 0 || cids[i-1].code != cid.code-1 {
			if i > 0 {
				f.raw("] ")
			}
			f.int(cid.code)
			f.raw(" [")
		}
		f.int(c.font.width(rune(cid.code)))
		f.raw(" ")
	}
	if len(cids) > 0 {
		f.raw("]")
	}
	f.raw("] /CIDToGIDMap ")
	f.ref(cidToGID)
	f.raw(">>\nendobj\n")

	f.begin(descriptor)
	f.raw("<</Type /FontDescriptor /FontName /" + name)
	for _, entry := range []struct {
		key   string
		value int
	}{{"Flags", (d.flags | 4) &^ 32}, {"ItalicAngle", d.italicAngle}, {"Ascent", d.ascent}, {"Descent", d.descent},
		{"CapHeight", d.capHeight}, {"StemV", d.stemV}, {"MissingWidth", d.missingWidth}} {
		f.raw(" /" + entry.key + " " + strconv.Itoa(entry.value))
	}
	f.raw(" /FontBBox [")
	for _, v := range d.bbox {
		f.int(v)
		f.raw(" ")
	}
	f.raw("] /FontFile2 ")
	f.ref(file)
	f.raw(">>\nendobj\n")

	f.stream(toUnicode, "", []byte(pdfToUnicode))
	f.streamWith(cidToGID, "", func(w io.Writer) error { return pdfWriteCIDToGID(w, cids) })
	f.stream(file, "/Length1 "+strconv.Itoa(len(program)), program)
	return type0, f.err
}

// pdfWriteCIDToGID writes the map from code (CID) to glyph: two bytes a code, from 0 to the
// last code used, a chunk at a time since most of the 64 K codes map to nothing.
func pdfWriteCIDToGID(w io.Writer, cids []pdfCID) error {
	if len(cids) == 0 {
		return nil
	}
	var chunk [4096]byte
	last, i := cids[len(cids)-1].code, 0
	for start := 0; start <= last; start += len(chunk) / 2 {
		end := min(start+len(chunk)/2, last+1)
		clear(chunk[:])
		for ; i < len(cids) && cids[i].code < end; i++ {
			at := 2 * (cids[i].code - start)
			chunk[at], chunk[at+1] = byte(cids[i].glyph>>8), byte(cids[i].glyph)
		}
		if _, err := w.Write(chunk[:2*(end-start)]); err != nil {
			return err
		}
	}
	return nil
}

// writePicture writes a picture, its transparency as a soft mask, and returns its number.
func (c *pdfCanvas) writePicture(p pdfPicture) int {
	f := c.file
	n := f.reserve()
	entries := "/Type /XObject /Subtype /Image /Width " + strconv.Itoa(p.width) + " /Height " + strconv.Itoa(p.height) +
		" /BitsPerComponent 8 /ColorSpace "
	image := entries + "/DeviceRGB"
	if p.gray {
		image = entries + "/DeviceGray"
	}
	if p.alpha != nil {
		mask := f.reserve()
		f.stream(mask, entries+"/DeviceGray ", p.alpha)
		image += " /SMask " + strconv.Itoa(mask) + " 0 R"
	}
	f.stream(n, image+" ", p.pixels)
	return n
}

// pdfSubsetTag is the six capital letters before the name of a subset font, the same for the
// same characters (FNV-1a over the set's words).
func pdfSubsetTag(used *pdfGlyphSet) string {
	sum := uint64(14695981039346656037)
	for _, word := range used {
		sum = (sum ^ word) * 1099511628211
	}
	var tag [6]byte
	for i := range tag {
		tag[i] = byte('A' + sum%26)
		sum /= 26
	}
	return string(tag[:])
}

// pdfTextString writes s as a PDF text string: UTF-16 with a byte order mark, in hexadecimal.
func pdfTextString(f *pdfFile, s string) {
	f.raw("<FEFF")
	var units []uint16
	for _, r := range s {
		units = utf16.AppendRune(units[:0], r)
		for _, u := range units {
			f.bytes([]byte{pdfHex[u>>12], pdfHex[u>>8&0xF], pdfHex[u>>4&0xF], pdfHex[u&0xF]})
		}
	}
	f.raw(">")
}

// pdfLangTag keeps the letters and hyphens of a language tag, all a catalog's /Lang needs.
func pdfLangTag(lang string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return -1
	}, lang)
}
