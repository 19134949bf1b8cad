package sheets

import (
	"errors"
	"unicode/utf8"
)

// wbMaxCellChars is the most UTF-16 code units a cell holds in Excel; longer texts are cut.
const wbMaxCellChars = 32767

var errWBRichTextTooLong = errors.New("rich text longer than a cell holds")

// wbRun is a run of rich text in the document's font.
type wbRun struct {
	text string
	size float64
	bold bool
}

// wbStrings is the workbook's shared string table. Every text cell refers to it, as Excel writes
// text cells (readers and the tests expect shared strings, not inline ones), and a text repeated
// on every line, such as the unit, is stored once.
type wbStrings struct {
	index map[string]int
	items []string
	rich  map[int][]wbRun // the items that are rich text, which are empty in items
	lines []byte          // a list being joined, see addLines
}

func newWBStrings(capacity int) wbStrings {
	return wbStrings{index: make(map[string]int, capacity), items: make([]string, 0, capacity), rich: map[int][]wbRun{}}
}

// add returns the number of s in the table, adding it if it is new. A text longer than a cell
// holds is cut, as Excel would cut it.
func (t *wbStrings) add(s string) int {
	s = wbCellText(s)
	if i, ok := t.index[s]; ok {
		return i
	}
	t.items = append(t.items, s)
	t.index[s] = len(t.items) - 1
	return len(t.items) - 1
}

// addLines adds the items of a list joined by line breaks. The list is joined in a reused buffer
// and looked up from it, so a list that repeats (the same assumptions on many lines) costs no
// string of its own.
func (t *wbStrings) addLines(items []string) int {
	t.lines = t.lines[:0]
	for i, item := range items {
		if i > 0 {
			t.lines = append(t.lines, '\n')
		}
		t.lines = append(t.lines, item...)
	}
	if i, ok := t.index[string(t.lines)]; ok {
		return i
	}
	return t.add(string(t.lines))
}

// addRich adds a rich text, which only the issuer block has: it is not looked up.
func (t *wbStrings) addRich(runs []wbRun) (int, error) {
	units := 0
	for _, r := range runs {
		units += wbUTF16Len(r.text)
	}
	if units > wbMaxCellChars {
		return 0, errWBRichTextTooLong
	}
	t.items = append(t.items, "")
	t.rich[len(t.items)-1] = runs
	return len(t.items) - 1, nil
}

// wbCellText cuts s to what a cell holds, between two characters.
func wbCellText(s string) string {
	if len(s) <= wbMaxCellChars {
		return s // a byte is at most one UTF-16 unit
	}
	units := 0
	for i, r := range s {
		if units += utf16Units(r); units > wbMaxCellChars {
			return s[:i]
		}
	}
	return s
}

// wbUTF16Len is the length of s in UTF-16 code units, as Excel counts characters.
func wbUTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Units(r)
	}
	return n
}

// utf16Units is how many UTF-16 code units r takes.
func utf16Units(r rune) int {
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 2
	}
	return 1
}

// write writes the table as xl/sharedStrings.xml, rich text in the document's font family.
func (t *wbStrings) write(x *wbXML, family string) {
	x.raw(wbXMLHeader + `<sst xmlns="` + wbNSMain + `"`)
	x.intAttr("count", int64(len(t.items)))
	x.intAttr("uniqueCount", int64(len(t.items)))
	x.raw(">")
	for i, text := range t.items {
		x.raw("<si>")
		runs, rich := t.rich[i]
		if !rich {
			wbWriteT(x, text)
		}
		for _, r := range runs {
			x.raw("<r><rPr>")
			x.raw(`<rFont val="`)
			x.text(family)
			x.raw(`"/><family val="2"/>`)
			if r.bold {
				x.raw(`<b val="1"/>`)
			}
			x.raw(`<color/><sz`)
			x.floatAttr("val", r.size)
			x.raw("/></rPr>")
			wbWriteT(x, r.text)
			x.raw("</r>")
		}
		x.raw("</si>")
	}
	x.raw("</sst>")
}

// wbWriteT writes a text element, keeping the white space at its ends.
func wbWriteT(x *wbXML, s string) {
	if s != "" && (wbSpaceByte(s[0]) || wbSpaceByte(s[len(s)-1])) {
		x.raw(`<t xml:space="preserve">`)
	} else {
		x.raw("<t>")
	}
	x.text(s)
	x.raw("</t>")
}

// wbSpaceByte reports whether b is white space that XML readers would trim from a text's ends.
func wbSpaceByte(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r'
}
