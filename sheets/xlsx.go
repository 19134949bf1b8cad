package sheets

import (
	"fmt"
	"io"
	"strings"
)

// readXLSX reads deliverables from one sheet of a workbook, each cell as Excel displays it. It
// streams the parts it needs (the workbook, its relations, shared strings, styles and the one
// sheet) within the limits of limits.go, and never opens the others.
func readXLSX(r io.ReaderAt, size int64, opts Options) (Result, error) {
	a, err := openArchive(r, size)
	if err != nil {
		return Result{}, err
	}
	wb, err := readWorkbook(a)
	if err != nil {
		return Result{}, err
	}
	names := make([]string, len(wb.sheets))
	for i, s := range wb.sheets {
		names[i] = s.name
	}
	sheet, err := pickSheet(wb.sheets, opts.Sheet)
	if err != nil {
		return Result{}, err
	}
	t, err := readSheet(a, wb, sheet, opts)
	if err != nil {
		return Result{}, err
	}
	rows, notes, err := t.result()
	if err != nil {
		return Result{}, err
	}
	if len(names) > 1 {
		notes = append([]Note{{Code: NoteSheetUsed, Text: sheet.name}}, notes...)
	}
	return Result{Format: FormatXLSX, Rows: rows, Notes: notes, Sheets: names, Sheet: sheet.name}, nil
}

// readSheet reads the deliverables of sheet into a table.
func readSheet(a *workbookArchive, wb workbook, sheet sheetPart, opts Options) (*table, error) {
	shared, err := readSharedStrings(a, wb.sharedStrings)
	if err != nil {
		return nil, err
	}
	st, err := readStyles(a, wb.styles)
	if err != nil {
		return nil, err
	}
	x, closePart, found, err := a.open(sheet.part)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, &Error{Code: ErrCorrupt, Err: fmt.Errorf("read sheet %q: no part %q", sheet.name, sheet.part)}
	}
	defer closePart()
	numbers := &numberFormatter{styles: st, date1904: wb.date1904}
	defer numbers.close()
	t := newTable(opts.maxRows())
	if err := feedSheet(t, x, cellText{shared: shared, numbers: numbers}); err != nil {
		return nil, err
	}
	return t, nil
}

// pickSheet returns the sheet to read: the first, or the one asked for. Excel treats sheet names
// case-insensitively, so a differently cased request still finds its sheet.
func pickSheet(sheets []sheetPart, want string) (sheetPart, error) {
	if want == "" {
		return sheets[0], nil
	}
	for _, s := range sheets {
		if strings.EqualFold(s.name, want) {
			return s, nil
		}
	}
	return sheetPart{}, &Error{Code: ErrSheetNotFound, Text: want}
}
