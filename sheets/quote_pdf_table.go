package sheets

import (
	"strconv"
	"strings"
)

// pdfCols are the widths of the lines table's columns in millimetres: No, 品名, 数量, 単位, 単価,
// 金額. The name takes what the others leave.
type pdfCols [6]float64

// Column indexes.
const (
	pdfColNo = iota
	pdfColName
	pdfColQty
	pdfColUnit
	pdfColPrice
	pdfColAmount
)

// Fixed minimum widths, and the height of the header row.
const (
	pdfColNoW    = 10.0
	pdfColQtyW   = 16.0
	pdfColUnitW  = 14.0
	pdfColMoneyW = 24.0
	pdfHeaderH   = 7.0
)

// pdfRow is a row of the lines table, already wrapped and measured.
type pdfRow struct {
	no, qty, unit, price, amount string
	name, desc                   []string
	h                            float64
}

// columns sizes the table so the widest figure and caption fit unwrapped.
func (d *pdfDoc) columns() pdfCols {
	l := d.q.Labels
	fit := func(least, size float64, texts ...string) float64 {
		for _, t := range texts {
			least = max(least, d.width(t, size)+2*pdfPad+1)
		}
		return least
	}
	money, days := []string{l.UnitPrice, l.Amount}, []string{l.Quantity}
	for _, ln := range d.q.Lines {
		money = append(money, d.q.Money(ln.UnitCostMinor), d.q.Money(ln.AmountMinor))
		days = append(days, d.q.Days(ln.DaysTenths))
	}
	t := d.q.Totals
	money = append(money, d.q.Money(t.SubtotalMinor), d.discount())
	var c pdfCols
	c[pdfColNo] = fit(pdfColNoW, pdfSizeBody, l.No, strconv.Itoa(len(d.q.Lines)))
	c[pdfColQty] = fit(pdfColQtyW, pdfSizeBody, days...)
	c[pdfColUnit] = fit(pdfColUnitW, pdfSizeBody, l.Unit, l.UnitDays)
	figures := fit(pdfColMoneyW, pdfSizeBody, money...)
	// The total is set larger than the other figures.
	c[pdfColPrice] = fit(figures, pdfSizeCompany, d.q.Money(t.TotalMinor))
	c[pdfColAmount] = c[pdfColPrice]
	c[pdfColName] = pdfContentW - c[pdfColNo] - c[pdfColQty] - c[pdfColUnit] - 2*c[pdfColPrice]
	return c
}

// x is the left edge of column i.
func (c pdfCols) x(i int) float64 {
	x := pdfMargin
	for _, w := range c[:i] {
		x += w
	}
	return x
}

// rows lays out the lines, then the contingency and the discount (出精値引) as rows without a
// number, the way Japanese quotations list them.
func (d *pdfDoc) rows(c pdfCols) []pdfRow {
	rows := make([]pdfRow, 0, len(d.q.Lines)+2)
	for _, ln := range d.q.Lines {
		rows = append(rows, d.layoutRow(c, pdfRow{
			no:     strconv.Itoa(ln.No),
			qty:    d.q.Days(ln.DaysTenths),
			unit:   d.q.Labels.UnitDays,
			price:  d.q.Money(ln.UnitCostMinor),
			amount: d.q.Money(ln.AmountMinor),
		}, ln.Name, ln.Description))
	}
	if t := d.q.Totals; t.ContingencyMinor != 0 {
		row := pdfRow{amount: d.q.Money(t.ContingencyMinor)}
		rows = append(rows, d.layoutRow(c, row, d.q.Labels.Contingency, ""))
	}
	if d.q.Totals.DiscountMinor != 0 {
		rows = append(rows, d.layoutRow(c, pdfRow{amount: d.discount()}, d.q.Labels.Discount, ""))
	}
	return rows
}

// discount is the discount as a deduction: ▲ and the amount in Japanese, as Japanese documents
// show one, and a negative amount in English, where ▲ means nothing.
func (d *pdfDoc) discount() string {
	amount := pdfAbs(d.q.Totals.DiscountMinor)
	if d.q.Lang == "ja" {
		return "▲" + d.q.Money(amount)
	}
	return d.q.Money(-amount)
}

func pdfAbs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// Row geometry: padding above and below the text, and the tallest a row may be so that it fits
// on a continuation page under the header.
const (
	pdfRowPad  = 1.3
	pdfRowMaxH = pdfBottom - pdfMargin - pdfHeaderH
)

// layoutRow wraps the name and the description into the name column and measures the row. A row
// taller than a page (a description of several thousand characters) is cut with an ellipsis:
// rows are never split across pages.
func (d *pdfDoc) layoutRow(c pdfCols, r pdfRow, name, desc string) pdfRow {
	r.name = d.wrap(name, pdfSizeBody, c[pdfColName])
	if strings.TrimSpace(desc) != "" {
		r.desc = d.wrap(desc, pdfSizeNote, c[pdfColName])
	}
	height := func() float64 {
		text := float64(len(r.name))*pdfLineH(pdfSizeBody) + float64(len(r.desc))*pdfLineH(pdfSizeNote)
		return 2*pdfRowPad + text
	}
	cut := false
	for height() > pdfRowMaxH {
		cut = true
		if len(r.desc) > 0 {
			r.desc = r.desc[:len(r.desc)-1]
		} else {
			r.name = r.name[:len(r.name)-1]
		}
	}
	switch {
	case cut && len(r.desc) > 0:
		d.ellipsize(r.desc, pdfSizeNote, c[pdfColName])
	case cut:
		d.ellipsize(r.name, pdfSizeBody, c[pdfColName])
	}
	r.h = height()
	return r
}

// ellipsize marks the last of lines, set at size in a cell w wide, with "…" to show that text
// was cut after it, shortening it to make room.
func (d *pdfDoc) ellipsize(lines []string, size, w float64) {
	last := []rune(lines[len(lines)-1])
	for len(last) > 0 && d.width(string(last)+"…", size)+2*pdfPad > w {
		last = last[:len(last)-1]
	}
	lines[len(lines)-1] = string(last) + "…"
}
