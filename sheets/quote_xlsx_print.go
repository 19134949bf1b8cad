package sheets

import "strings"

// Page setup shared by the sheets: A4 (paper size 9 in OOXML), margins in inches as Excel's
// "normal" preset but narrower at the sides, so the table is not shrunk more than it must be.
const (
	wbPaperA4        = 9
	wbMarginSide     = 0.5
	wbMarginTopBot   = 0.6
	wbMarginHeadFoot = 0.3
)

// wbPrintSetup is how one sheet prints: its orientation, the used range that is the print area,
// and the row repeated at the top of every page (0 for none).
type wbPrintSetup struct {
	landscape bool
	lastCol   int
	lastRow   int
	titleRow  int
}

// wbSetupPrint prepares a sheet for printing: A4, fit to one page wide and as many pages tall as
// needed, the print area and print titles as the defined names Excel and LibreOffice look for,
// centred horizontally, with page numbers and the quotation number in the footer.
func wbSetupPrint(g *wbGrid, q Quote, p wbPrintSetup) {
	g.sheet.print = p
	g.sheet.footer = wbFooter(q)
}

// wbFooter puts the page number, in the words of Labels.Page, in the centre and the quotation
// number on the right, so that a loose printed page can be put back where it belongs.
func wbFooter(q Quote) string {
	page := wbHeaderFooterText(q.Labels.Page)
	page = strings.NewReplacer("{page}", "&P", "{pages}", "&N").Replace(page)
	out := ""
	if page != "" {
		out += "&C" + page
	}
	if q.Number != "" {
		out += "&R" + wbHeaderFooterText(q.Number)
	}
	return out
}

// wbHeaderFooterText escapes text for a header or footer, where & starts a control code.
func wbHeaderFooterText(s string) string {
	return strings.ReplaceAll(s, "&", "&&")
}

// wbSheetRef quotes a sheet name for a reference; a quote inside the name is doubled.
func wbSheetRef(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// wbFreezeHeader keeps the header row, and the first cols columns, visible while scrolling.
func wbFreezeHeader(g *wbGrid, cols int) {
	g.sheet.frozen, g.sheet.freezeCols = true, cols
}

// wbHideGridLines makes a sheet look like the document it is rather than a grid.
func wbHideGridLines(g *wbGrid) {
	g.sheet.hideGrid = true
}
