package estimate

// largestTrue returns the largest x in lo..hi for which ok(x) holds, or lo−1 when it holds for
// none, for 0 <= lo and hi < math.MaxInt64. ok must be monotone, true up to some x and false
// after it; that is what lets a binary search find the boundary in about log2(hi−lo) calls.
func largestTrue(lo, hi int64, ok func(int64) bool) int64 {
	// Every x below lo holds and every x above hi does not; the range between them shrinks.
	for lo <= hi {
		if mid := lo + (hi-lo)/2; ok(mid) {
			lo = mid + 1
		} else {
			hi = mid - 1
		}
	}
	return hi
}
