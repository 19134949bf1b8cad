package main

import (
	"slices"
	"time"

	"estimator/bench/internal/stats"
)

// summary is the result of the measured phase; its JSON form is the -json output.
type summary struct {
	URL           string           `json:"url"`
	Connections   int              `json:"connections"`
	DurationS     float64          `json:"duration_s"` // measured wall time, not the -d asked for
	WarmupS       float64          `json:"warmup_s"`
	Requests      int64            `json:"requests"` // completed responses, any status
	Errors        errorCounts      `json:"errors"`
	StatusCodes   map[int]int64    `json:"status_codes"`
	ThroughputRPS float64          `json:"throughput_rps"`
	LatencyMS     latencies        `json:"latency_ms"`
	Bytes         int64            `json:"bytes"` // response bodies only
	CPU           cpuUsage         `json:"cpu"`
	ErrorSamples  map[string]int64 `json:"error_samples,omitempty"`
}

type errorCounts struct {
	Non2xx    int64 `json:"non_2xx"`
	Transport int64 `json:"transport"`
}

// latencies are in milliseconds: the unit the targets are written in.
type latencies struct {
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	P99  float64 `json:"p99"`
	Max  float64 `json:"max"`
	Mean float64 `json:"mean"`
}

// summarize merges the workers' tallies. Sorting happens here, after the run, so the measured
// loop does nothing but append.
func summarize(o options, elapsed time.Duration, tallies []*tally) summary {
	s := summary{
		URL:          o.target,
		Connections:  o.conns,
		DurationS:    elapsed.Seconds(),
		WarmupS:      o.warmup.Seconds(),
		StatusCodes:  make(map[int]int64),
		ErrorSamples: make(map[string]int64),
	}
	var total int
	for _, t := range tallies {
		total += len(t.latencies)
	}
	all := make([]time.Duration, 0, total)
	var sum time.Duration
	for _, t := range tallies {
		all = append(all, t.latencies...)
		s.Requests += t.requests
		s.Errors.Non2xx += t.non2xx
		s.Errors.Transport += t.transport
		s.Bytes += t.bytes
		for code, n := range t.statuses {
			s.StatusCodes[code] += n
		}
		for msg, n := range t.errors {
			s.ErrorSamples[msg] += n
		}
	}
	slices.Sort(all)
	for _, d := range all {
		sum += d
	}
	if elapsed > 0 {
		s.ThroughputRPS = float64(s.Requests) / elapsed.Seconds()
	}
	if len(all) > 0 {
		s.LatencyMS = latencies{
			P50:  stats.Millis(stats.Percentile(all, 50)),
			P90:  stats.Millis(stats.Percentile(all, 90)),
			P99:  stats.Millis(stats.Percentile(all, 99)),
			Max:  stats.Millis(all[len(all)-1]),
			Mean: stats.Millis(sum / time.Duration(len(all))),
		}
	}
	return s
}
