package estimate

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// effort builds an effort from its range and its phases in tenths.
func effort(opt, pess int64, phases ...int64) Effort {
	e := Effort{Optimistic: opt, Pessimistic: pess}
	copy(e.Phases[:], phases)
	return e
}

func TestEffortDays(t *testing.T) {
	if got := effort(0, 0, 10, 20, 30, 15, 5).Days(); got != 80 {
		t.Errorf("Days() = %d, want 80", got)
	}
	if got := (Effort{}).Days(); got != 0 {
		t.Errorf("Days() of zero effort = %d, want 0", got)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name    string
		in      Effort
		want    Effort
		changes []string
	}{
		{"Valid", effort(15, 30, 5, 5, 10), effort(15, 30, 5, 5, 10), nil},
		{"ReversedRange", effort(30, 10, 5, 5, 10), effort(10, 30, 5, 5, 10),
			[]string{"optimistic: 3.0 -> 1.0 person-days", "pessimistic: 1.0 -> 3.0 person-days"}},
		{"DaysAbovePessimistic", effort(10, 15, 5, 5, 10), effort(10, 20, 5, 5, 10),
			[]string{"pessimistic: 1.5 -> 2.0 person-days"}},
		{"DaysBelowOptimistic", effort(25, 40, 5, 5, 10), effort(20, 40, 5, 5, 10),
			[]string{"optimistic: 2.5 -> 2.0 person-days"}},
		{"ReversedBelowDays", effort(15, 5, 5, 5, 10), effort(5, 20, 5, 5, 10),
			[]string{"optimistic: 1.5 -> 0.5 person-days", "pessimistic: 0.5 -> 2.0 person-days"}},
		{"NegativePhase", effort(0, 20, -5, 10, 10), effort(0, 20, 0, 10, 10),
			[]string{"requirements: -0.5 -> 0.0 person-days"}},
		{"OverMax", effort(5000, 6000, 0, 0, 6000), effort(5000, 6000, 0, 0, MaxPhaseTenths),
			[]string{"implementation: 600.0 -> 500.0 person-days"}},
		{"OverMaxWidensRange", effort(100, 200, 0, 0, 0, 0, 9999), effort(100, 5000, 0, 0, 0, 0, 5000),
			[]string{"documentation: 999.9 -> 500.0 person-days", "pessimistic: 20.0 -> 500.0 person-days"}},
		{"RangeEndsClamped", effort(-10, MaxTotalTenths+1, 10), effort(0, MaxTotalTenths, 10),
			[]string{"optimistic: -1.0 -> 0.0 person-days", "pessimistic: 2500.1 -> 2500.0 person-days"}},
		{"AllZero", effort(0, 0), effort(0, 0), nil},
		{"AllZeroWithRange", effort(5, 10), effort(0, 10),
			[]string{"optimistic: 0.5 -> 0.0 person-days"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, changes := tt.in.Normalize()
			if got != tt.want {
				t.Errorf("Normalize() = %+v, want %+v", got, tt.want)
			}
			if !slices.Equal(changes, tt.changes) {
				t.Errorf("changes = %q, want %q", changes, tt.changes)
			}
			// Whatever came in, the result is valid unless there is no effort to keep.
			if err := got.Validate(); err != nil && (got.Days() != 0 || !errors.Is(err, ErrNoEffort)) {
				t.Errorf("Validate() after Normalize() = %v", err)
			}
			if again, more := got.Normalize(); again != got || more != nil {
				t.Errorf("Normalize() is not idempotent: %+v, %q", again, more)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		in   Effort
		err  error
		msg  string // a part of the message the model must see
	}{
		{"Valid", effort(15, 30, 5, 5, 10), nil, ""},
		{"PointEstimate", effort(20, 20, 5, 5, 10), nil, ""},
		{"AtMax", effort(MaxTotalTenths, MaxTotalTenths, 5000, 5000, 5000, 5000, 5000), nil, ""},
		{"ReversedRange", effort(30, 10, 5, 5, 10), ErrInvalidRange,
			"optimistic 3.0 and pessimistic 1.0 person-days must enclose the sum of the phases, 2.0"},
		{"DaysAbovePessimistic", effort(10, 15, 5, 5, 10), ErrInvalidRange, "pessimistic 1.5"},
		{"DaysBelowOptimistic", effort(25, 40, 5, 5, 10), ErrInvalidRange, "optimistic 2.5"},
		{"NegativePhase", effort(0, 20, 10, -5, 10), ErrPhaseOutOfRange,
			"design is -0.5 person-days; each phase must be between 0 and 500.0"},
		{"OverMax", effort(0, 6000, 0, 0, 5001), ErrPhaseOutOfRange, "implementation is 500.1 person-days"},
		{"AllZero", effort(0, 0), ErrNoEffort, "at least one phase"},
		{"NegativeOptimistic", effort(-1, 20, 10), ErrInvalidRange, "optimistic is -0.1 person-days"},
		{"PessimisticOverMax", effort(10, MaxTotalTenths+1, 10), ErrInvalidRange, "pessimistic is 2500.1 person-days"},
		// Phases are checked first: that is the rule a model has to fix before the range makes sense.
		{"FirstRuleWins", effort(50, 0, 0, 0, -3), ErrPhaseOutOfRange, "implementation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.in.Validate()
			checkErr(t, err, tt.err)
			if err != nil && !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("message %q does not contain %q", err, tt.msg)
			}
		})
	}
}

func TestFormatDays(t *testing.T) {
	for tenths, want := range map[int64]string{
		0: "0.0", 12: "1.2", 5000: "500.0", -5: "-0.5", -12: "-1.2",
		-9223372036854775808: "-922337203685477580.8",
	} {
		if got := formatDays(tenths); got != want {
			t.Errorf("formatDays(%d) = %q, want %q", tenths, got, want)
		}
	}
}

func TestWithPhases(t *testing.T) {
	tests := []struct {
		name   string
		in     Effort
		phases [PhaseCount]int64
		want   Effort
	}{
		{"Halved", effort(80, 150, 10, 20, 40, 20, 10), [PhaseCount]int64{5, 10, 20, 10, 5}, effort(40, 75, 5, 10, 20, 10, 5)},
		// 15 × 11 / 20 = 8.25 and 30 × 11 / 20 = 16.5, rounded half up.
		{"RoundsHalfUp", effort(15, 30, 20), [PhaseCount]int64{11}, effort(8, 17, 11)},
		{"Unchanged", effort(15, 30, 5, 5, 10), [PhaseCount]int64{5, 5, 10}, effort(15, 30, 5, 5, 10)},
		{"Grown", effort(15, 30, 20), [PhaseCount]int64{20, 20}, effort(30, 60, 20, 20)},
		{"FromNoDays", effort(0, 10), [PhaseCount]int64{0, 7, 5}, effort(12, 12, 0, 7, 5)},
		{"ToNoDays", effort(15, 30, 20), [PhaseCount]int64{}, effort(0, 0)},
		// A range that did not enclose the days is clamped onto the new ones.
		{"ClampedOptimistic", effort(30, 40, 20), [PhaseCount]int64{10}, effort(10, 20, 10)},
		{"ClampedPessimistic", effort(5, 10, 20), [PhaseCount]int64{10}, effort(3, 10, 10)},
		{"ClampedToMax", effort(5000, MaxTotalTenths, 2500, 2500), [PhaseCount]int64{5000, 5000, 5000, 5000, 5000},
			effort(MaxTotalTenths, MaxTotalTenths, 5000, 5000, 5000, 5000, 5000)},
		// Phases out of bounds are kept for Validate; the range counts them clamped.
		{"OutOfBounds", effort(10, 20, 10), [PhaseCount]int64{-5, 20, 6000}, effort(5020, 10040, -5, 20, 6000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.WithPhases(tt.phases); got != tt.want {
				t.Errorf("WithPhases(%v) = %+v, want %+v", tt.phases, got, tt.want)
			}
		})
	}
}
