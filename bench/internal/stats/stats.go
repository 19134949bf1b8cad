// Package stats summarizes measurements the way the benchmark reports show them: latencies as
// nearest-rank percentiles in milliseconds, a figure measured several times as its min, median
// and max.
package stats

import (
	"math"
	"slices"
	"time"
)

// Percentile returns the nearest-rank percentile p (0 < p <= 100) of latencies, which must be
// sorted ascending. Nearest rank always returns a latency that was really observed, so a p99 of
// a small sample is not an interpolation between two requests.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := min(max(int(math.Ceil(p/100*float64(len(sorted)))), 1), len(sorted))
	return sorted[rank-1]
}

// Millis is d in milliseconds, the unit the latency targets are written in.
func Millis(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

// Spread is the min, median and max of one measurement over several runs. Medians rather than
// means, so one run slowed by the machine does not move the headline figure.
type Spread struct {
	Min    float64 `json:"min"`
	Median float64 `json:"median"`
	Max    float64 `json:"max"`
}

// SpreadOf is the spread of values; zero when there are none.
func SpreadOf(values []float64) Spread {
	if len(values) == 0 {
		return Spread{}
	}
	s := slices.Clone(values)
	slices.Sort(s)
	mid := len(s) / 2
	median := s[mid]
	if len(s)%2 == 0 {
		median = (s[mid-1] + s[mid]) / 2
	}
	return Spread{Min: s[0], Median: median, Max: s[len(s)-1]}
}
