package offline

import "math/big"

// The size multiplier is (size ÷ reference)^0.8: effort grows with size, but less than in
// proportion, because a deliverable's fixed work (setup, conventions, reviews) is shared by
// all its parts. The bounds keep a mistyped count from dominating an estimate.
const (
	sizeExponentNum = 4 // the exponent 0.8 as the fraction 4/5, so that the root stays in integers
	sizeExponentDen = 5
	minSizeFactor   = 250   // per-mille
	maxSizeFactor   = 15000 // per-mille
)

// sizeFactor returns (size/ref)^0.8 in per-mille, truncated, within the bounds.
func sizeFactor(size, ref int64) int64 {
	// m = 1000·(s/r)^(4/5) is the largest m with m^5·r^4 ≤ s^4·1000^5; a binary search over the
	// bounded range finds it exactly, with no floating point to differ between machines.
	rhs := new(big.Int).Exp(big.NewInt(size), big.NewInt(sizeExponentNum), nil)
	rhs.Mul(rhs, new(big.Int).Exp(big.NewInt(1000), big.NewInt(sizeExponentDen), nil))
	refPow := new(big.Int).Exp(big.NewInt(ref), big.NewInt(sizeExponentNum), nil)
	lo, hi := int64(0), int64(maxSizeFactor)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		lhs := new(big.Int).Exp(big.NewInt(mid), big.NewInt(sizeExponentDen), nil)
		if lhs.Mul(lhs, refPow).Cmp(rhs) <= 0 {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return max(lo, minSizeFactor)
}

// Each external integration adds a tenth of the base, up to five: interface design, error
// handling and joint testing with the other side.
const (
	integrationStep = 100 // per-mille per integration
	maxIntegrations = 5
)

func integrationFactor(n int64) int64 {
	return 1000 + integrationStep*min(n, maxIntegrations)
}

// userSteps raise the effort of profiles that must carry load: more users mean performance
// work, capacity planning and load tests. Steps rather than a curve, because thresholds are
// how hosting and testing plans actually change.
var userSteps = []struct {
	upTo   int64 // inclusive
	factor int64 // per-mille
}{
	{100, 1000},
	{1_000, 1100},
	{10_000, 1200},
	{maxCount, 1350},
}

func userFactor(n int64) int64 {
	for _, s := range userSteps {
		if n <= s.upTo {
			return s.factor
		}
	}
	return userSteps[len(userSteps)-1].factor
}

// scaleBy multiplies a per-mille amount: round half up, as every rounding of the model.
func scaleBy(x, permille int64) int64 {
	return (x*permille + 500) / 1000
}

// shareOf divides a system-wide count among the lines that build it, rounding half up but
// never to zero: 20 screens over 3 screen deliverables are 7 each.
func shareOf(n, lines int64) int64 {
	if lines <= 1 || n == 0 {
		return n
	}
	return max((n+lines/2)/lines, 1)
}
