package sheets

// wbWriteLines writes the 明細 from the header row top down: No, 品名 with its description,
// 数量, 単位, 単価, 金額, then the figures under them. It returns the last row written.
func wbWriteLines(g *wbGrid, d *wbQuoteDoc, w wbWidths, top int) int {
	l, st, scale := d.q.Labels, d.st, d.cur.scale
	wbWriteLinesHeader(g, d, w, top)
	row := top
	nameWidth := wbSpanWidth(w, wbQcLabel, wbQcName)
	for _, line := range d.q.Lines {
		row++
		cells := st.body
		if line.Description != "" {
			cells = st.lineTop
		}
		g.number(wbQcNo, row, int64(line.No), 0, cells.no)
		g.mergedText(wbQcLabel, wbQcName, row, line.Name, cells.text)
		g.height(row, d.rows(wbWrappedLines(line.Name, nameWidth, 1)))
		g.number(wbQcQty, row, line.DaysTenths, qxDaysScale, cells.days)
		g.text(wbQcUnit, row, l.UnitDays, cells.unit)
		g.number(wbQcPrice, row, line.UnitCostMinor, scale, cells.money)
		g.number(wbQcAmount, row, line.AmountMinor, scale, cells.money)
		if line.Description != "" {
			row++
			wbWriteDescription(g, d, nameWidth, row, line.Description)
		}
	}
	return wbWriteSummary(g, d, row)
}

// wbWriteLinesHeader writes the header of the 明細, the row repeated on every printed page.
func wbWriteLinesHeader(g *wbGrid, d *wbQuoteDoc, w wbWidths, row int) {
	l := d.q.Labels
	headers := []struct {
		from, to int
		text     string
	}{
		{wbQcNo, wbQcNo, l.No}, {wbQcLabel, wbQcName, l.Name}, {wbQcQty, wbQcQty, l.Quantity},
		{wbQcUnit, wbQcUnit, l.Unit}, {wbQcPrice, wbQcPrice, l.UnitPrice}, {wbQcAmount, wbQcAmount, l.Amount},
	}
	lines := 1
	for _, h := range headers {
		g.mergedText(h.from, h.to, row, h.text, d.st.header)
		lines = max(lines, wbWrappedLines(h.text, wbSpanWidth(w, h.from, h.to), 1))
	}
	g.height(row, d.rows(lines))
}

// wbWriteSummary writes the figures under the lines from the row after last: contingency and
// discount as lines of the table, subtotal, tax and total under the amounts, the total set apart.
// It returns the last row written.
func wbWriteSummary(g *wbGrid, d *wbQuoteDoc, last int) int {
	st, scale, row := d.st, d.cur.scale, last
	for _, s := range qxQuoteSummary(d.q) {
		row++
		switch s.kind {
		case qxSummaryAdjustment:
			g.style(wbQcNo, row, wbQcNo, row, st.body.no)
			g.mergedText(wbQcLabel, wbQcName, row, s.label, st.body.text)
			g.style(wbQcQty, row, wbQcPrice, row, st.body.text)
			g.number(wbQcAmount, row, s.minor, scale, st.body.money)
		case qxSummaryTotal:
			g.mergedText(wbQcQty, wbQcPrice, row, s.label, st.totalLabel)
			g.number(wbQcAmount, row, s.minor, scale, st.totalMoney)
		default:
			g.mergedText(wbQcQty, wbQcPrice, row, s.label, st.sumLabel)
			g.number(wbQcAmount, row, s.minor, scale, st.sumMoney)
		}
		g.height(row, d.rows(1))
	}
	return row
}

// wbWriteDescription writes a line's description in the row under its name, smaller and grey,
// closing the box the two rows share. Its own row rather than a second font in the name's cell,
// so that the name's cell holds the name alone, as the breakdown's does.
func wbWriteDescription(g *wbGrid, d *wbQuoteDoc, width float64, row int, text string) {
	st := d.st
	g.style(wbQcNo, row, wbQcNo, row, st.lineFoot)
	g.mergedText(wbQcLabel, wbQcName, row, text, st.description)
	g.style(wbQcQty, row, wbQcAmount, row, st.lineFoot)
	lines := wbWrappedLines(text, width, wbSmallSize/wbBaseSize)
	g.height(row, float64(lines)*d.font.lineHeight(wbSmallSize)+wbRowPadding/2)
}

// wbWriteRemarks writes the remarks (備考) one to a row in a box two rows below last, and returns
// the last row written.
func wbWriteRemarks(g *wbGrid, d *wbQuoteDoc, w wbWidths, last int) int {
	if len(d.q.Remarks) == 0 {
		return last
	}
	top := last + 2
	g.mergedText(wbQcNo, wbQcAmount, top, d.q.Labels.Remarks, d.st.remarksHead)
	g.height(top, d.rows(1))
	width := wbSpanWidth(w, wbQcNo, wbQcAmount)
	for i, remark := range d.q.Remarks {
		row := top + 1 + i
		g.mergedText(wbQcNo, wbQcAmount, row, remark, d.st.remark)
		g.height(row, d.rows(wbWrappedLines(remark, width, 1)))
	}
	return top + len(d.q.Remarks)
}
