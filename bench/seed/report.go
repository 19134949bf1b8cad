package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"
)

// report is what the seed wrote.
type report struct {
	Dialect   string         `json:"dialect"`
	Tasks     int            `json:"tasks"`
	Lines     int            `json:"lines"`
	Outcomes  map[string]int `json:"outcomes"`  // task status → tasks
	Revisions map[int]int    `json:"revisions"` // revisions of an estimated task → tasks
	From      time.Time      `json:"from"`      // the creation times lie between From and To
	To        time.Time      `json:"to"`
	ElapsedS  float64        `json:"elapsed_s"`
}

// count adds the task of p, once it is written.
func (r *report) count(p plan) {
	r.Tasks++
	r.Lines += len(p.task.Lines)
	r.Outcomes[p.outcome]++
	if p.outcome == outcomeEstimated {
		r.Revisions[p.revisions]++
	}
}

// writeText prints the report for a person at a terminal.
func writeText(w io.Writer, r report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "database   %s\n", r.Dialect)
	fmt.Fprintf(&b, "tasks      %d created %s to %s, %d lines\n", r.Tasks, r.From.Format(time.DateOnly), r.To.Format(time.DateOnly), r.Lines)
	for _, status := range slices.Sorted(maps.Keys(r.Outcomes)) {
		fmt.Fprintf(&b, "  %-17s %d\n", status, r.Outcomes[status])
	}
	for _, n := range slices.Sorted(maps.Keys(r.Revisions)) {
		fmt.Fprintf(&b, "  %d revision(s)     %d\n", n, r.Revisions[n])
	}
	fmt.Fprintf(&b, "elapsed    %.1fs (%.0f tasks/s)\n", r.ElapsedS, float64(r.Tasks)/max(r.ElapsedS, 1e-9))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	return nil
}
