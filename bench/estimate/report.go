package main

import (
	"fmt"
	"io"
	"strings"
)

// listEach is the most tasks whose times are listed one by one in the text report.
const listEach = 5

// writeText prints the report for a person at a terminal.
func writeText(w io.Writer, r report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "target          %s\n", r.URL)
	fmt.Fprintf(&b, "tasks           %d × %d deliverables (%s), pages polled every %.0f ms\n", r.Tasks, r.Lines, r.Language, r.PollMS)
	fmt.Fprintf(&b, "questions       %.2f s to get every task's questions; per task min %.2f  median %.2f  max %.2f s\n",
		r.PrepareS, r.QuestionsS.Min, r.QuestionsS.Median, r.QuestionsS.Max)
	fmt.Fprintf(&b, "estimated       %d of %d tasks, all settled %.2f s after the first answers\n", r.Estimated, r.Tasks, r.EstimateS)
	fmt.Fprintf(&b, "answers→done    min %.2f  median %.2f  max %.2f s\n", r.EstimatedS.Min, r.EstimatedS.Median, r.EstimatedS.Max)
	if len(r.Results) <= listEach {
		for _, t := range r.Results {
			fmt.Fprintf(&b, "  task %s  %d questions  estimated after %.2f s (not yet at %.2f s)\n", t.ID, t.Questions, t.EstimatedS, t.NotYetS)
		}
	}
	for _, t := range r.Results {
		if t.Err != "" {
			fmt.Fprintf(&b, "  task %q (status %q, %d poll errors): %s\n", t.ID, t.Status, t.PollErrors, t.Err)
		}
	}
	for _, l := range []*latencyReport{r.Health, r.Page} {
		if l == nil {
			continue
		}
		fmt.Fprintf(&b, "GET %-11s %d requests (%.0f/s on %d connections), non-2xx %d, errors %d; ms p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n",
			l.Path, l.Requests, l.RateRPS, l.Connections, l.Non2xx, l.Transport, l.P50, l.P90, l.P99, l.Max)
	}
	if m := r.Memory; m != nil {
		fmt.Fprintf(&b, "server memory   VmRSS start %.1f  max %.1f  end %.1f MiB; VmHWM %.1f MiB; RssAnon max %.1f MiB (%d samples)\n",
			m.StartRSS, m.MaxRSS, m.EndRSS, m.HWM, m.MaxAnon, m.Samples)
		if m.Error != "" {
			fmt.Fprintf(&b, "  sampling stopped: %s\n", m.Error)
		}
	}
	c := r.CPU
	fmt.Fprintf(&b, "cpu (cores)     while estimating: server %.2f, driver %.2f, machine %.2f of %d busy, so %.2f for everything else\n",
		c.ServerCores, c.DriverCores, c.MachineCores, c.Cores, c.OtherCores)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	return nil
}
