package estimate

import (
	"math"
	"testing"
)

func TestLineAmount(t *testing.T) {
	tests := []struct {
		name string
		line Line
		want int64
		err  error
	}{
		{"JPYOneDecimal", line(40000, 2, 3, 5, 2), 48000, nil},     // 1.2 days × ¥40,000
		{"USDThreeTenths", line(50000, 0, 0, 3), 15000, nil},       // 0.3 days × $500.00 = $150.00
		{"USDCents", line(12345, 5, 5, 5), 18518, nil},             // 1.5 × $123.45 = $185.175
		{"HalfRoundsUp", line(5, 1), 1, nil},                       // 0.1 × 5 = 0.5
		{"BelowHalfRoundsDown", line(4, 1), 0, nil},                // 0.4
		{"JPYHalfYen", line(33333, 35), 116666, nil},               // 3.5 × 33,333 = 116,665.5
		{"ZeroDays", line(40000), 0, nil},                          // a line can be empty
		{"Free", line(0, 50), 0, nil},                              // or free
		{"NearLimit", line(math.MaxInt64, 10), math.MaxInt64, nil}, // 1.0 day: exact although 10 × cost overflows
		{"Overflow", line(math.MaxInt64, 11), 0, ErrOverflow},
		{"MaxEffortNearLimit", line(math.MaxInt64/2500, 5000, 5000, 5000, 5000, 5000), math.MaxInt64 / 2500 * 2500, nil},
		{"MaxEffortOverflow", line(math.MaxInt64/2500+1, 5000, 5000, 5000, 5000, 5000), 0, ErrOverflow},
		{"NegativeUnitCost", line(-1, 10), 0, ErrNegativeUnitCost},
		{"NegativePhase", line(40000, 10, -1), 0, ErrPhaseOutOfRange},
		{"PhaseOverMax", line(40000, MaxPhaseTenths+1), 0, ErrPhaseOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.line.Amount()
			checkErr(t, err, tt.err)
			if got != tt.want {
				t.Errorf("Amount() = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestLineAmountRange(t *testing.T) {
	withRange := func(l Line, opt, pess int64) Line {
		l.Effort.Optimistic, l.Effort.Pessimistic = opt, pess
		return l
	}
	tests := []struct {
		name   string
		line   Line
		lo, hi int64
		err    error
	}{
		{"JPY", withRange(line(40000, 12), 10, 20), 40000, 80000, nil},
		{"USDHalfCents", withRange(line(12345, 15), 5, 25), 6173, 30863, nil}, // 6,172.5 and 30,862.5
		{"NotContainingDays", withRange(line(40000, 12), 20, 30), 80000, 120000, nil},
		{"NegativeOptimistic", withRange(line(40000, 12), -1, 20), 0, 0, ErrInvalidRange},
		{"PessimisticOverMax", withRange(line(40000, 12), 10, MaxTotalTenths+1), 0, 0, ErrInvalidRange},
		{"NegativeUnitCost", withRange(line(-40000, 12), 10, 20), 0, 0, ErrNegativeUnitCost},
		{"OptimisticOverflow", withRange(line(math.MaxInt64/2, 12), 30, 30), 0, 0, ErrOverflow},
		{"PessimisticOverflow", withRange(line(math.MaxInt64/2, 12), 10, 30), 0, 0, ErrOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi, err := tt.line.AmountRange()
			checkErr(t, err, tt.err)
			if lo != tt.lo || hi != tt.hi {
				t.Errorf("AmountRange() = %d, %d, want %d, %d", lo, hi, tt.lo, tt.hi)
			}
		})
	}
}
