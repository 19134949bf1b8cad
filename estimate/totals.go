package estimate

import "fmt"

// bpPerWhole is the number of basis points in 100 %.
const bpPerWhole = 10000

// Document is what a quotation totals: the lines of one revision and its terms.
type Document struct {
	Lines         []Line
	ContingencyBP int64    // risk buffer on top of the lines, basis points (0 = none)
	DiscountMinor int64    // 出精値引, minor units, >= 0
	TaxRateBP     int64    // basis points (1000 = 10 %)
	TaxRounding   Rounding // "" means RoundDown (切り捨て), the usual choice
}

// Totals are a document's sums, all in minor units except Days.
type Totals struct {
	Days             int64 // tenths, Σ line days
	LinesMinor       int64 // Σ line amounts
	ContingencyMinor int64 // LinesMinor × ContingencyBP / 10000, rounded half up
	DiscountMinor    int64
	SubtotalMinor    int64 // LinesMinor + ContingencyMinor − DiscountMinor (税抜小計)
	TaxMinor         int64 // SubtotalMinor × TaxRateBP / 10000, rounded with TaxRounding
	TotalMinor       int64 // SubtotalMinor + TaxMinor (税込合計)

	// The range of LinesMinor by PERT (see pertRange), before contingency, discount and tax:
	// the range to show beside it, and how sure that makes the total.
	OptimisticMinor, PessimisticMinor int64
	RangeConfidence                   Confidence
}

// Totals computes the document's totals. Tax is computed once on the subtotal, never per line
// and summed: the invoice rules (インボイス制度) round once per document and tax rate, and a
// quotation that follows them matches the invoice that comes after it.
//
// It fails, rather than return a wrong number, on a line error (wrapped with the line's number
// and name), a negative rate (ErrNegativeRate) or discount (ErrNegativeDiscount), a discount
// larger than the lines plus contingency (ErrNegativeSubtotal), an unknown TaxRounding
// (ErrUnknownRounding), or a sum that does not fit in int64 (ErrOverflow).
func (d Document) Totals() (Totals, error) {
	if d.ContingencyBP < 0 {
		return Totals{}, fmt.Errorf("%w: contingency %d basis points", ErrNegativeRate, d.ContingencyBP)
	}
	if d.TaxRateBP < 0 {
		return Totals{}, fmt.Errorf("%w: tax %d basis points", ErrNegativeRate, d.TaxRateBP)
	}
	if d.DiscountMinor < 0 {
		return Totals{}, fmt.Errorf("%w: %d", ErrNegativeDiscount, d.DiscountMinor)
	}
	rounding := d.TaxRounding
	if rounding == "" {
		rounding = RoundDown
	}
	if !rounding.Valid() {
		return Totals{}, fmt.Errorf("%w: %q", ErrUnknownRounding, d.TaxRounding)
	}

	var t Totals
	for i, l := range d.Lines {
		if err := t.addLine(l); err != nil {
			return Totals{}, fmt.Errorf("estimate: line %d %q: %w", i+1, l.Name, err)
		}
	}
	var err error
	if t.OptimisticMinor, t.PessimisticMinor, err = pertRange(d.Lines, t.LinesMinor); err != nil {
		return Totals{}, err
	}
	t.RangeConfidence = rangeConfidence(t.OptimisticMinor, t.LinesMinor, t.PessimisticMinor)
	if t.ContingencyMinor, err = mulDiv(t.LinesMinor, d.ContingencyBP, bpPerWhole, RoundHalfUp); err != nil {
		return Totals{}, fmt.Errorf("estimate: contingency: %w", err)
	}
	gross, err := add(t.LinesMinor, t.ContingencyMinor)
	if err != nil {
		return Totals{}, fmt.Errorf("estimate: lines plus contingency: %w", err)
	}
	if d.DiscountMinor > gross {
		return Totals{}, fmt.Errorf("%w: discount %d, lines plus contingency %d", ErrNegativeSubtotal, d.DiscountMinor, gross)
	}
	t.DiscountMinor = d.DiscountMinor
	t.SubtotalMinor = gross - d.DiscountMinor
	if t.TaxMinor, err = mulDiv(t.SubtotalMinor, d.TaxRateBP, bpPerWhole, rounding); err != nil {
		return Totals{}, fmt.Errorf("estimate: tax: %w", err)
	}
	if t.TotalMinor, err = add(t.SubtotalMinor, t.TaxMinor); err != nil {
		return Totals{}, fmt.Errorf("estimate: total: %w", err)
	}
	return t, nil
}

// addLine adds one line's days and amount to the running sums, after checking its range, which
// pertRange reads.
func (t *Totals) addLine(l Line) error {
	amount, err := l.Amount()
	if err != nil {
		return err
	}
	if _, _, err := l.AmountRange(); err != nil {
		return err
	}
	// Amount has checked the phases, so Days is exact; the sums still need checking.
	for _, s := range []struct {
		sum *int64
		v   int64
	}{{&t.Days, l.Effort.Days()}, {&t.LinesMinor, amount}} {
		if *s.sum, err = add(*s.sum, s.v); err != nil {
			return err
		}
	}
	return nil
}

// grossMinor returns the lines plus the contingency: the sum a discount is taken off.
func (t Totals) grossMinor() int64 {
	// Totals computed this sum, with a check, before it subtracted the discount.
	return t.SubtotalMinor + t.DiscountMinor
}
