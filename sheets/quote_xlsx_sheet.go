package sheets

import "slices"

// Excel's limits on the size of a column and a row.
const (
	wbMaxColumnWidth = 255 // characters
	wbMaxRowHeight   = 409 // points
)

// wbCellKind is what a cell of a sheet holds.
type wbCellKind uint8

const (
	wbAbsent wbCellKind = iota // no cell: nothing is written
	wbStyled                   // an empty cell with a style, such as the rest of a merged box
	wbNumber                   // value / 10^scale
	wbString                   // the shared string numbered value
)

// wbCell is one cell of a sheet, in 16 bytes: a 500-line workbook has about 15,000.
type wbCell struct {
	value int64
	style uint16
	kind  wbCellKind
	scale uint8
}

// wbRange is a rectangle of cells, 1-based and inclusive.
type wbRange struct{ col1, row1, col2, row2 int }

// wbSheet is one worksheet as it will be written: its cells in a grid, row by row, the sizes of
// its rows and columns, and how it is viewed and printed. The layout writes cells in any order
// (the issuer block beside rows already written, styles over ranges), and the grid puts them in
// the order the file needs.
type wbSheet struct {
	name    string
	cols    int      // the grid's width: cell (col, row) is cells[(row-1)*cols+col-1]
	cells   []wbCell // whole rows
	heights []float64
	widths  []float64
	merges  []wbRange
	// Viewing: the first sheet is the one shown on opening.
	selected   bool
	hideGrid   bool
	frozen     bool
	freezeCols int // columns kept in view, besides the header row, when frozen
	print      wbPrintSetup
	footer     string
	pictures   []wbPicture
}

// cell returns the cell at col, row, growing the grid to hold it.
func (s *wbSheet) cell(col, row int) *wbCell {
	if col > s.cols {
		s.widen(col)
	}
	if need := row * s.cols; need > len(s.cells) {
		s.cells = wbGrowTo(s.cells, need)
	}
	return &s.cells[(row-1)*s.cols+col-1]
}

// reserve makes room for about rows rows of the sheet's width, which the layout knows once it
// has set the widths, and merges merged ranges: the grid then grows once.
func (s *wbSheet) reserve(rows, merges int) {
	s.cells = slices.Grow(s.cells, rows*s.cols-len(s.cells))
	s.merges = slices.Grow(s.merges, merges)
}

// widen makes the grid cols wide, moving every row to its new place. The layouts set their
// column widths first, so this happens before the first row.
func (s *wbSheet) widen(cols int) {
	rows := s.rows()
	grown := make([]wbCell, rows*cols)
	for r := range rows {
		copy(grown[r*cols:], s.cells[r*s.cols:(r+1)*s.cols])
	}
	s.cells, s.cols = grown, cols
}

// rows is the number of rows in the grid.
func (s *wbSheet) rows() int {
	if s.cols == 0 {
		return 0
	}
	return len(s.cells) / s.cols
}

// setHeight sets the height of a row in points.
func (s *wbSheet) setHeight(row int, points float64) {
	if row > len(s.heights) {
		s.heights = wbGrowTo(s.heights, row)
	}
	s.heights[row-1] = min(points, wbMaxRowHeight)
}

// setWidth sets the width of a column in characters.
func (s *wbSheet) setWidth(col int, chars float64) {
	if col > len(s.widths) {
		s.widths = wbGrowTo(s.widths, col)
	}
	s.widths[col-1] = min(chars, wbMaxColumnWidth)
	if col > s.cols {
		s.widen(col)
	}
}

// used is the range the sheet's cells take, A1 alone when it has none.
func (s *wbSheet) used() wbRange {
	r := wbRange{1, 1, 1, 1}
	for i, c := range s.cells {
		if c.kind != wbAbsent {
			r.col2 = max(r.col2, i%s.cols+1)
			r.row2 = max(r.row2, i/s.cols+1)
		}
	}
	return r
}

// wbGrowTo lengthens s to n elements, the new ones zero, growing its capacity as append does.
func wbGrowTo[E any](s []E, n int) []E {
	old := len(s)
	s = slices.Grow(s, n-old)[:n]
	clear(s[old:])
	return s
}
