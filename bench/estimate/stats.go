package main

import (
	"math"
	"slices"
	"time"
)

// percentile returns the nearest-rank percentile p (0 < p <= 100) of sorted latencies: always a
// latency that was really observed.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := min(max(int(math.Ceil(p/100*float64(len(sorted)))), 1), len(sorted))
	return sorted[rank-1]
}

// latencyReport is one endpoint's probe results, in milliseconds as the targets are written.
type latencyReport struct {
	Path        string  `json:"path"`
	Connections int     `json:"connections"`
	EveryMS     float64 `json:"every_ms"` // 0: back to back
	Requests    int     `json:"requests"`
	RateRPS     float64 `json:"rate_rps"`
	Non2xx      int64   `json:"non_2xx"`
	Transport   int64   `json:"transport_errors"`
	P50         float64 `json:"p50_ms"`
	P90         float64 `json:"p90_ms"`
	P99         float64 `json:"p99_ms"`
	Max         float64 `json:"max_ms"`
}

func summarizeProbe(path string, every, wall time.Duration, tallies []*probeTally) latencyReport {
	r := latencyReport{Path: path, Connections: len(tallies), EveryMS: ms(every)}
	var all []time.Duration
	for _, t := range tallies {
		all = append(all, t.latencies...)
		r.Non2xx += t.non2xx
		r.Transport += t.transport
	}
	slices.Sort(all)
	r.Requests = len(all)
	if wall > 0 {
		r.RateRPS = float64(len(all)) / wall.Seconds()
	}
	if len(all) > 0 {
		r.P50, r.P90, r.P99, r.Max = ms(percentile(all, 50)), ms(percentile(all, 90)), ms(percentile(all, 99)), ms(all[len(all)-1])
	}
	return r
}

// spread is the minimum, median and maximum of a set of figures.
type spread struct {
	Min    float64 `json:"min"`
	Median float64 `json:"median"`
	Max    float64 `json:"max"`
}

func spreadOf(v []float64) spread {
	if len(v) == 0 {
		return spread{}
	}
	s := slices.Clone(v)
	slices.Sort(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return spread{s[0], med, s[len(s)-1]}
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }
