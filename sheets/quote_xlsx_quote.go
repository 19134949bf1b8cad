package sheets

// Columns of the 見積書 sheet, 1-based. The head reuses the table's columns (captions in A:B,
// values in C:D, number, dates and issuer in E:G) so that the table keeps the widths a
// quotation wants; 品名 spans B:C.
const (
	wbQcNo = iota + 1
	wbQcLabel
	wbQcName
	wbQcQty
	wbQcUnit
	wbQcPrice
	wbQcAmount
)

// Minimum widths of the 見積書's columns, in character units: together about the 180 mm between
// the margins of A4 portrait, so fitting to the page width barely shrinks the print.
const (
	wbMinNoWidth     = 5
	wbMinLabelWidth  = 12
	wbNameWidth      = 34
	wbMinQtyWidth    = 9
	wbMinUnitWidth   = 7
	wbMinPriceWidth  = 13
	wbMinAmountWidth = 15
)

// wbQuoteExtraRows is about how many rows and merged ranges the 見積書 has besides its lines and
// remarks.
const wbQuoteExtraRows = 32

// wbWriteQuoteSheet lays out the 見積書: the head, the lines with the totals under them, the
// remarks, and the print setup with the lines' header repeated on every page.
func wbWriteQuoteSheet(g *wbGrid, d *wbQuoteDoc) {
	w := wbQuoteWidths(d)
	for col := wbQcNo; col <= wbQcAmount; col++ {
		g.width(col, w[col])
	}
	// A line takes two rows with its description, each merged over 品名; the head, the totals and
	// the remarks take a few dozen more.
	lines := len(d.q.Lines)
	g.sheet.reserve(2*lines+len(d.q.Remarks)+wbQuoteExtraRows, 2*lines+len(d.q.Remarks)+wbQuoteExtraRows)
	wbHideGridLines(g)
	headerRow := wbWriteHead(g, d, w)
	last := wbWriteLines(g, d, w, headerRow)
	last = wbWriteRemarks(g, d, w, last)
	wbSetupPrint(g, d.q, wbPrintSetup{lastCol: wbQcAmount, lastRow: last, titleRow: headerRow})
}

// wbQuoteWidths sizes the 見積書's columns to their content, never below the minimums: captions
// in the document's language, and the widest amount the currency format will show.
func wbQuoteWidths(d *wbQuoteDoc) wbWidths {
	q, l := d.q, d.q.Labels
	var widest, widestPrice int64
	for _, line := range q.Lines {
		widest = max(widest, wbAbsMinor(line.AmountMinor))
		widestPrice = max(widestPrice, wbAbsMinor(line.UnitCostMinor))
	}
	var sumLabel float64
	for _, s := range qxQuoteSummary(q) {
		widest = max(widest, wbAbsMinor(s.minor))
		sumLabel = max(sumLabel, wbTextWidth(s.label))
	}
	var w wbWidths
	w[wbQcNo] = max(wbMinNoWidth, wbTextWidth(l.No)+2)
	// The head's captions span No and this column.
	captions := max(wbTextWidth(l.Title), wbTextWidth(l.Delivery), wbTextWidth(l.Payment),
		wbTextWidth(l.Headline)*wbLargeSize/wbBaseSize+1) + 2
	w[wbQcLabel] = max(wbMinLabelWidth, captions-w[wbQcNo])
	w[wbQcName] = wbNameWidth
	w[wbQcQty] = max(wbMinQtyWidth, wbTextWidth(l.Quantity)+2)
	w[wbQcUnit] = max(wbMinUnitWidth, wbTextWidth(l.Unit)+2, wbTextWidth(l.UnitDays)+2)
	w[wbQcPrice] = max(wbMinPriceWidth, wbTextWidth(l.UnitPrice)+2, wbMoneyWidth(widestPrice, d.cur),
		wbTextWidth(l.Number)+2, wbTextWidth(l.IssueDate)+2, wbTextWidth(l.ValidUntil)+2)
	w[wbQcAmount] = max(wbMinAmountWidth, wbTextWidth(l.Amount)+2, wbMoneyWidth(widest, d.cur),
		wbTextWidth(q.Number)+2, wbTextWidth(q.IssueDate)+2, wbTextWidth(q.ValidUntil)+2)
	// The captions of subtotal, tax and total span 数量 to 単価.
	if short := sumLabel + 2 - (w[wbQcQty] + w[wbQcUnit] + w[wbQcPrice]); short > 0 {
		w[wbQcPrice] += short
	}
	return w
}

// wbWidths are the 見積書's column widths, indexed by the wbQc column constants.
type wbWidths = [wbQcAmount + 1]float64

// wbAbsMinor is the magnitude of an amount, for sizing the column that shows it.
func wbAbsMinor(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// wbSpanWidth is the width of columns from..to together.
func wbSpanWidth(w wbWidths, from, to int) float64 {
	var total float64
	for col := from; col <= to; col++ {
		total += w[col]
	}
	return total
}
