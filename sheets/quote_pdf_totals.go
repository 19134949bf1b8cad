package sheets

// pdfTotal is a row of the totals under the lines: 小計, 消費税, 合計.
type pdfTotal struct {
	label, amount string
	strong        bool // the total: bold, larger, shaded
}

const (
	pdfTotalH       = 6.5
	pdfTotalStrongH = 8.0
)

// totalRows are the totals the quote shows, in order.
func (d *pdfDoc) totalRows() []pdfTotal {
	l, t := d.q.Labels, d.q.Totals
	return []pdfTotal{
		{label: l.Subtotal, amount: d.q.Money(t.SubtotalMinor)},
		{label: l.Tax, amount: d.q.Money(t.TaxMinor)},
		{label: l.Total, amount: d.q.Money(t.TotalMinor), strong: true},
	}
}

func (r pdfTotal) height() float64 {
	if r.strong {
		return pdfTotalStrongH
	}
	return pdfTotalH
}

func pdfTotalsHeight(rows []pdfTotal) float64 {
	h := 0.0
	for _, r := range rows {
		h += r.height()
	}
	return h
}

// drawTotals draws the totals right under the table, their captions spanning the quantity, unit
// and unit price columns and the amounts in the amount column, and returns the y below them.
func (d *pdfDoc) drawTotals(c pdfCols, y float64, rows []pdfTotal) float64 {
	x := c.x(pdfColQty)
	labelW := c.x(pdfColAmount) - x
	for _, r := range rows {
		h := r.height()
		size := pdfSizeBody
		if r.strong {
			size = pdfSizeCompany
		}
		d.fillRect(x, y, labelW, h, pdfFill)
		if r.strong {
			d.fillRect(x+labelW, y, c[pdfColAmount], h, pdfFill)
			d.rule(x, pdfRight, y, pdfRuleThick, pdfStrong)
		}
		draw := func() {
			d.text(x, y, labelW, h, size, r.label, "C")
			d.text(x+labelW, y, c[pdfColAmount], h, size, r.amount, "R")
		}
		if r.strong {
			d.bold(size, draw)
		} else {
			draw()
		}
		d.frame(x, y, labelW+c[pdfColAmount], h, pdfRuleThin, pdfStrong)
		d.pdf.line(x+labelW, y, x+labelW, y+h)
		y += h
	}
	return y
}
