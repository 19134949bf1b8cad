package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// writeText prints the summary for a person at a terminal.
func writeText(w io.Writer, s summary) error {
	var b strings.Builder
	fmt.Fprintf(&b, "target        %s\n", s.URL)
	fmt.Fprintf(&b, "connections   %d\n", s.Connections)
	fmt.Fprintf(&b, "duration      %.2fs measured (after %.2gs warmup)\n", s.DurationS, s.WarmupS)
	fmt.Fprintf(&b, "requests      %d\n", s.Requests)
	fmt.Fprintf(&b, "throughput    %.0f req/s\n", s.ThroughputRPS)
	fmt.Fprintf(&b, "errors        non-2xx %d, transport %d\n", s.Errors.Non2xx, s.Errors.Transport)
	fmt.Fprintf(&b, "status codes  %s\n", formatStatuses(s.StatusCodes))
	l := s.LatencyMS
	fmt.Fprintf(&b, "latency ms    p50 %.3f  p90 %.3f  p99 %.3f  max %.3f  mean %.3f\n", l.P50, l.P90, l.P99, l.Max, l.Mean)
	fmt.Fprintf(&b, "bytes         %d body bytes (%.1f MB/s)\n", s.Bytes, float64(s.Bytes)/1e6/max(s.DurationS, 1e-9))
	fmt.Fprintf(&b, "cpu           load generator %.2f cores", s.CPU.LoadGeneratorCores)
	if busy := s.CPU.MachineBusyCores; busy != nil {
		fmt.Fprintf(&b, "; machine %.2f of %d cores busy, so %.2f for the server and anything else",
			*busy, s.CPU.Cores, *busy-s.CPU.LoadGeneratorCores)
	}
	b.WriteString("\n")
	for msg, n := range s.ErrorSamples {
		fmt.Fprintf(&b, "  error x%d: %s\n", n, msg)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	return nil
}

// formatStatuses lists status codes in order, e.g. "200: 1000, 503: 2".
func formatStatuses(codes map[int]int64) string {
	if len(codes) == 0 {
		return "none"
	}
	keys := make([]int, 0, len(codes))
	for k := range codes {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%d: %d", k, codes[k])
	}
	return strings.Join(parts, ", ")
}
