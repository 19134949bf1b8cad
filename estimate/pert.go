package estimate

import (
	"fmt"
	"math/big"
)

// rangeSigmas is how many standard deviations either side of the expected total a document's
// range spans: two, which holds about 95 % of outcomes.
const rangeSigmas = 2

// Spreads of the range, as a half-width in basis points of the lines' total, up to which the
// total is called high or medium confidence; anything wider is low.
const (
	highConfidenceSpreadBP   = 1000
	mediumConfidenceSpreadBP = 2500
)

// pertRange returns the range of the lines' total amount by PERT (Program Evaluation and Review
// Technique): each line's optimistic O, most likely M and pessimistic P amounts give an expected
// (O+4M+P)/6 and a standard deviation (P−O)/6; the total's expected amount is the sum of the
// expected amounts and its standard deviation the square root of the sum of the variances, not
// the sum of the deviations, because lines rarely all go wrong together. The range is the
// expected total ± rangeSigmas deviations, kept within the sums of the lines' own extremes and
// widened to include the lines' total. The sums of squares can pass int64, so they are exact big
// integers; the results fit because they lie between sums that were checked (ErrOverflow when
// the sums of the extremes do not fit).
func pertRange(lines []Line, total int64) (lo, hi int64, err error) {
	var expected6, variance36, sumLo, sumHi big.Int // 6 × expected, 36 × variance
	for i, l := range lines {
		m, err := l.Amount()
		if err != nil {
			return 0, 0, fmt.Errorf("estimate: line %d %q: %w", i+1, l.Name, err)
		}
		o, p, err := l.AmountRange()
		if err != nil {
			return 0, 0, fmt.Errorf("estimate: line %d %q: %w", i+1, l.Name, err)
		}
		o, p = min(o, m), max(p, m)
		expected6.Add(&expected6, big.NewInt(o))
		expected6.Add(&expected6, new(big.Int).Mul(big.NewInt(4), big.NewInt(m)))
		expected6.Add(&expected6, big.NewInt(p))
		spread := big.NewInt(p - o)
		variance36.Add(&variance36, spread.Mul(spread, spread))
		sumLo.Add(&sumLo, big.NewInt(o))
		sumHi.Add(&sumHi, big.NewInt(p))
	}
	if !sumLo.IsInt64() || !sumHi.IsInt64() {
		return 0, 0, fmt.Errorf("estimate: range of the lines: %w", ErrOverflow)
	}
	// E ± kσ = (6E ± k·√(36σ²)) / 6, rounded half up.
	deviation6 := new(big.Int).Mul(big.NewInt(rangeSigmas), new(big.Int).Sqrt(&variance36))
	low := divRound(new(big.Int).Sub(&expected6, deviation6), 6)
	high := divRound(new(big.Int).Add(&expected6, deviation6), 6)
	low = bigMax(low, &sumLo)
	high = bigMin(high, &sumHi)
	total64 := big.NewInt(total)
	return bigMin(low, total64).Int64(), bigMax(high, total64).Int64(), nil
}

// rangeConfidence names how sure a total is from its range: the larger side's distance from the
// total, in basis points of it.
func rangeConfidence(lo, total, hi int64) Confidence {
	if total <= 0 {
		return Low
	}
	spread := max(total-lo, hi-total) * bpPerWhole / total
	switch {
	case spread <= highConfidenceSpreadBP:
		return High
	case spread <= mediumConfidenceSpreadBP:
		return Medium
	}
	return Low
}

// divRound divides x by d, rounding half up (away from zero for the positive values used here).
func divRound(x *big.Int, d int64) *big.Int {
	q := new(big.Int).Mul(x, big.NewInt(2))
	q.Add(q, big.NewInt(d))
	return q.Div(q, big.NewInt(2*d))
}

func bigMax(a, b *big.Int) *big.Int {
	if a.Cmp(b) >= 0 {
		return a
	}
	return b
}

func bigMin(a, b *big.Int) *big.Int {
	if a.Cmp(b) <= 0 {
		return a
	}
	return b
}
