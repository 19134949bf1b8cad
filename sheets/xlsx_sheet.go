package sheets

import (
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
)

// maxSheetRowNumber is the last row a sheet can have (Excel's limit).
const maxSheetRowNumber = 1 << 20

// cell is one cell as stored: its 0-based column, its type (the t attribute), its cell format
// (the s attribute) and its value: a shared string's index, a number as text, or text.
type cell struct {
	col   int
	typ   string
	xf    int
	value string
}

// cellText turns stored cells into the text Excel shows.
type cellText struct {
	shared  []string
	numbers *numberFormatter
}

// text returns what c shows. Numbers are formatted only when format is set: the columns that do
// not make a deliverable only need to be known to hold something.
func (ct cellText) text(c cell, format bool) (string, error) {
	switch c.typ {
	case "s":
		i, err := strconv.Atoi(c.value)
		if err != nil || i < 0 || i >= len(ct.shared) {
			return "", &Error{Code: ErrCorrupt, Err: fmt.Errorf("shared string %q of %d", c.value, len(ct.shared))}
		}
		return ct.shared[i], nil
	case "b":
		if c.value == "1" {
			return "TRUE", nil
		}
		return "FALSE", nil
	case "inlineStr", "str", "e", "d":
		return c.value, nil // text, a formula's text, an error such as #N/A, an ISO date
	}
	if !format {
		return c.value, nil
	}
	return ct.numbers.format(c.value, c.xf), nil
}

// feedSheet streams the rows of a worksheet part into t. Rows are numbered by their r attribute,
// so the rows a sheet leaves out count as blank without being read one by one.
func feedSheet(t *table, x *xmlReader, ct cellText) error {
	read, last := 0, 0
	var cells []cell    // reused from row to row
	var record []string // likewise: t.add keeps copies
	return x.starts(func(start xml.StartElement) error {
		if start.Name.Local != "row" {
			return nil
		}
		if read++; read > maxSheetRows {
			return &Error{Code: ErrTooManyLines, Limit: maxSheetRows}
		}
		line, err := rowNumber(start, last)
		if err != nil {
			return err
		}
		if cells, err = readRow(x, line, cells[:0]); err != nil {
			return err
		}
		record = record[:0]
		for _, c := range cells {
			for len(record) < c.col {
				record = append(record, "")
			}
			text, err := ct.text(c, t.needs(c.col))
			if err != nil {
				return err
			}
			record = append(record, text)
		}
		t.addBlank(line - last - 1)
		last = line
		return t.add(line, record)
	})
}

// rowNumber returns the number of the row that start opens: its r attribute, or the row after
// last when it has none. Rows must come in order, as every writer puts them.
func rowNumber(start xml.StartElement, last int) (int, error) {
	r := attr(start, "r")
	if r == "" {
		return last + 1, nil
	}
	n, err := strconv.Atoi(r)
	if err != nil || n <= last || n > maxSheetRowNumber {
		return 0, &Error{Code: ErrCorrupt, Line: last + 1, Err: fmt.Errorf("row number %q after %d", r, last)}
	}
	return n, nil
}

// readRow appends to cells those of the row whose start was the last token, in column order,
// leaving out those without a value.
func readRow(x *xmlReader, line int, cells []cell) ([]cell, error) {
	col := -1
	err := x.within(func(start xml.StartElement) error {
		if start.Name.Local != "c" {
			return nil
		}
		next, err := columnOf(start, col, line)
		if err != nil {
			return err
		}
		col = next
		c, err := readCell(x, start, col)
		switch {
		case err != nil || c.value == "":
			return err
		case col >= maxColumns:
			return &Error{Code: ErrTooManyColumns, Line: line, Limit: maxColumns}
		}
		cells = append(cells, c)
		return nil
	})
	return cells, err
}

// columnOf returns the 0-based column of the cell that start opens: from the letters of its r
// attribute ("BC12"), or the column after prev when it has none. Columns must come in order.
func columnOf(start xml.StartElement, prev, line int) (int, error) {
	ref := attr(start, "r")
	if ref == "" {
		return prev + 1, nil
	}
	col := 0
	for i := 0; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A') + 1
		if col > maxSheetRowNumber { // past any column, and before an int could overflow
			return 0, &Error{Code: ErrCorrupt, Line: line, Err: fmt.Errorf("cell reference %q", ref)}
		}
	}
	if col == 0 || col-1 <= prev {
		return 0, &Error{Code: ErrCorrupt, Line: line, Err: fmt.Errorf("cell reference %q after column %d", ref, prev)}
	}
	return col - 1, nil
}

// readCell reads the cell whose start was the last token: its value (<v>) or inline string
// (<is>). A formula (<f>) is skipped: the cell shows its cached value.
func readCell(x *xmlReader, start xml.StartElement, col int) (cell, error) {
	c := cell{col: col, typ: attr(start, "t")}
	if s := attr(start, "s"); s != "" {
		xf, err := strconv.Atoi(s)
		if err != nil {
			return cell{}, &Error{Code: ErrCorrupt, Err: errors.New("cell format " + strconv.Quote(s))}
		}
		c.xf = xf
	}
	err := x.within(func(child xml.StartElement) error {
		var err error
		switch child.Name.Local {
		case "v":
			c.value, err = x.text()
		case "is":
			c.value, err = x.richText()
		default:
			err = x.skip()
		}
		return err
	})
	return c, err
}
