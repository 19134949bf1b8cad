package sheets

import (
	"encoding/xml"
)

// readSharedStrings reads the workbook's table of shared strings, each as the text a cell that
// refers to it shows, cut at cellCap bytes.
func readSharedStrings(a *workbookArchive, part string) ([]string, error) {
	if part == "" {
		return nil, nil
	}
	x, closePart, found, err := a.open(part)
	if err != nil || !found {
		return nil, err
	}
	defer closePart()
	var table []string
	err = x.starts(func(start xml.StartElement) error {
		if start.Name.Local != "si" {
			return nil
		}
		if len(table) == maxSharedStrings {
			return &Error{Code: ErrTooManyStrings, Limit: maxSharedStrings}
		}
		s, err := x.richText()
		table = append(table, s)
		return err
	})
	if err != nil {
		return nil, err
	}
	return table, nil
}

// richText returns the text of the string item whose start was the last token (a shared
// string's <si> or an inline string's <is>): its <t> elements, directly or in formatting runs,
// joined. Phonetic guides (<rPh>, the furigana Japanese Excel stores with every kanji cell) are
// not part of what the cell shows and are skipped.
func (x *xmlReader) richText() (string, error) {
	var b []byte
	err := x.within(func(start xml.StartElement) error {
		switch start.Name.Local {
		case "rPh":
			return x.skip()
		case "t":
			t, err := x.text()
			b = appendCapped(b, []byte(t))
			return err
		}
		return nil
	})
	return string(b), err
}
