package main

import (
	"math"
	"time"
)

// percentile returns the nearest-rank percentile p (0 < p <= 100) of latencies, which must be
// sorted ascending. Nearest rank always returns a latency that was really observed, so a p99 of
// a small sample is not an interpolation between two requests.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	if rank < 1 {
		rank = 1
	}
	if rank > len(sorted) {
		rank = len(sorted)
	}
	return sorted[rank-1]
}
