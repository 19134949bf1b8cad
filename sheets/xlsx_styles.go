package sheets

import (
	"encoding/xml"
	"strconv"
	"unicode/utf8"
)

// styles is what the reader needs of a workbook's styles: the number format of each cell format
// and the codes of the custom number formats.
type styles struct {
	numFmtOf []int          // by cell format index (a cell's s attribute)
	custom   map[int]string // custom number format codes by id
}

// numFmt returns the number format id of cell format xf; 0 (General) when there is none.
func (s styles) numFmt(xf int) int {
	if xf < 0 || xf >= len(s.numFmtOf) {
		return 0
	}
	return s.numFmtOf[xf]
}

// readStyles reads the cell formats and custom number formats of the workbook's styles part.
func readStyles(a *workbookArchive, part string) (styles, error) {
	s := styles{custom: map[int]string{}}
	if part == "" {
		return s, nil
	}
	x, closePart, found, err := a.open(part)
	if err != nil || !found {
		return s, err
	}
	defer closePart()
	err = x.starts(func(start xml.StartElement) error {
		switch start.Name.Local {
		case "numFmt":
			return s.addNumFmt(start)
		case "cellXfs":
			return s.readCellFormats(x)
		}
		return nil
	})
	if err != nil {
		return styles{}, err
	}
	return s, nil
}

// addNumFmt takes one custom number format. A code longer than Excel allows is not one Excel
// wrote; it is ignored, and its cells show their plain value.
func (s *styles) addNumFmt(start xml.StartElement) error {
	if len(s.custom) == maxStyles {
		return &Error{Code: ErrTooManyStyles, Limit: maxStyles}
	}
	id, err := strconv.Atoi(attr(start, "numFmtId"))
	if code := attr(start, "formatCode"); err == nil && utf8.RuneCountInString(code) <= maxNumFmtChars {
		s.custom[id] = code
	}
	return nil
}

// readCellFormats reads the <xf> children of <cellXfs>, whose start was the last token. (The
// <xf> elements of <cellStyleXfs> are named styles, which cells do not refer to directly.)
func (s *styles) readCellFormats(x *xmlReader) error {
	return x.within(func(start xml.StartElement) error {
		if start.Name.Local != "xf" {
			return nil
		}
		if len(s.numFmtOf) == maxStyles {
			return &Error{Code: ErrTooManyStyles, Limit: maxStyles}
		}
		id, _ := strconv.Atoi(attr(start, "numFmtId")) // absent or malformed: General
		s.numFmtOf = append(s.numFmtOf, id)
		return x.skip()
	})
}
