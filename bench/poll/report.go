package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
)

func writeText(w io.Writer, r report) error {
	_, err := fmt.Fprintf(w, "pages         %d polling every %s for %s\n", r.Pages, r.Interval, r.Duration)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "polls         %d (failed %d)\n", r.Requests, r.Failures)
	for _, code := range slices.Sorted(maps.Keys(r.Statuses)) {
		fmt.Fprintf(w, "  status %d    %d\n", code, r.Statuses[code])
	}
	fmt.Fprintf(w, "latency ms    p50 %.3f  p99 %.3f\n", r.P50Millis, r.P99Millis)
	fmt.Fprintf(w, "server cpu    %.3f cores (%.1f %% of one core)\n", r.ServerCores, 100*r.ServerCores)
	_, err = fmt.Fprintf(w, "changes       %d seen; the last page saw each at most %.0f ms after the first\n", r.Changes, r.SpreadMillis)
	return err
}
