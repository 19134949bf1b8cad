package sheets

import (
	"maps"
	"slices"
	"unicode/utf8"
)

// table turns the records of a sheet or CSV file into deliverables. Readers feed it one record
// at a time, so a file with far too many rows is refused as soon as the cap is passed instead of
// after the whole file has been held in memory.
type table struct {
	maxRows int
	cols    *columns // nil until the first non-blank record
	rows    []Row
	pending int // blank records since the last deliverable; counted only if another follows
	blank   int
	ignored map[int]bool // columns other than name and description that hold data
}

func newTable(maxRows int) *table {
	return &table{maxRows: maxRows, ignored: map[int]bool{}}
}

// add takes the record that starts at line.
func (t *table) add(line int, record []string) error {
	cells := make([]string, len(record))
	for i, c := range record {
		cells[i] = cleanCell(c)
	}
	if !slices.ContainsFunc(cells, func(c string) bool { return c != "" }) {
		t.addBlank(1)
		return nil
	}
	if t.cols == nil {
		cols := findColumns(cells)
		t.cols = &cols
		if cols.header {
			return nil
		}
	}
	name, description := field(cells, t.cols.name), field(cells, t.cols.description)
	for i, c := range cells {
		if c != "" && i != t.cols.name && i != t.cols.description {
			t.ignored[i] = true
		}
	}
	switch {
	case utf8.RuneCountInString(name) > maxCellChars || utf8.RuneCountInString(description) > maxCellChars:
		return &Error{Code: ErrCellTooLong, Line: line, Limit: maxCellChars}
	case name == "" && description != "":
		return &Error{Code: ErrNameMissing, Line: line}
	case name == "":
		// Only ignored columns hold data, like a "No" column numbered ahead of the entries:
		// there is nothing to estimate, so the row counts as blank.
		t.addBlank(1)
		return nil
	case len(t.rows) == t.maxRows:
		return &Error{Code: ErrTooManyRows, Limit: t.maxRows}
	}
	t.blank += t.pending
	t.pending = 0
	t.rows = append(t.rows, Row{Name: name, Description: description, Line: line})
	return nil
}

// needs reports whether the text of column col matters: every column until the table's columns
// are known, then only the name and the description. The others only need to be known to hold
// something.
func (t *table) needs(col int) bool {
	return t.cols == nil || col == t.cols.name || col == t.cols.description
}

// addBlank takes n blank records. Blank records before the table or after its last deliverable
// are margins, not skipped rows, so only those that turn out to lie between entries are counted.
func (t *table) addBlank(n int) {
	if t.cols != nil {
		t.pending += n
	}
}

// result returns the deliverables and the notes about how they were read.
func (t *table) result() ([]Row, []Note, error) {
	if len(t.rows) == 0 {
		return nil, nil, &Error{Code: ErrNoRows}
	}
	var notes []Note
	if !t.cols.header {
		notes = append(notes, Note{
			Code:    NoteHeaderNotRecognised,
			Columns: []string{columnLetter(t.cols.name), columnLetter(t.cols.description)},
		})
	}
	if t.blank > 0 {
		notes = append(notes, Note{Code: NoteBlankRowsSkipped, Count: t.blank})
	}
	if len(t.ignored) > 0 {
		var letters []string
		for _, i := range slices.Sorted(maps.Keys(t.ignored)) {
			letters = append(letters, columnLetter(i))
		}
		notes = append(notes, Note{Code: NoteExtraColumnsIgnored, Count: len(letters), Columns: letters})
	}
	return t.rows, notes, nil
}

// field returns cells[i], or "" when the record is shorter or i is -1.
func field(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return cells[i]
}
