package sheets

import (
	"fmt"
	"strconv"
)

// wbGrid writes the cells of one worksheet by 1-based column and row, and keeps the first error:
// a layout then reads as the list of cells it is rather than a ladder of error checks, and the
// caller checks err once (the errWriter idiom of "Errors are values").
type wbGrid struct {
	strings *wbStrings
	sheet   *wbSheet
	err     error
}

// wbCellRef names a cell from 1-based coordinates: (2, 10) → "B10".
func wbCellRef(col, row int) string {
	return columnLetter(col-1) + strconv.Itoa(row)
}

// fail records the first error, naming what was being done.
func (g *wbGrid) fail(what string, err error) {
	if err != nil && g.err == nil {
		g.err = fmt.Errorf("%s %s: %w", g.sheet.name, what, err)
	}
}

// text writes s as a string cell in a style.
func (g *wbGrid) text(col, row int, s string, style int) {
	g.setText(col, row, s)
	g.style(col, row, col, row, style)
}

// setText writes s as a string cell, leaving its style. A text is never a formula, so a name
// such as "=HYPERLINK(…)" stays the text the user typed.
func (g *wbGrid) setText(col, row int, s string) {
	c := g.sheet.cell(col, row)
	c.kind, c.value = wbString, int64(g.strings.add(s))
}

// setLines writes the lines of a list as one string cell, one item to a line, leaving its style.
func (g *wbGrid) setLines(col, row int, lines []string) {
	c := g.sheet.cell(col, row)
	c.kind, c.value = wbString, int64(g.strings.addLines(lines))
}

// number writes v / 10^scale as a number cell in a style.
func (g *wbGrid) number(col, row int, v int64, scale, style int) {
	g.setNumber(col, row, v, scale)
	g.style(col, row, col, row, style)
}

// setNumber writes v / 10^scale as a number cell, leaving its style. The value is written as the
// exact decimal computed from integers, so no float rounding enters the file.
func (g *wbGrid) setNumber(col, row int, v int64, scale int) {
	c := g.sheet.cell(col, row)
	c.kind, c.value, c.scale = wbNumber, v, uint8(scale)
}

// rich writes runs of differently formatted text into one cell.
func (g *wbGrid) rich(col, row int, runs []wbRun, style int) {
	i, err := g.strings.addRich(runs)
	if err != nil {
		g.fail("cell "+wbCellRef(col, row), err)
		return
	}
	c := g.sheet.cell(col, row)
	c.kind, c.value = wbString, int64(i)
	g.style(col, row, col, row, style)
}

// style applies a style to a rectangle, which is how a merged cell gets its border all round.
// Cells of the rectangle that hold nothing become empty cells with the style.
func (g *wbGrid) style(col1, row1, col2, row2, style int) {
	for row := row1; row <= row2; row++ {
		for col := col1; col <= col2; col++ {
			c := g.sheet.cell(col, row)
			if c.kind == wbAbsent {
				c.kind = wbStyled
			}
			c.style = uint16(style)
		}
	}
}

// merge joins the rectangle col1,row1..col2,row2 into one cell, styled as a whole.
func (g *wbGrid) merge(col1, row1, col2, row2, style int) {
	if col1 == col2 && row1 == row2 {
		return
	}
	g.sheet.merges = append(g.sheet.merges, wbRange{col1, row1, col2, row2})
	g.style(col1, row1, col2, row2, style)
}

// mergedText writes s into columns col1..col2 of a row merged into one cell.
func (g *wbGrid) mergedText(col1, col2, row int, s string, style int) {
	g.text(col1, row, s, style)
	g.merge(col1, row, col2, row, style)
}

// width sets the width of a column, in Excel's character units.
func (g *wbGrid) width(col int, chars float64) {
	g.sheet.setWidth(col, chars)
}

// height sets the height of a row, in points.
func (g *wbGrid) height(row int, points float64) {
	g.sheet.setHeight(row, points)
}
