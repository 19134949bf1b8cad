package estimate

// Rounding says how a division that leaves a remainder becomes a whole number of minor units
// (端数処理). The Japanese tax rules allow each of the three; 切り捨て is the usual choice.
type Rounding string

// The rounding modes. They act on the magnitude and then restore the sign, like the
// spreadsheet functions ROUNDDOWN, ROUND and ROUNDUP, so Round(-n, d, m) == -Round(n, d, m):
// a credit is rounded exactly as the matching charge would be.
const (
	RoundDown   Rounding = "down"    // 切り捨て: toward zero
	RoundHalfUp Rounding = "half_up" // 四捨五入: to the nearest, halves away from zero
	RoundUp     Rounding = "up"      // 切り上げ: away from zero
)

// Valid reports whether r is one of the defined modes. The empty string is not one; Document
// treats it as RoundDown, the default.
func (r Rounding) Valid() bool {
	return r == RoundDown || r == RoundHalfUp || r == RoundUp
}

// Round divides n by d with the given rounding. For n >= 0, RoundDown is the floor and RoundUp
// the ceiling of n/d; for negative n both are mirrored (see the constants). The result always
// fits in int64.
//
// Round panics if d <= 0 or mode is not Valid: both are mistakes in the calling code, like a
// division by zero, and callers holding untrusted values check them first.
func Round(n, d int64, mode Rounding) int64 {
	if d <= 0 {
		panic("estimate: Round with a divisor that is not positive")
	}
	// Go's division truncates toward zero, which is already RoundDown for either sign; the
	// remainder has the sign of n and a magnitude below d, so negating it cannot overflow.
	q, r := n/d, n%d
	negative := r < 0
	if negative {
		r = -r
	}
	if awayFromZero(uint64(r), uint64(d), mode) {
		// r != 0 here, so d >= 2 and |q| <= MaxInt64/2: one more cannot overflow.
		if negative {
			q--
		} else {
			q++
		}
	}
	return q
}

// awayFromZero reports whether a quotient truncated toward zero must grow by one in magnitude,
// given the magnitude r of the remainder and the divisor d (r < d). It is the single place the
// rounding rules live, shared by Round and the checked multiply-divide.
func awayFromZero(r, d uint64, mode Rounding) bool {
	switch mode {
	case RoundDown:
		return false
	case RoundUp:
		return r != 0
	case RoundHalfUp:
		// r >= d/2 without halving d, which would lose the half for odd d.
		return r >= d-r
	}
	panic("estimate: unknown rounding mode " + string(mode))
}
