package sheets

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Decompression budget for one workbook. A list of deliverables is a few hundred kilobytes
// unzipped; the budget leaves room for embedded pictures while a zip bomb is refused from the
// sizes the archive declares, before anything is inflated (archive/zip enforces those sizes
// while reading, so an archive cannot lie its way past them).
const (
	maxUnzipMB   = 100 // all parts together
	maxXMLPartMB = 20  // above this excelize spills a sheet to a temporary file instead of memory
)

// shortDatePattern is how cells with Excel's built-in short-date format (number format 14,
// shown in the reader's locale) come out: the Japanese convention, unambiguous in English too,
// where excelize's default would be the American mm-dd-yy.
const shortDatePattern = "yyyy/m/d"

// readXLSX reads deliverables from one sheet of a workbook, each cell as Excel displays it.
func readXLSX(data []byte, opts Options) (Result, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    maxUnzipMB << 20,
		UnzipXMLSizeLimit: maxXMLPartMB << 20,
		ShortDatePattern:  shortDatePattern,
	})
	if err != nil {
		return Result{}, openError(err)
	}
	// Closing only removes excelize's temporary spill files; by then everything is read, and a
	// failure to clean up says nothing about the upload.
	defer func() { _ = f.Close() }()

	if err := checkArchive(data); err != nil {
		return Result{}, err
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		// A zip that is not a workbook, such as a .docx renamed to .xlsx.
		return Result{}, &Error{Code: ErrCorrupt, Err: errors.New("open workbook: no sheets")}
	}
	sheet, err := pickSheet(sheets, opts.Sheet)
	if err != nil {
		return Result{}, err
	}
	t := newTable(opts.maxRows())
	if err := feedSheet(t, f, sheet); err != nil {
		return Result{}, err
	}
	rows, notes, err := t.result()
	if err != nil {
		return Result{}, err
	}
	if len(sheets) > 1 {
		notes = append([]Note{{Code: NoteSheetUsed, Text: sheet}}, notes...)
	}
	return Result{Format: FormatXLSX, Rows: rows, Notes: notes, Sheets: sheets, Sheet: sheet}, nil
}

// openError classifies a failure to open a workbook. excelize reports an exceeded unzip budget
// with an unwrapped error of its own wording, so the wording is matched; TestReadZipBomb fails if
// a new excelize version changes it.
func openError(err error) error {
	if strings.Contains(err.Error(), "unzip size exceeds") {
		return &Error{Code: ErrTooLarge, Limit: maxUnzipMB, Err: fmt.Errorf("open workbook: %w", err)}
	}
	return &Error{Code: ErrCorrupt, Err: fmt.Errorf("open workbook: %w", err)}
}

// pickSheet returns the sheet to read: the first, or the one asked for. Excel treats sheet names
// case-insensitively, so a differently cased request still finds its sheet.
func pickSheet(sheets []string, want string) (string, error) {
	if want == "" {
		return sheets[0], nil
	}
	for _, s := range sheets {
		if strings.EqualFold(s, want) {
			return s, nil
		}
	}
	return "", &Error{Code: ErrSheetNotFound, Text: want}
}

// feedSheet streams the rows of sheet into t, so no copy of the whole table is built and t can
// stop at the row cap; the counter is the sheet row number because excelize's iterator
// also yields the rows a sheet leaves out.
func feedSheet(t *table, f *excelize.File, sheet string) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return &Error{Code: ErrCorrupt, Err: fmt.Errorf("read sheet %q: %w", sheet, err)}
	}
	// Close only releases the spill file handle; errors while reading are checked below.
	defer func() { _ = rows.Close() }()
	for line := 1; rows.Next(); line++ {
		cells, err := rows.Columns()
		if err != nil {
			return &Error{Code: ErrCorrupt, Line: line, Err: fmt.Errorf("read sheet %q: %w", sheet, err)}
		}
		if err := t.add(line, cells); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return &Error{Code: ErrCorrupt, Err: fmt.Errorf("read sheet %q: %w", sheet, err)}
	}
	return nil
}
