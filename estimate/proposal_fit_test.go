package estimate

import (
	"math"
	"reflect"
	"testing"
)

// negotiated is a quotation of 17 days at ¥40,000 (¥680,000) to fit proposals against.
func negotiated(contingencyBP, discount int64) Document {
	return Document{
		Lines: []Line{
			keyed("a", "画面", 40_000, High, 0, 0, 100),
			keyed("b", "テスト", 40_000, Medium, 0, 0, 0, 50),
			keyed("c", "マニュアル", 40_000, Low, 0, 0, 0, 0, 20),
		},
		ContingencyBP: contingencyBP,
		DiscountMinor: discount,
		TaxRateBP:     1000,
	}
}

func TestFitProposal(t *testing.T) {
	cut := func(a, b int64) Proposal {
		return Proposal{Changes: []LineChange{
			{Key: "a", Phases: phases(0, 0, a), Reason: "reuse the admin screens"},
			{Key: "b", Phases: phases(0, 0, 0, b)},
		}}
	}
	removeC := LineChange{Key: "c", Remove: true}
	tests := []struct {
		name   string
		doc    Document
		p      Proposal
		target int64
		want   Proposal // when ok
		ok     bool
		delta  int64 // of want
	}{
		{"WithinAsIs", negotiated(0, 0), cut(30, 50), -300_000, cut(30, 50), true, -280_000},
		// 11 days (−¥440,000) for a target of 7.5: 7.0 and 4.0 days scaled by 0.68 are 4.8 and
		// 2.7, exactly 7.5.
		{"OverCutScaledBack", negotiated(0, 0), cut(30, 10), -300_000, cut(52, 23), true, -300_000},
		// With a 5 % contingency a day costs ¥42,000 in the subtotal: 7.1 days, 4.5 and 2.6, are
		// ¥298,200, and 7.2 would be ¥302,400.
		{"OverCutWithContingency", negotiated(500, 10_000), cut(30, 10), -300_000, cut(55, 24), true, -298_200},
		// 1.5 days for 7.5: five times as much.
		{"UnderCutScaledUp", negotiated(0, 0), cut(90, 45), -300_000, cut(50, 25), true, -300_000},
		// The removal is kept as it is (−¥80,000); the cut makes up the remaining ¥220,000.
		{"RemovalKept", negotiated(0, 0), Proposal{Changes: []LineChange{removeC, {Key: "a", Phases: phases(0, 0, 20)}}}, -300_000,
			Proposal{Changes: []LineChange{removeC, {Key: "a", Phases: phases(0, 0, 45)}}}, true, -300_000},
		// The removal alone is the target: the cut scales down to nothing and disappears.
		{"NoOpChangeDropped", negotiated(0, 0), Proposal{Changes: []LineChange{removeC, {Key: "b", Phases: phases(0, 0, 0, 40)}}}, -80_000,
			Proposal{Changes: []LineChange{removeC}}, true, -80_000},
		// One more day of documentation (+¥40,000) for a target of +¥200,000 becomes five.
		{"Increase", negotiated(0, 0), Proposal{Changes: []LineChange{{Key: "c", Phases: phases(0, 0, 0, 0, 30)}}}, 200_000,
			Proposal{Changes: []LineChange{{Key: "c", Phases: phases(0, 0, 0, 0, 70)}}}, true, 200_000},
		{"DiscountOnly", negotiated(0, 0), Proposal{DiscountMinor: 100_000}, -300_000, Proposal{DiscountMinor: 300_000}, true, -300_000},

		{"WrongWay", negotiated(0, 0), Proposal{Changes: []LineChange{{Key: "a", Phases: phases(0, 0, 110)}}}, -300_000, Proposal{}, false, 0},
		{"RemovalTooSmall", negotiated(0, 0), Proposal{Changes: []LineChange{removeC}}, -300_000, Proposal{}, false, 0},
		{"AdditionTooLarge", negotiated(0, 0), Proposal{Additions: []NewLine{{Key: "d", Name: "d", Phases: phases(100)}}}, 100_000, Proposal{}, false, 0},
		{"DiscountOnlyIncrease", negotiated(0, 0), Proposal{DiscountMinor: 100_000}, 300_000, Proposal{}, false, 0},
		{"DiscountOnlyAboveLines", negotiated(0, 0), Proposal{DiscountMinor: 100_000}, -700_000, Proposal{}, false, 0},
		{"DiscountOnlyMinInt64", negotiated(0, 0), Proposal{DiscountMinor: 100_000}, math.MinInt64, Proposal{}, false, 0},
		{"Empty", negotiated(0, 0), Proposal{}, -300_000, Proposal{}, false, 0},
		// The cut cannot go past every phase at zero, which is no line at all.
		{"CannotCutEnough", negotiated(0, 0), Proposal{Changes: []LineChange{{Key: "c", Phases: phases(0, 0, 0, 0, 10)}}}, -300_000,
			Proposal{}, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := tt.doc.Clone()
			got, ok, err := tt.doc.FitProposal(tt.p, tt.target)
			checkErr(t, err, nil)
			checkUntouched(t, tt.doc, before)
			if ok != tt.ok {
				t.Fatalf("ok = %t, want %t (proposal %+v)", ok, tt.ok, got)
			}
			if !ok {
				if !reflect.DeepEqual(got, tt.p) {
					t.Errorf("a dropped proposal came back changed: %+v", got)
				}
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("proposal = %+v\nwant       %+v", got, tt.want)
			}
			applied, err := tt.doc.Apply(got)
			checkErr(t, err, nil)
			if delta := mustTotals(t, applied).SubtotalMinor - mustTotals(t, tt.doc).SubtotalMinor; delta != tt.delta {
				t.Errorf("applied, the proposal moves the subtotal by %d, want %d", delta, tt.delta)
			}
		})
	}
}

func TestFitProposalErrors(t *testing.T) {
	doc := negotiated(0, 0)
	_, _, err := doc.FitProposal(Proposal{Changes: []LineChange{{Key: "z", Remove: true}}}, -1000)
	checkErr(t, err, ErrUnknownLine)
	_, _, err = Document{Lines: []Line{line(-1, 10)}}.FitProposal(Proposal{}, -1000)
	checkErr(t, err, ErrNegativeUnitCost)
}

func TestWithinTolerance(t *testing.T) {
	tests := []struct {
		delta, target int64
		want          bool
	}{
		{-300_000, -300_000, true},
		{-240_000, -300_000, true},
		{-360_000, -300_000, true},
		{-239_999, -300_000, false},
		{-360_001, -300_000, false},
		{120, 100, true},
		{121, 100, false},
		{0, 0, true},
		{1, 0, false},
		{math.MinInt64, math.MaxInt64, false},
		{math.MaxInt64, math.MaxInt64, true},
		{-6e18, -5e18, true},
		{-6e18 - 1, -5e18, false},
	}
	for _, tt := range tests {
		if got := withinTolerance(tt.delta, tt.target); got != tt.want {
			t.Errorf("withinTolerance(%d, %d) = %t, want %t", tt.delta, tt.target, got, tt.want)
		}
	}
}
