package estimate

import (
	"math"
	"testing"
)

func TestRound(t *testing.T) {
	tests := []struct {
		n, d           int64
		down, half, up int64
	}{
		{0, 10, 0, 0, 0},
		{10, 10, 1, 1, 1},
		{14, 10, 1, 1, 2},
		{15, 10, 1, 2, 2}, // exact half goes up
		{16, 10, 1, 2, 2},
		{19, 10, 1, 2, 2},
		{1, 3, 0, 0, 1},
		{2, 3, 0, 1, 1},
		{3, 2, 1, 2, 2},
		{2110887 * 1000, 10000, 211088, 211089, 211089}, // 211,088.7 yen of tax
		{1234545, 100, 12345, 12345, 12346},
		{1234550, 100, 12345, 12346, 12346},
		{7, 1, 7, 7, 7},
		// Negative n mirrors positive n: the magnitude is rounded, then the sign restored.
		{-10, 10, -1, -1, -1},
		{-14, 10, -1, -1, -2},
		{-15, 10, -1, -2, -2},
		{-16, 10, -1, -2, -2},
		{-1, 3, 0, 0, -1},
		{-2, 3, 0, -1, -1},
		{-5, 10, 0, -1, -1},
		{-4, 10, 0, 0, -1},
		// Limits: results always fit in int64.
		{math.MaxInt64, 1, math.MaxInt64, math.MaxInt64, math.MaxInt64},
		{math.MinInt64, 1, math.MinInt64, math.MinInt64, math.MinInt64},
		{math.MaxInt64, 2, math.MaxInt64 / 2, math.MaxInt64/2 + 1, math.MaxInt64/2 + 1},
		{math.MinInt64, 3, math.MinInt64 / 3, math.MinInt64/3 - 1, math.MinInt64/3 - 1}, // …602.67
		{math.MaxInt64, math.MaxInt64, 1, 1, 1},
		{math.MaxInt64 - 1, math.MaxInt64, 0, 1, 1},
		{math.MinInt64, math.MaxInt64, -1, -1, -2},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			mode Rounding
			want int64
		}{{RoundDown, tt.down}, {RoundHalfUp, tt.half}, {RoundUp, tt.up}} {
			if got := Round(tt.n, tt.d, c.mode); got != c.want {
				t.Errorf("Round(%d, %d, %s) = %d, want %d", tt.n, tt.d, c.mode, got, c.want)
			}
		}
	}
}

func TestRoundPanics(t *testing.T) {
	tests := []struct {
		name string
		d    int64
		mode Rounding
	}{
		{"ZeroDivisor", 0, RoundDown},
		{"NegativeDivisor", -10, RoundDown},
		{"UnknownMode", 10, "nearest"},
		{"EmptyMode", 10, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("Round(15, %d, %q) did not panic", tt.d, tt.mode)
				}
			}()
			Round(15, tt.d, tt.mode)
		})
	}
}

func TestRoundingValid(t *testing.T) {
	for _, r := range []Rounding{RoundDown, RoundHalfUp, RoundUp} {
		if !r.Valid() {
			t.Errorf("%q.Valid() = false", r)
		}
	}
	for _, r := range []Rounding{"", "half_even", "DOWN"} {
		if r.Valid() {
			t.Errorf("%q.Valid() = true", r)
		}
	}
}
