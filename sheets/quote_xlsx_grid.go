package sheets

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// wbGrid writes the cells of one worksheet by 1-based column and row, and keeps the first error:
// a layout then reads as the list of cells it is rather than a ladder of error checks, and the
// caller checks err once (the errWriter idiom of "Errors are values").
type wbGrid struct {
	f     *excelize.File
	sheet string
	err   error
}

// wbCellRef names a cell from 1-based coordinates: (2, 10) → "B10".
func wbCellRef(col, row int) string {
	return columnLetter(col-1) + strconv.Itoa(row)
}

// fail records the first error, naming what was being done.
func (g *wbGrid) fail(what string, err error) {
	if err != nil && g.err == nil {
		g.err = fmt.Errorf("%s %s: %w", g.sheet, what, err)
	}
}

// text writes s as a string cell in a style.
func (g *wbGrid) text(col, row int, s string, style int) {
	g.setText(col, row, s)
	g.style(col, row, col, row, style)
}

// setText writes s as a string cell, leaving its style. SetCellStr never makes a formula, so a
// name such as "=HYPERLINK(…)" stays the text the user typed.
func (g *wbGrid) setText(col, row int, s string) {
	if g.err != nil {
		return
	}
	ref := wbCellRef(col, row)
	g.fail("cell "+ref, g.f.SetCellStr(g.sheet, ref, s))
}

// number writes v / 10^scale as a number cell in a style.
func (g *wbGrid) number(col, row int, v int64, scale, style int) {
	g.setNumber(col, row, v, scale)
	g.style(col, row, col, row, style)
}

// setNumber writes v / 10^scale as a number cell, leaving its style. The value is the exact
// decimal computed from integers, written as the cell's literal, so no float rounding enters the
// file.
func (g *wbGrid) setNumber(col, row int, v int64, scale int) {
	if g.err != nil {
		return
	}
	ref := wbCellRef(col, row)
	// SetCellDefault stores a numeric literal as a number cell (no type attribute), verbatim.
	g.fail("cell "+ref, g.f.SetCellDefault(g.sheet, ref, qxDecimalText(v, scale)))
}

// rich writes runs of differently formatted text into one cell.
func (g *wbGrid) rich(col, row int, runs []excelize.RichTextRun, style int) {
	if g.err != nil {
		return
	}
	ref := wbCellRef(col, row)
	g.fail("cell "+ref, g.f.SetCellRichText(g.sheet, ref, runs))
	g.style(col, row, col, row, style)
}

// style applies a style to a rectangle, which is how a merged cell gets its border all round.
func (g *wbGrid) style(col1, row1, col2, row2, style int) {
	if g.err != nil {
		return
	}
	from, to := wbCellRef(col1, row1), wbCellRef(col2, row2)
	g.fail("style "+from+":"+to, g.f.SetCellStyle(g.sheet, from, to, style))
}

// merge joins the rectangle col1,row1..col2,row2 into one cell, styled as a whole.
func (g *wbGrid) merge(col1, row1, col2, row2, style int) {
	if g.err != nil || (col1 == col2 && row1 == row2) {
		return
	}
	from, to := wbCellRef(col1, row1), wbCellRef(col2, row2)
	g.fail("merge "+from+":"+to, g.f.MergeCell(g.sheet, from, to))
	g.style(col1, row1, col2, row2, style)
}

// mergedText writes s into columns col1..col2 of a row merged into one cell.
func (g *wbGrid) mergedText(col1, col2, row int, s string, style int) {
	g.text(col1, row, s, style)
	g.merge(col1, row, col2, row, style)
}

// width sets the width of a column, in Excel's character units.
func (g *wbGrid) width(col int, chars float64) {
	if g.err != nil {
		return
	}
	name := columnLetter(col - 1)
	g.fail("width of "+name, g.f.SetColWidth(g.sheet, name, name, min(chars, excelize.MaxColumnWidth)))
}

// height sets the height of a row, in points.
func (g *wbGrid) height(row int, points float64) {
	if g.err != nil {
		return
	}
	g.fail("height of row "+strconv.Itoa(row), g.f.SetRowHeight(g.sheet, row, min(points, excelize.MaxRowHeight)))
}
