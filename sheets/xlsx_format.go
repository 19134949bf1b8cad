package sheets

import (
	"github.com/xuri/excelize/v2"
)

// shortDatePattern is how cells with Excel's built-in short-date format (number format 14,
// shown in the reader's locale) come out: the Japanese convention, unambiguous in English too,
// where excelize's default would be the American mm-dd-yy.
const shortDatePattern = "yyyy/m/d"

// numberFormatter shows numeric cells as Excel does (dates, percentages, thousands separators),
// with excelize's implementation of Excel's number formats, which it offers only through a
// workbook: each value is written to one cell of a scratch workbook, made on first use, with the
// upload's format, and read back as shown. Only the columns a deliverable is made of are
// formatted, so the work is bounded by the rows read.
type numberFormatter struct {
	styles   styles
	date1904 bool
	scratch  *excelize.File
	styleOf  map[int]int // number format id in the upload → style id in scratch
}

// scratchSheet and scratchCell are where values are formatted.
const (
	scratchSheet = "Sheet1"
	scratchCell  = "A1"
)

// format returns value, the stored text of a numeric cell with cell format xf, as shown. A value
// or format excelize cannot handle is shown as stored, as Excel would show the stored number in
// General format.
func (n *numberFormatter) format(value string, xf int) string {
	if value == "" {
		return ""
	}
	id, err := n.style(n.styles.numFmt(xf))
	if err != nil {
		return value
	}
	f := n.scratch
	if f.SetCellDefault(scratchSheet, scratchCell, value) != nil || f.SetCellStyle(scratchSheet, scratchCell, scratchCell, id) != nil {
		return value
	}
	shown, err := f.GetCellValue(scratchSheet, scratchCell)
	if err != nil {
		return value
	}
	return shown
}

// style returns the scratch workbook's style for number format numFmt, creating both as needed.
func (n *numberFormatter) style(numFmt int) (int, error) {
	if n.scratch == nil {
		n.scratch = excelize.NewFile(excelize.Options{ShortDatePattern: shortDatePattern})
		n.styleOf = map[int]int{}
		if err := n.scratch.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &n.date1904}); err != nil {
			return 0, err
		}
	}
	if id, ok := n.styleOf[numFmt]; ok {
		return id, nil
	}
	style := &excelize.Style{NumFmt: numFmt}
	if code, ok := n.styles.custom[numFmt]; ok { // a workbook's own code wins, as in Excel

		style = &excelize.Style{CustomNumFmt: &code}
	}
	id, err := n.scratch.NewStyle(style)
	if err != nil {
		return 0, err
	}
	n.styleOf[numFmt] = id
	return id, nil
}

// close releases the scratch workbook.
func (n *numberFormatter) close() {
	if n.scratch != nil {
		_ = n.scratch.Close() // an in-memory workbook: closing only drops temporary files it never made
	}
}
