package estimate

import (
	"fmt"
	"math"
	"math/bits"
)

// add returns a + b, or ErrOverflow when the sum does not fit in int64.
func add(a, b int64) (int64, error) {
	s := a + b
	// The sum wrapped exactly when adding a positive b made it smaller, or a negative b larger.
	if (s > a) != (b > 0) {
		return 0, fmt.Errorf("%w: %d + %d", ErrOverflow, a, b)
	}
	return s, nil
}

// mulDiv returns a × b / d rounded with mode, for a, b >= 0 and d > 0. The product is formed in
// 128 bits, so a product beyond int64 whose quotient fits is still computed exactly; the only
// failure is a quotient that does not fit in int64 (ErrOverflow).
func mulDiv(a, b, d int64, mode Rounding) (int64, error) {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	// bits.Div64 needs hi < d; otherwise the quotient has more than 64 bits.
	if hi < uint64(d) {
		q, r := bits.Div64(hi, lo, uint64(d))
		// Checking q before rounding keeps q+1 from wrapping around uint64.
		if q <= math.MaxInt64 && awayFromZero(r, uint64(d), mode) {
			q++
		}
		if q <= math.MaxInt64 {
			return int64(q), nil
		}
	}
	return 0, fmt.Errorf("%w: %d × %d / %d", ErrOverflow, a, b, d)
}
