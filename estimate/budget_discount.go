package estimate

// discount fits d by raising its discount (出精値引) by the least amount that brings the compared
// total within the cap, leaving every line as it is. The new subtotal is the largest S with a
// compared total within the cap: the cap itself when tax is excluded; with tax, the largest S
// with S + tax(S) <= cap, found by binary search because S + tax(S) never decreases as S grows
// whatever the tax rounding. A subtotal of 0 has no tax, so with a cap above 0 the search always
// finds an S and the discount never exceeds the lines plus the contingency.
func (b Budget) discount(d Document, current Totals) (BudgetFit, error) {
	gross := current.grossMinor()
	_, fitted := b.fitLargest(0, current.SubtotalMinor-1, func(s int64) Document {
		out := d
		out.DiscountMinor = gross - s
		return out
	})
	return b.result(fitted, 0)
}
