package estimate

import (
	"math"
	"testing"
)

func TestAdd(t *testing.T) {
	tests := []struct {
		a, b, want int64
		err        error
	}{
		{1, 2, 3, nil},
		{math.MaxInt64 - 1, 1, math.MaxInt64, nil},
		{math.MaxInt64, 1, 0, ErrOverflow},
		{math.MaxInt64, math.MaxInt64, 0, ErrOverflow},
		{math.MinInt64, -1, 0, ErrOverflow},
		{math.MinInt64, math.MaxInt64, -1, nil},
		{-5, 0, -5, nil},
	}
	for _, tt := range tests {
		got, err := add(tt.a, tt.b)
		checkErr(t, err, tt.err)
		if got != tt.want {
			t.Errorf("add(%d, %d) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestMulDiv(t *testing.T) {
	tests := []struct {
		name    string
		a, b, d int64
		mode    Rounding
		want    int64
		err     error
	}{
		{"Exact", 12, 40000, 10, RoundHalfUp, 48000, nil},
		{"Half", 1, 5, 10, RoundHalfUp, 1, nil},
		{"BelowHalf", 1, 4, 10, RoundHalfUp, 0, nil},
		{"Down", 19, 1, 10, RoundDown, 1, nil},
		{"Up", 11, 1, 10, RoundUp, 2, nil},
		{"Zero", 0, math.MaxInt64, 10, RoundUp, 0, nil},
		// The product exceeds int64 but the quotient does not: still exact.
		{"WideProduct", math.MaxInt64, 10, 10, RoundHalfUp, math.MaxInt64, nil},
		{"WideProductTax", 8_000_000_000_000_000_000, 1000, 10000, RoundDown, 800_000_000_000_000_000, nil},
		{"QuotientTooLarge", math.MaxInt64, 11, 10, RoundDown, 0, ErrOverflow},
		{"QuotientPast64Bits", math.MaxInt64, math.MaxInt64, 1, RoundDown, 0, ErrOverflow},
		// (2³² − 1)(2³² + 1) / 2 is MaxInt64 and a half: only the rounding decides whether it fits.
		{"EdgeDown", 1<<32 - 1, 1<<32 + 1, 2, RoundDown, math.MaxInt64, nil},
		{"EdgeHalfUp", 1<<32 - 1, 1<<32 + 1, 2, RoundHalfUp, 0, ErrOverflow},
		{"EdgeUp", 1<<32 - 1, 1<<32 + 1, 2, RoundUp, 0, ErrOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mulDiv(tt.a, tt.b, tt.d, tt.mode)
			checkErr(t, err, tt.err)
			if got != tt.want {
				t.Errorf("mulDiv(%d, %d, %d, %s) = %d, want %d", tt.a, tt.b, tt.d, tt.mode, got, tt.want)
			}
		})
	}
}
