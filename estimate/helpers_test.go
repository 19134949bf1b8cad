package estimate

import (
	"errors"
	"testing"
)

// line returns a line costing cost minor units per person-day, with the given phases in tenths
// (in Phase order; missing ones are zero) and its range collapsed onto the days.
func line(cost int64, phases ...int64) Line {
	var e Effort
	copy(e.Phases[:], phases)
	e.Optimistic, e.Pessimistic = e.Days(), e.Days()
	return Line{Name: "deliverable", Effort: e, UnitCostMinor: cost, Source: SourceManual}
}

// priced returns a line whose amount is exactly amount: one person-day at that cost.
func priced(amount int64) Line {
	return line(amount, 10)
}

// checkErr fails the test unless err matches want (nil meaning no error).
func checkErr(t *testing.T, err, want error) {
	t.Helper()
	if want == nil && err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	if want != nil && !errors.Is(err, want) {
		t.Fatalf("error = %v, want %v", err, want)
	}
}
