package estimate

import (
	"fmt"
	"reflect"
	"testing"
)

// compared returns the total a budget compares with its cap, computed from the fields rather
// than by the code under test.
func compared(t Totals, taxIncluded bool) int64 {
	if taxIncluded {
		return t.TotalMinor
	}
	return t.SubtotalMinor
}

// phasesTimes returns d with every phase multiplied by f parts per million, rounded half up,
// written from the definition; the ranges are left alone, which the compared totals ignore.
func phasesTimes(d Document, f int64) Document {
	d = d.Clone()
	for i := range d.Lines {
		for p, v := range d.Lines[i].Effort.Phases {
			d.Lines[i].Effort.Phases[p] = (v*f + ppmWhole/2) / ppmWhole
		}
	}
	return d
}

// single returns a document of one line with the given unit cost and phases.
func single(cost int64, c Confidence, phases ...int64) Document {
	return Document{Lines: []Line{keyed("line-1", "deliverable", cost, c, phases...)}}
}

func TestFitBudgetExamples(t *testing.T) {
	taxed := func(r Rounding) Document {
		d := single(50_000, High, 10, 20, 40, 20, 10)
		d.TaxRateBP, d.TaxRounding = 1000, r
		return d
	}
	tests := []struct {
		name     string
		doc      Document
		budget   Budget
		phases   [PhaseCount]int64
		discount int64
		factor   int64
		compared int64
	}{
		// 10 days at ¥50,000: 0.8 keeps 8 days, and every factor below 0.8125 rounds 4.0 days
		// of implementation to 3.2.
		{"ScaleJPY", single(50_000, High, 10, 20, 40, 20, 10), Budget{400_000, false, BudgetScale},
			[PhaseCount]int64{8, 16, 32, 16, 8}, 0, 812_499, 400_000},
		// 1.5 days at $123.45 is $185.18; $150.00 buys 1.2 days: each 0.5 day phase rounds to
		// 0.4 below a factor of 0.9.
		{"ScaleUSD", single(12_345, High, 5, 5, 5), Budget{15_000, false, BudgetScale},
			[PhaseCount]int64{4, 4, 4}, 0, 899_999, 14_814},

		// ¥440,000 tax included at 10 % is a subtotal of ¥400,000.
		{"DiscountTaxIncluded", taxed(RoundDown), Budget{440_000, true, BudgetDiscount},
			[PhaseCount]int64{10, 20, 40, 20, 10}, 100_000, 0, 440_000},
		// ¥440,005: 400,005 + 40,000.5 rounds down to 440,005; up and half up to 440,006.
		{"DiscountTaxDown", taxed(RoundDown), Budget{440_005, true, BudgetDiscount},
			[PhaseCount]int64{10, 20, 40, 20, 10}, 99_995, 0, 440_005},
		{"DiscountTaxHalfUp", taxed(RoundHalfUp), Budget{440_005, true, BudgetDiscount},
			[PhaseCount]int64{10, 20, 40, 20, 10}, 99_996, 0, 440_004},
		{"DiscountTaxUp", taxed(RoundUp), Budget{440_005, true, BudgetDiscount},
			[PhaseCount]int64{10, 20, 40, 20, 10}, 99_996, 0, 440_005},
		{"DiscountUSD", single(12_345, High, 5, 5, 5), Budget{15_000, false, BudgetDiscount},
			[PhaseCount]int64{5, 5, 5}, 3_518, 0, 15_000},

		// 9 days at ¥10,000. Documentation first: 2.0 days down to 1.5 (the largest fraction
		// kept that rounds to 1.5 is 0.774999) reaches ¥85,000.
		{"PriorityDocumentation", single(10_000, High, 0, 10, 40, 20, 20), Budget{85_000, false, BudgetPriority},
			[PhaseCount]int64{0, 10, 40, 20, 15}, 0, ppmWhole, 85_000},
		// Documentation halved is ¥80,000; then the testing of a high-confidence line.
		{"PriorityTestingHigh", single(10_000, High, 0, 10, 40, 20, 20), Budget{75_000, false, BudgetPriority},
			[PhaseCount]int64{0, 10, 40, 15, 10}, 0, ppmWhole, 75_000},
		{"PriorityTestingMedium", single(10_000, Medium, 0, 10, 40, 20, 20), Budget{75_000, false, BudgetPriority},
			[PhaseCount]int64{0, 10, 40, 15, 10}, 0, ppmWhole, 75_000},
		{"PriorityTestingNoConfidence", single(10_000, "", 0, 10, 40, 20, 20), Budget{75_000, false, BudgetPriority},
			[PhaseCount]int64{0, 10, 40, 15, 10}, 0, ppmWhole, 75_000},
		// A low-confidence line keeps its testing: after documentation, everything is scaled
		// (below 0.95, 1.0 day rounds to 0.9).
		{"PriorityLowScales", single(10_000, Low, 0, 10, 40, 20, 20), Budget{75_000, false, BudgetPriority},
			[PhaseCount]int64{0, 9, 38, 19, 9}, 0, 949_999, 75_000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := tt.doc.Clone()
			fit, err := tt.doc.FitBudget(tt.budget)
			checkErr(t, err, nil)
			checkUntouched(t, tt.doc, before)
			if got := fit.Document.Lines[0].Effort.Phases; got != tt.phases {
				t.Errorf("phases = %v, want %v", got, tt.phases)
			}
			if fit.Document.DiscountMinor != tt.discount || fit.FactorPPM != tt.factor {
				t.Errorf("discount %d, factor %d ppm; want %d, %d", fit.Document.DiscountMinor, fit.FactorPPM, tt.discount, tt.factor)
			}
			if got := compared(fit.Totals, tt.budget.TaxIncluded); got != tt.compared {
				t.Errorf("compared total = %d, want %d", got, tt.compared)
			}
			if fit.Totals != mustTotals(t, fit.Document) {
				t.Errorf("Totals %+v are not the document's", fit.Totals)
			}
		})
	}
}

func TestFitBudgetErrors(t *testing.T) {
	doc := single(50_000, High, 10, 20, 40, 20, 10) // ¥500,000
	taxed := doc.Clone()
	taxed.TaxRateBP = 1000 // ¥550,000 tax included
	withDiscount := single(1_000_000, High, 10)
	withDiscount.DiscountMinor = 550_000
	tests := []struct {
		name   string
		doc    Document
		budget Budget
		err    error
	}{
		{"ZeroCap", doc, Budget{0, false, BudgetScale}, ErrInvalidCap},
		{"NegativeCap", doc, Budget{-1, false, BudgetDiscount}, ErrInvalidCap},
		{"NoMethod", doc, Budget{100_000, false, ""}, ErrInvalidCap},
		{"UnknownMethod", doc, Budget{100_000, false, "halve"}, ErrInvalidCap},
		{"CapIsTotal", doc, Budget{500_000, false, BudgetScale}, ErrCapNotBelow},
		{"CapAbove", doc, Budget{600_000, false, BudgetPriority}, ErrCapNotBelow},
		{"CapAboveTaxIncluded", taxed, Budget{550_000, true, BudgetDiscount}, ErrCapNotBelow},
		{"ScaleBelowATenth", doc, Budget{1, false, BudgetScale}, ErrCapUnreachable},
		{"PriorityBelowATenth", doc, Budget{1, false, BudgetPriority}, ErrCapUnreachable},
		// Half a day leaves ¥500,000 against a discount of ¥550,000; 0.6 day is ¥50,000 over.
		{"ScaleDiscountAboveLines", withDiscount, Budget{1, false, BudgetScale}, ErrCapUnreachable},
		{"BadDocument", single(-1, High, 10), Budget{1, false, BudgetScale}, ErrNegativeUnitCost},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.doc.FitBudget(tt.budget)
			checkErr(t, err, tt.err)
		})
	}
}

// TestFitBudgetCapOnTheSubtotal: with tax, a cap between the subtotal and the total is below
// the total only, so it is reachable when tax is included and "not below" otherwise.
func TestFitBudgetCapOnTheSubtotal(t *testing.T) {
	doc := single(50_000, High, 10, 20, 40, 20, 10)
	doc.TaxRateBP = 1000
	if _, err := doc.FitBudget(Budget{520_000, false, BudgetDiscount}); err == nil {
		t.Error("a cap above the subtotal, compared with it, was fitted")
	}
	fit, err := doc.FitBudget(Budget{520_000, true, BudgetDiscount})
	checkErr(t, err, nil)
	if fit.Totals.TotalMinor > 520_000 {
		t.Errorf("total %d above the cap", fit.Totals.TotalMinor)
	}
}

// TestFitBudgetInvariants fits the sample quotations, in both currencies with and without tax
// and with each tax rounding, to caps from one minor unit below the total to a fifth of it.
func TestFitBudgetInvariants(t *testing.T) {
	for _, fx := range fixtures() {
		for _, method := range []BudgetMethod{BudgetScale, BudgetPriority, BudgetDiscount} {
			for _, taxIncluded := range []bool{false, true} {
				current := compared(mustTotals(t, fx.doc), taxIncluded)
				for _, cap := range []int64{current - 1, current * 9 / 10, current / 2, current / 5} {
					name := fmt.Sprintf("%s/%s/tax-included=%t/%d", fx.name, method, taxIncluded, cap)
					t.Run(name, func(t *testing.T) {
						checkFit(t, fx.doc, Budget{cap, taxIncluded, method})
					})
				}
			}
		}
	}
}

// checkFit fits doc to b and checks what every fit must satisfy.
func checkFit(t *testing.T, doc Document, b Budget) {
	t.Helper()
	before := doc.Clone()
	fit, err := doc.FitBudget(b)
	checkUntouched(t, doc, before)
	if err != nil {
		t.Fatalf("FitBudget(%+v): %v", b, err)
	}
	if got := compared(fit.Totals, b.TaxIncluded); got > b.CapMinor {
		t.Fatalf("compared total %d above the cap %d", got, b.CapMinor)
	}
	if fit.Totals != mustTotals(t, fit.Document) {
		t.Fatalf("Totals %+v are not the document's", fit.Totals)
	}
	switch b.Method {
	case BudgetScale:
		checkScaled(t, doc, fit, b)
	case BudgetPriority:
		checkTrimmed(t, doc, fit)
	case BudgetDiscount:
		checkDiscounted(t, doc, fit, b)
	}
}

// checkScaled checks that every phase is the original times the factor, and that one part per
// million more would exceed the cap.
func checkScaled(t *testing.T, doc Document, fit BudgetFit, b Budget) {
	t.Helper()
	f := fit.FactorPPM
	if f <= 0 || f >= ppmWhole {
		t.Fatalf("factor %d ppm out of range", f)
	}
	want := phasesTimes(doc, f)
	for i, l := range fit.Document.Lines {
		if l.Effort.Phases != want.Lines[i].Effort.Phases {
			t.Fatalf("line %d: phases %v, want %v × %d ppm = %v", i+1, l.Effort.Phases, doc.Lines[i].Effort.Phases, f, want.Lines[i].Effort.Phases)
		}
	}
	if f < ppmWhole-1 {
		if next := compared(mustTotals(t, phasesTimes(doc, f+1)), b.TaxIncluded); next <= b.CapMinor {
			t.Fatalf("factor %d ppm also fits (%d <= %d): not the largest", f+1, next, b.CapMinor)
		}
	}
}

// checkTrimmed checks that the priority method, when it did not have to scale, trimmed only
// documentation and the testing of lines that are not low-confidence, within the limits.
func checkTrimmed(t *testing.T, doc Document, fit BudgetFit) {
	t.Helper()
	if fit.FactorPPM <= 0 || fit.FactorPPM > ppmWhole {
		t.Fatalf("factor %d ppm out of range", fit.FactorPPM)
	}
	if fit.FactorPPM < ppmWhole {
		return // scaled after trimming: the scale checks apply to that step
	}
	for i, l := range fit.Document.Lines {
		was := doc.Lines[i].Effort.Phases
		now := l.Effort.Phases
		for p := range now {
			least := was[p]
			switch {
			case Phase(p) == Documentation:
				least = (was[p] + 1) / 2
			case Phase(p) == Testing && l.Confidence != Low:
				least = (was[p]*7 + 5) / 10
			}
			if now[p] > was[p] || now[p] < least {
				t.Fatalf("line %d (%s) %s: %d from %d, below %d", i+1, l.Confidence, Phase(p).Key(), now[p], was[p], least)
			}
		}
	}
}

// checkDiscounted checks that only the discount changed, by the least amount that fits.
func checkDiscounted(t *testing.T, doc Document, fit BudgetFit, b Budget) {
	t.Helper()
	if fit.FactorPPM != 0 {
		t.Fatalf("factor %d ppm, want 0", fit.FactorPPM)
	}
	if !reflect.DeepEqual(fit.Document.Lines, doc.Lines) || fit.Totals.LinesMinor != mustTotals(t, doc).LinesMinor {
		t.Fatal("the discount method changed the lines")
	}
	less := fit.Document
	less.DiscountMinor--
	if got := compared(mustTotals(t, less), b.TaxIncluded); got <= b.CapMinor {
		t.Fatalf("a discount of %d also fits (%d <= %d): not the smallest", less.DiscountMinor, got, b.CapMinor)
	}
}
