package sheets

import "strconv"

// wbColumnKind is what a column of a table sheet holds, which decides its style and width.
type wbColumnKind int

const (
	wbKindText   wbColumnKind = iota // wrapped text
	wbKindList                       // wrapped text, one item to a line
	wbKindInt                        // a count, such as a line number
	wbKindDays                       // person-days, in tenths
	wbKindDaysTo                     // the upper end of a range of person-days, shown "– 14.0"
	wbKindMoney                      // an amount in minor units
)

// text reports whether a column of the kind holds wrapped text.
func (k wbColumnKind) text() bool { return k == wbKindText || k == wbKindList }

// Widths of the columns of the table sheets, in character units.
const (
	wbMinTextWidth   = 6
	wbMaxHeaderWidth = 14 // a number column grows this far to fit its header, then the header wraps
	wbDaysWidth      = 8
)

// wbTableColumn is a column of a table sheet. An empty header shares the header of the column
// before it, merged over both, as the two ends of a range do.
type wbTableColumn struct {
	header string
	kind   wbColumnKind
	wrapAt float64 // text columns grow to fit their content up to this width, then wrap
}

// wbTableCell is a value of a table sheet: s, or the lines of a list, for text columns; n for
// number columns.
type wbTableCell struct {
	s     string
	lines []string
	n     int64
}

// wbTable is a sheet of rows under a header: the breakdown, the questions, the revisions. The
// values are read through cell (row and column from 0) rather than gathered first: the breakdown
// of a 500-line quotation has 7,500.
type wbTable struct {
	cols       []wbTableColumn
	rows       int
	cell       func(row, col int) wbTableCell
	freezeCols int  // columns kept visible when scrolling right, besides the header row
	landscape  bool // prints across the page
}

// wbWriteTable writes t as a sheet: a header row that stays in view and prints on every page,
// columns sized to their content, rows tall enough for their wrapped text.
func wbWriteTable(g *wbGrid, d *wbQuoteDoc, t wbTable) {
	cw := wbTableWidths(d, t)
	lines := 1
	for i, c := range t.cols {
		col := i + 1
		g.width(col, cw[i])
		if c.header == "" && i > 0 {
			g.merge(col-1, 1, col, 1, d.st.header)
			continue
		}
		g.text(col, 1, c.header, d.st.header)
		lines = max(lines, wbWrappedLines(c.header, cw[i], 1))
	}
	g.height(1, d.rows(lines))
	g.sheet.reserve(t.rows+1, 0)
	for r := range t.rows {
		row := r + 2
		lines := 1
		for i, c := range t.cols {
			v := t.cell(r, i)
			wbWriteTableValue(g, d, i+1, row, c.kind, v)
			if c.kind.text() {
				lines = max(lines, wbCellLines(v, cw[i]))
			}
		}
		g.height(row, d.rows(lines))
	}
	for i, c := range t.cols {
		g.style(i+1, 2, i+1, t.rows+1, wbKindStyle(d.st, c.kind))
	}
	wbFreezeHeader(g, t.freezeCols)
	wbSetupPrint(g, d.q, wbPrintSetup{landscape: t.landscape, lastCol: len(t.cols), lastRow: t.rows + 1, titleRow: 1})
}

// wbWriteTableValue writes one value as its column's kind has it: a number at its scale, or text
// (a list one item to a line).
func wbWriteTableValue(g *wbGrid, d *wbQuoteDoc, col, row int, kind wbColumnKind, v wbTableCell) {
	switch kind {
	case wbKindInt:
		g.setNumber(col, row, v.n, 0)
	case wbKindDays, wbKindDaysTo:
		g.setNumber(col, row, v.n, qxDaysScale)
	case wbKindMoney:
		g.setNumber(col, row, v.n, d.cur.scale)
	case wbKindList:
		g.setLines(col, row, v.lines)
	default:
		g.setText(col, row, v.s)
	}
}

// wbCellLines estimates how many lines a text value takes in a column chars wide.
func wbCellLines(v wbTableCell, chars float64) int {
	if v.lines == nil {
		return wbWrappedLines(v.s, chars, 1)
	}
	n := 0
	for _, line := range v.lines {
		n += wbWrappedLines(line, chars, 1)
	}
	return n
}

// wbKindStyle is the style of the body cells of a column of the given kind.
func wbKindStyle(st wbQuoteStyles, kind wbColumnKind) int {
	switch kind {
	case wbKindInt:
		return st.body.no
	case wbKindDays:
		return st.body.days
	case wbKindDaysTo:
		return st.daysTo
	case wbKindMoney:
		return st.body.money
	}
	return st.body.text
}

// wbTableWidths sizes each column to its widest value: text up to its wrapAt width, numbers to
// their longest figure and, within reason, their header.
func wbTableWidths(d *wbQuoteDoc, t wbTable) []float64 {
	out := make([]float64, len(t.cols))
	for i, c := range t.cols {
		w := 0.0
		for r := range t.rows {
			w = max(w, wbValueWidth(d, c.kind, t.cell(r, i)))
		}
		if c.kind.text() {
			out[i] = min(max(w, wbWidestLine(c.header)+2, wbMinTextWidth), c.wrapAt)
			continue
		}
		out[i] = max(w, min(wbTextWidth(c.header)+2, wbMaxHeaderWidth))
	}
	return out
}

// wbValueWidth is the width a value needs in a column of the given kind.
func wbValueWidth(d *wbQuoteDoc, kind wbColumnKind, v wbTableCell) float64 {
	switch kind {
	case wbKindInt:
		return float64(len(strconv.FormatInt(v.n, 10))) + 3
	case wbKindDays, wbKindDaysTo:
		return wbDaysWidth
	case wbKindMoney:
		return wbMoneyWidth(v.n, d.cur)
	case wbKindList:
		w := 0.0
		for _, line := range v.lines {
			w = max(w, wbWidestLine(line))
		}
		return w + 2
	}
	return wbWidestLine(v.s) + 2
}
