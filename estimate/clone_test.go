package estimate

import (
	"reflect"
	"testing"
)

func TestClone(t *testing.T) {
	doc, _ := samples()
	before := doc.Clone()
	if !reflect.DeepEqual(doc, before) {
		t.Fatalf("Clone() = %+v, want %+v", before, doc)
	}
	c := doc.Clone()
	c.Lines[0].Name = "changed"
	c.Lines[0].Assumptions[0] = "changed"
	c.Lines[1].Risks[0] = "changed"
	c.Lines = append(c.Lines[:1], c.Lines[2:]...)
	checkUntouched(t, doc, before)

	if got := (Document{TaxRateBP: 1000}).Clone(); got.Lines != nil {
		t.Errorf("Clone() of no lines = %#v, want nil lines", got.Lines)
	}
	bare := Document{Lines: []Line{line(100, 10)}}.Clone()
	if bare.Lines[0].Assumptions != nil || bare.Lines[0].Risks != nil {
		t.Errorf("Clone() made empty slices: %#v", bare.Lines[0])
	}
}

// TestOperationsDoNotAlias runs every operation that returns a document and changes the
// result's slices: the receiver must be as it was before, however the result is used.
func TestOperationsDoNotAlias(t *testing.T) {
	ops := []struct {
		name string
		op   func(Document) (Document, error)
	}{
		{"FitBudgetScale", func(d Document) (Document, error) {
			fit, err := d.FitBudget(Budget{CapMinor: 1_000_000, Method: BudgetScale})
			return fit.Document, err
		}},
		{"FitBudgetPriority", func(d Document) (Document, error) {
			fit, err := d.FitBudget(Budget{CapMinor: 1_000_000, TaxIncluded: true, Method: BudgetPriority})
			return fit.Document, err
		}},
		{"FitBudgetDiscount", func(d Document) (Document, error) {
			fit, err := d.FitBudget(Budget{CapMinor: 1_000_000, Method: BudgetDiscount})
			return fit.Document, err
		}},
		{"WithUnitCost", func(d Document) (Document, error) { return d.WithUnitCost(30_000, nil) }},
		{"WithContingency", func(d Document) (Document, error) { return d.WithContingency(1000) }},
		{"WithDiscount", func(d Document) (Document, error) { return d.WithDiscount(1) }},
		{"Without", func(d Document) (Document, error) { return d.Without([]string{"line-6"}) }},
		{"Apply", func(d Document) (Document, error) {
			return d.Apply(Proposal{Changes: []LineChange{{Key: "line-1", Phases: [PhaseCount]int64{1}}}, DiscountMinor: 1})
		}},
	}
	for _, tt := range ops {
		t.Run(tt.name, func(t *testing.T) {
			doc, _ := samples()
			before := doc.Clone()
			got, err := tt.op(doc)
			checkErr(t, err, nil)
			checkUntouched(t, doc, before)
			got.Lines[0].Name = "changed"
			got.Lines[0].Assumptions[0] = "changed"
			got.Lines[0].Risks[0] = "changed"
			got.Lines[0].Effort.Phases[0]++
			checkUntouched(t, doc, before)
		})
	}
}
