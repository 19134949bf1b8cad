package sheets

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// readCSV reads deliverables from delimited text in any supported encoding.
func readCSV(data []byte, opts Options) (Result, error) {
	text, encodingName, err := decodeText(data)
	if err != nil {
		return Result{}, err
	}
	// One newline convention for the reader and for line numbers; cells then carry \n only.
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	if strings.TrimFunc(text, isPadding) == "" {
		return Result{}, &Error{Code: ErrEmptyFile}
	}
	t := newTable(opts.maxRows())
	if err := feedCSV(t, text, detectSeparator(text)); err != nil {
		return Result{}, err
	}
	rows, notes, err := t.result()
	if err != nil {
		return Result{}, err
	}
	if encodingName != "" {
		notes = append([]Note{{Code: NoteEncoding, Text: encodingName}}, notes...)
	}
	return Result{Format: FormatCSV, Rows: rows, Notes: notes}, nil
}

// feedCSV passes every record of text to t with the line it starts on.
func feedCSV(t *table, text string, sep rune) error {
	r := newCSVReader(text, sep)
	end := 0 // the line the previous record ended on
	for {
		record, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			// StartLine is where the faulty record begins, which is also where an unterminated
			// quote was opened; the error's Line would point at the end of the file.
			line := 0
			if parseErr, ok := errors.AsType[*csv.ParseError](err); ok {
				line = parseErr.StartLine
			}
			return &Error{Code: ErrCorrupt, Line: line, Err: err}
		}
		start, _ := r.FieldPos(0)
		// encoding/csv skips empty lines without a record; they are blank rows all the same.
		t.addBlank(start - end - 1)
		last, _ := r.FieldPos(len(record) - 1)
		end = last + strings.Count(record[len(record)-1], "\n")
		if err := t.add(start, record); err != nil {
			return err
		}
	}
}
