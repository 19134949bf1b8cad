package sheets

// qxSummaryKind tells the writers how a figure under the lines is shown.
type qxSummaryKind int

const (
	// qxSummaryAdjustment is a line-like row of the 明細 (contingency, 出精値引).
	qxSummaryAdjustment qxSummaryKind = iota
	qxSummarySubtotal
	qxSummaryTax
	// qxSummaryTotal is the amount the client pays, set apart on the document.
	qxSummaryTotal
)

// qxSummaryRow is one figure under the lines, in minor units, with its caption.
type qxSummaryRow struct {
	label string
	minor int64
	kind  qxSummaryKind
}

// qxQuoteSummary lists the figures under the lines in the order a 見積書 shows them, so that the
// workbook and the CSV agree. Contingency and discount appear only when they are not zero, and
// the discount is negative: it is subtracted, and the document marks it with ▲.
func qxQuoteSummary(q Quote) []qxSummaryRow {
	var rows []qxSummaryRow
	t, l := q.Totals, q.Labels
	if t.ContingencyMinor != 0 {
		rows = append(rows, qxSummaryRow{l.Contingency, t.ContingencyMinor, qxSummaryAdjustment})
	}
	if t.DiscountMinor != 0 {
		rows = append(rows, qxSummaryRow{l.Discount, -t.DiscountMinor, qxSummaryAdjustment})
	}
	return append(rows,
		qxSummaryRow{l.Subtotal, t.SubtotalMinor, qxSummarySubtotal},
		qxSummaryRow{l.Tax, t.TaxMinor, qxSummaryTax},
		qxSummaryRow{l.Total, t.TotalMinor, qxSummaryTotal},
	)
}
