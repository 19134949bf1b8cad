package sheets

// Rows of the head of the 見積書 that do not move.
const (
	wbRowHeading   = 1
	wbRowMeta      = 2 // number, issue date and valid until, at the top right
	wbRowAddressee = 3
	wbRowGreeting  = 5
	wbRowGap       = 6
	wbRowInfo      = 7 // 件名, 納期, 支払条件 and the headline at the left, the issuer at the right
)

// Heights in points of the head's spacing rows.
const (
	wbGapHeight      = 8
	wbHeadlineExtra  = 6
	wbMinSpacerAbove = 10
)

// rows is the height of a row of n lines at the base size.
func (d *wbQuoteDoc) rows(n int) float64 {
	return float64(n)*d.font.lineHeight(wbBaseSize) + wbRowPadding
}

// wbWriteHead writes everything above the lines and returns the row of the lines' header.
func wbWriteHead(g *wbGrid, d *wbQuoteDoc, w wbWidths) int {
	wbWriteTop(g, d)
	last := wbWriteParticulars(g, d, w)
	// Pictures are anchored by the row heights and column widths, so they come last.
	wbPlaceSeal(g, d, w)
	wbPlaceLogo(g, d, w)
	return last + 2
}

// wbWriteTop writes the heading, the number and dates at the right, the addressee and the
// greeting at the left.
func wbWriteTop(g *wbGrid, d *wbQuoteDoc) {
	q, l, st := d.q, d.q.Labels, d.st
	g.mergedText(wbQcNo, wbQcAmount, wbRowHeading, l.Heading, st.heading)
	g.height(wbRowHeading, d.font.lineHeight(wbHeadingSize)+wbRowPadding)
	row := wbRowMeta
	for _, m := range [][2]string{{l.Number, q.Number}, {l.IssueDate, q.IssueDate}, {l.ValidUntil, q.ValidUntil}} {
		if m[1] != "" {
			g.text(wbQcPrice, row, m[0], st.metaLabel)
			g.text(wbQcAmount, row, m[1], st.metaValue)
			g.height(row, d.rows(1))
			row++
		}
	}
	g.mergedText(wbQcNo, wbQcQty, wbRowAddressee, q.Addressee, st.addressee)
	g.height(wbRowAddressee, d.font.lineHeight(wbAddresseeSize)+wbRowPadding)
	g.mergedText(wbQcNo, wbQcQty, wbRowGreeting, l.Greeting, st.plain)
	g.height(wbRowGreeting, d.rows(1))
	g.height(wbRowGap, wbGapHeight)
}

// wbWriteParticulars writes 件名, 納期 and 支払条件 and the headline at the left, the issuer
// beside them at the right, and returns the last row they take.
func wbWriteParticulars(g *wbGrid, d *wbQuoteDoc, w wbWidths) int {
	q, l, st := d.q, d.q.Labels, d.st
	var heights []float64 // of the rows from wbRowInfo on
	for _, info := range [][2]string{{l.Title, q.Title}, {l.Delivery, q.Delivery}, {l.Payment, q.Payment}} {
		if info[1] != "" {
			row := wbRowInfo + len(heights)
			g.mergedText(wbQcNo, wbQcLabel, row, info[0], st.infoLabel)
			g.mergedText(wbQcName, wbQcQty, row, info[1], st.infoValue)
			heights = append(heights, d.rows(wbWrappedLines(info[1], wbSpanWidth(w, wbQcName, wbQcQty), 1)))
		}
	}
	spacer := len(heights)
	heights = append(heights, wbMinSpacerAbove)
	wbWriteHeadline(g, d, wbRowInfo+len(heights))
	heights = append(heights, d.font.lineHeight(wbHeadlineSize)+wbRowPadding+wbHeadlineExtra, d.rows(1))
	last := wbRowInfo + len(heights) - 1

	need := wbWriteIssuer(g, d, w, last)
	var have float64
	for _, h := range heights {
		have += h
	}
	// The issuer's lines must fit beside the left column: the spacer above the headline grows.
	if need > have {
		heights[spacer] += need - have
	}
	for i, h := range heights {
		g.height(wbRowInfo+i, h)
	}
	return last
}

// wbWriteHeadline writes 「御見積金額 ¥7,396,400（税込）」 and under it 「内消費税 ¥672,400」: both
// figures are numbers, the words around them are in their number formats. The tax line is left
// out when there is no tax to speak of.
func wbWriteHeadline(g *wbGrid, d *wbQuoteDoc, row int) {
	st, t := d.st, d.q.Totals
	g.mergedText(wbQcNo, wbQcLabel, row, d.q.Labels.Headline, st.headlineLabel)
	g.number(wbQcName, row, t.TotalMinor, d.cur.scale, st.headlineTotal)
	g.merge(wbQcName, row, wbQcQty, row, st.headlineTotal)
	if t.TaxMinor != 0 {
		g.number(wbQcName, row+1, t.TaxMinor, d.cur.scale, st.headlineTax)
		g.merge(wbQcName, row+1, wbQcQty, row+1, st.headlineTax)
	}
}

// wbWriteIssuer writes the issuer as one block merged over the columns E:G and the rows from
// wbRowInfo to last, so that its lines do not depend on the heights of the rows beside it, and
// returns the height in points the block needs.
func wbWriteIssuer(g *wbGrid, d *wbQuoteDoc, w wbWidths, last int) float64 {
	is := d.q.Issuer
	block := wbSpanWidth(w, wbQcUnit, wbQcAmount)
	var runs []wbRun
	need := float64(wbRowPadding)
	if is.Company != "" {
		runs = append(runs, wbRun{text: is.Company, size: wbLargeSize, bold: true})
		need += float64(wbWrappedLines(is.Company, block, wbLargeSize/wbBaseSize)) * d.font.lineHeight(wbLargeSize)
	}
	for _, s := range d.q.IssuerLines() {
		need += float64(wbWrappedLines(s, block, 1)) * d.font.lineHeight(wbBaseSize)
		if len(runs) > 0 {
			s = "\n" + s
		}
		runs = append(runs, wbRun{text: s, size: wbBaseSize})
	}
	if len(runs) == 0 {
		return 0
	}
	g.rich(wbQcUnit, wbRowInfo, runs, d.st.issuer)
	g.merge(wbQcUnit, wbRowInfo, wbQcAmount, last, d.st.issuer)
	return need
}
