package offline

// splitPhases divides a total (tenths) among the phases by per-mille ratios that sum to 1000.
// Each phase gets its share rounded down; the tenths left over go one each to the phases with
// the largest remainders, the earlier phase first on a tie, so the phases always add up to
// the total exactly and the same input always gives the same split.
func splitPhases(total int64, ratios [5]int64) [5]int64 {
	var phases, rest [5]int64
	left := total
	for i, r := range ratios {
		phases[i] = total * r / 1000
		rest[i] = total * r % 1000
		left -= phases[i]
	}
	for ; left > 0; left-- {
		best := 0
		for i := range rest {
			if rest[i] > rest[best] {
				best = i
			}
		}
		phases[best]++
		rest[best] = -1
	}
	return phases
}
