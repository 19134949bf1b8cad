package estimate

import (
	"errors"
	"fmt"
)

// BudgetMethod is how FitBudget brings a document down to a client's budget.
type BudgetMethod string

// The budget methods.
const (
	BudgetScale    BudgetMethod = "scale"    // every line's phases × the same factor
	BudgetPriority BudgetMethod = "priority" // trim what a seller trims first, then scale
	BudgetDiscount BudgetMethod = "discount" // a 出精値引 equal to the gap; days untouched
)

// Budget is the most a client will pay, and how to get there.
type Budget struct {
	CapMinor    int64 // the most the client will pay
	TaxIncluded bool  // the cap is compared with TotalMinor (tax included) when true, else with SubtotalMinor
	Method      BudgetMethod
}

// BudgetFit is what FitBudget returns.
type BudgetFit struct {
	Document Document // the fitted copy; FitBudget's receiver is never changed
	Totals   Totals   // Document's totals

	// FactorPPM is the factor, in parts per million, by which the last scaling multiplied every
	// phase: the scale method's factor; for the priority method the factor of its final scaling
	// step, 1,000,000 when trimming alone reached the cap; 0 for the discount method, which
	// changes no phase.
	FactorPPM int64
}

// FitBudget returns d changed so that its compared total (TotalMinor when b.TaxIncluded, else
// SubtotalMinor) is at most b.CapMinor and as close to it as rounding allows, with the new
// totals and the scaling factor. The methods:
//
//   - BudgetScale multiplies every phase of every line by the largest factor, in parts per
//     million, that fits, so the proportions between phases and lines are kept. Every line that
//     had days keeps at least 0.1 person-day.
//   - BudgetPriority trims the way a Japanese SI seller negotiates: first the documentation of
//     every line (at most 50 % off), then the testing of high-confidence lines, then that of
//     medium ones or ones without a confidence (at most 30 % off each). Thinner documentation and
//     less testing of well-understood work are what a client accepts at little risk; design,
//     implementation and the testing of low-confidence lines, the risky ones, are what makes a
//     project fail when cut, so they are cut last, by scaling everything as BudgetScale does
//     when trimming falls short. A step that reaches the cap takes the smallest cut that does.
//   - BudgetDiscount raises the discount (出精値引) by the least amount, to the minor unit, that
//     fits, and leaves every line as it is.
//
// It fails with ErrInvalidCap for a cap not above 0 or an unknown method, with ErrCapNotBelow
// when the compared total is already within the cap, with ErrCapUnreachable when the method
// cannot get down to the cap (a line would fall below 0.1 person-day, or the discount would
// exceed what is left of the lines), and with d's own error when d cannot be totalled.
func (d Document) FitBudget(b Budget) (BudgetFit, error) {
	if b.CapMinor <= 0 {
		return BudgetFit{}, fmt.Errorf("%w: cap %d; it must be above 0", ErrInvalidCap, b.CapMinor)
	}
	fit, err := b.method()
	if err != nil {
		return BudgetFit{}, err
	}
	current, err := d.Totals()
	if err != nil {
		return BudgetFit{}, fmt.Errorf("estimate: fit budget: %w", err)
	}
	if c := b.compared(current); c <= b.CapMinor {
		return BudgetFit{}, fmt.Errorf("%w: the %s is %d, the cap %d", ErrCapNotBelow, b.comparedName(), c, b.CapMinor)
	}
	return fit(d.Clone(), current)
}

// method returns the function that fits a document to b by b.Method, given the document's
// current totals, or ErrInvalidCap for an unknown method.
func (b Budget) method() (func(Document, Totals) (BudgetFit, error), error) {
	switch b.Method {
	case BudgetScale:
		return func(d Document, _ Totals) (BudgetFit, error) { return b.scale(d) }, nil
	case BudgetPriority:
		return func(d Document, _ Totals) (BudgetFit, error) { return b.priority(d) }, nil
	case BudgetDiscount:
		return b.discount, nil
	}
	return nil, fmt.Errorf("%w: unknown method %q", ErrInvalidCap, b.Method)
}

// compared returns the total the cap is compared with.
func (b Budget) compared(t Totals) int64 {
	if b.TaxIncluded {
		return t.TotalMinor
	}
	return t.SubtotalMinor
}

// comparedName names the compared total in error messages.
func (b Budget) comparedName() string {
	if b.TaxIncluded {
		return "total (tax included)"
	}
	return "subtotal (tax excluded)"
}

// fits reports whether d's compared total is within the cap. A discount larger than what is
// left of the lines counts as fitting: such a total has fallen below zero, which keeps the
// searches' predicates monotone; result rejects the document if a search ends on it. Any other
// error, a sum past int64 that only larger documents reach, counts as not fitting.
func (b Budget) fits(d Document) bool {
	t, err := d.Totals()
	if errors.Is(err, ErrNegativeSubtotal) {
		return true
	}
	return err == nil && b.compared(t) <= b.CapMinor
}

// fitLargest returns the largest x in lo..hi whose document at(x) fits, and that document. The
// compared total of at(x) must not decrease as x grows, and at(lo) must fit.
func (b Budget) fitLargest(lo, hi int64, at func(int64) Document) (int64, Document) {
	x := largestTrue(lo, hi, func(x int64) bool { return b.fits(at(x)) })
	return x, at(x)
}

// result returns the fit of d, whose scaling factor was factorPPM.
func (b Budget) result(d Document, factorPPM int64) (BudgetFit, error) {
	t, err := d.Totals()
	if errors.Is(err, ErrNegativeSubtotal) {
		return BudgetFit{}, fmt.Errorf("%w: getting within %d would leave the discount above what remains of the lines: %w", ErrCapUnreachable, b.CapMinor, err)
	}
	if err != nil {
		return BudgetFit{}, fmt.Errorf("estimate: fit budget: %w", err)
	}
	return BudgetFit{Document: d, Totals: t, FactorPPM: factorPPM}, nil
}
