package offline

// userSteps raise the effort of a system that must carry load: more users mean performance
// work, capacity planning and load tests (a convention of this model). Steps rather than a curve, because thresholds are
// how hosting and testing plans actually change.
var userSteps = []struct {
	upTo   int64 // inclusive
	factor int64 // per-mille
}{
	{1_000, 1000},
	{10_000, 1100},
	{maxCount, 1200},
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
