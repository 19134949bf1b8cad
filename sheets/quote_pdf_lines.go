package sheets

// drawLines draws the lines table from y, breaking pages between rows, then the totals. It
// returns the y below the totals.
func (d *pdfDoc) drawLines(y float64) float64 {
	c := d.columns()
	rows := d.rows(c)
	totals := d.totalRows()
	if len(rows) > 0 && y+pdfHeaderH+rows[0].h > pdfBottom {
		y = d.continuePage() // the top of the first page left no room for a row
	}
	y = d.drawHeader(c, y)
	fresh := true // nothing under the header yet: a row goes here even if it will not fit
	for i, r := range rows {
		need := r.h
		if i == len(rows)-1 {
			// The totals stay with the last row rather than opening a page on their own.
			need += pdfTotalsHeight(totals)
		}
		if y+need > pdfBottom && !fresh {
			y = d.drawHeader(c, d.continuePage())
		}
		d.drawRow(c, r, y, i%2 == 1)
		y += r.h
		fresh = false
	}
	if y+pdfTotalsHeight(totals) > pdfBottom {
		y = d.drawHeader(c, d.continuePage())
	}
	return d.drawTotals(c, y, totals)
}

// drawHeader draws the table's header row at y and returns the y below it.
func (d *pdfDoc) drawHeader(c pdfCols, y float64) float64 {
	l := d.q.Labels
	d.fillRect(pdfMargin, y, pdfContentW, pdfHeaderH, pdfFill)
	d.ink(pdfInk)
	for i, label := range [...]string{l.No, l.Name, l.Quantity, l.Unit, l.UnitPrice, l.Amount} {
		d.text(c.x(i), y, c[i], pdfHeaderH, pdfSizeBody, label, "C")
	}
	d.grid(c, y, pdfHeaderH)
	d.rule(pdfMargin, pdfRight, y, pdfRuleThick, pdfStrong)
	d.rule(pdfMargin, pdfRight, y+pdfHeaderH, pdfRuleThin, pdfStrong)
	return y + pdfHeaderH
}

// drawRow draws one row at y: figures on the first line of the name, the description smaller and
// greyer under the name, every other row shaded so the eye can follow a row across.
func (d *pdfDoc) drawRow(c pdfCols, r pdfRow, y float64, shaded bool) {
	if shaded {
		d.fillRect(pdfMargin, y, pdfContentW, r.h, pdfZebra)
	}
	top := y + pdfRowPad
	h := pdfLineH(pdfSizeBody)
	d.ink(pdfInk)
	d.text(c.x(pdfColNo), top, c[pdfColNo], h, pdfSizeBody, r.no, "C")
	d.text(c.x(pdfColQty), top, c[pdfColQty], h, pdfSizeBody, r.qty, "R")
	d.text(c.x(pdfColUnit), top, c[pdfColUnit], h, pdfSizeBody, r.unit, "C")
	d.text(c.x(pdfColPrice), top, c[pdfColPrice], h, pdfSizeBody, r.price, "R")
	d.text(c.x(pdfColAmount), top, c[pdfColAmount], h, pdfSizeBody, r.amount, "R")
	below := d.textLines(c.x(pdfColName), top, c[pdfColName], pdfSizeBody, r.name, "L")
	d.ink(pdfMuted)
	d.textLines(c.x(pdfColName), below, c[pdfColName], pdfSizeNote, r.desc, "L")
	d.ink(pdfInk)
	d.grid(c, y, r.h)
	d.rule(pdfMargin, pdfRight, y+r.h, pdfRuleThin, pdfRuleGray)
}

// grid draws the vertical rules of a row, the outer ones darker.
func (d *pdfDoc) grid(c pdfCols, y, h float64) {
	d.pdf.setLineWidth(pdfRuleThin)
	for i := range len(c) + 1 {
		gray := pdfRuleGray
		if i == 0 || i == len(c) {
			gray = pdfStrong
		}
		d.pdf.setDrawGray(gray)
		x := c.x(i)
		d.pdf.line(x, y, x, y+h)
	}
}
