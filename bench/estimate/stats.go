package main

import (
	"slices"
	"time"

	"estimator/bench/internal/stats"
)

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
	r := latencyReport{Path: path, Connections: len(tallies), EveryMS: stats.Millis(every)}
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
		r.P50, r.P90, r.P99 = stats.Millis(stats.Percentile(all, 50)), stats.Millis(stats.Percentile(all, 90)), stats.Millis(stats.Percentile(all, 99))
		r.Max = stats.Millis(all[len(all)-1])
	}
	return r
}
