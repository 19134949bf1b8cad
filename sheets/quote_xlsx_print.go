package sheets

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

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
	if g.err != nil {
		return
	}
	orientation := "portrait"
	if p.landscape {
		orientation = "landscape"
	}
	size, wide, tall := wbPaperA4, 1, 0
	g.fail("page layout", g.f.SetPageLayout(g.sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orientation, FitToWidth: &wide, FitToHeight: &tall,
	}))
	// fitToWidth and fitToHeight only count when the sheet asks to fit to the page.
	fit := true
	g.fail("sheet properties", g.f.SetSheetProps(g.sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	side, topBot, headFoot, centre := wbMarginSide, wbMarginTopBot, wbMarginHeadFoot, true
	g.fail("page margins", g.f.SetPageMargins(g.sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &topBot, Bottom: &topBot,
		Header: &headFoot, Footer: &headFoot, Horizontally: &centre,
	}))
	sheet := wbSheetRef(g.sheet)
	area := fmt.Sprintf("%s!$A$1:$%s$%d", sheet, columnLetter(p.lastCol-1), max(p.lastRow, 1))
	g.fail("print area", g.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: area, Scope: g.sheet}))
	if p.titleRow > 0 {
		titles := fmt.Sprintf("%s!$%d:$%d", sheet, p.titleRow, p.titleRow)
		g.fail("print titles", g.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: g.sheet}))
	}
	g.fail("wbFooter", g.f.SetHeaderFooter(g.sheet, &excelize.HeaderFooterOptions{OddFooter: wbFooter(q)}))
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
	if g.err != nil {
		return
	}
	pane := "bottomLeft"
	if cols > 0 {
		pane = "bottomRight"
	}
	g.fail("freeze header", g.f.SetPanes(g.sheet, &excelize.Panes{
		Freeze: true, XSplit: cols, YSplit: 1, TopLeftCell: wbCellRef(cols+1, 2), ActivePane: pane,
	}))
}

// wbHideGridLines makes a sheet look like the document it is rather than a grid.
func wbHideGridLines(g *wbGrid) {
	if g.err != nil {
		return
	}
	show := false
	g.fail("sheet view", g.f.SetSheetView(g.sheet, 0, &excelize.ViewOptions{ShowGridLines: &show}))
}
