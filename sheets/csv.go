package sheets

import (
	"io"
)

// readCSV reads deliverables from delimited text in any supported encoding, streaming: the
// upload is read a few times (its encoding checked, its separator sampled, its records read),
// never held whole.
func readCSV(r io.ReaderAt, size int64, opts Options) (Result, error) {
	src, err := newTextSource(r, size)
	if err != nil {
		return Result{}, err
	}
	sep, err := detectSeparator(src)
	if err != nil {
		return Result{}, err
	}
	t := newTable(opts.maxRows())
	if err := feedCSV(t, newCSVScanner(src.open(), sep, src.strict)); err != nil {
		return Result{}, err
	}
	rows, notes, err := t.result()
	if err != nil {
		return Result{}, err
	}
	if src.name != "" {
		notes = append([]Note{{Code: NoteEncoding, Text: src.name}}, notes...)
	}
	return Result{Format: FormatCSV, Rows: rows, Notes: notes}, nil
}

// feedCSV passes every record to t with the line it starts on, and the empty lines between
// records as blank rows. Records and empty lines together count against maxSheetRows.
func feedCSV(t *table, s *csvScanner) error {
	end, read := 0, 0 // the line the previous record ended on; records and empty lines so far
	for {
		record, start, last, err := s.next()
		if err == io.EOF {
			if !s.content {
				return &Error{Code: ErrEmptyFile}
			}
			return nil
		}
		if err != nil {
			return err
		}
		if read += start - end; read > maxSheetRows {
			return &Error{Code: ErrTooManyLines, Limit: maxSheetRows}
		}
		t.addBlank(start - end - 1)
		end = last
		if err := t.add(start, record); err != nil {
			return err
		}
	}
}
