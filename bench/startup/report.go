package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

// report is the whole result; its JSON form is the -json output.
type report struct {
	Binary   string      `json:"binary"`
	SettleMS float64     `json:"settle_ms"`
	Runs     []runResult `json:"runs"`
	Cold     *runResult  `json:"cold,omitempty"` // the first run, reported apart from the rest
	Warm     warmSummary `json:"warm"`
}

// warmSummary spreads the runs that reused an existing, migrated database.
type warmSummary struct {
	Runs      int    `json:"runs"`
	HealthyMS spread `json:"healthy_ms"`
	VmRSSMiB  spread `json:"vmrss_mib"`
	VmHWMMiB  spread `json:"vmhwm_mib"`
	StopMS    spread `json:"stop_ms"`
}

func summarize(bin string, settleMS float64, runs []runResult) report {
	r := report{Binary: bin, SettleMS: settleMS, Runs: runs}
	var healthy, rss, hwm, stop []float64
	for i := range runs {
		if runs[i].Cold {
			r.Cold = &runs[i]
			continue
		}
		healthy = append(healthy, runs[i].HealthyMS)
		rss = append(rss, mib(runs[i].Memory.VmRSSKB))
		hwm = append(hwm, mib(runs[i].Memory.VmHWMKB))
		stop = append(stop, runs[i].StopMS)
	}
	r.Warm = warmSummary{Runs: len(healthy), HealthyMS: spreadOf(healthy), VmRSSMiB: spreadOf(rss), VmHWMMiB: spreadOf(hwm), StopMS: spreadOf(stop)}
	return r
}

func mib(kb int64) float64 { return float64(kb) / 1024 }

func writeJSON(w io.Writer, r report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}

func writeText(w io.Writer, r report) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "run\tkind\thealthy ms\tVmRSS MiB\tVmHWM MiB\tRssAnon MiB\tRssFile MiB\tstop ms\texit\t\n")
	for _, run := range r.Runs {
		kind := "warm"
		if run.Cold {
			kind = "cold"
		}
		m := run.Memory
		fmt.Fprintf(tw, "%d\t%s\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t\n", run.Run, kind, run.HealthyMS,
			mib(m.VmRSSKB), mib(m.VmHWMKB), mib(m.RssAnonKB), mib(m.RssFileKB), run.StopMS, run.ExitCode)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	fmt.Fprintf(w, "\nmemory read %.0f ms after healthy; cold = first run, which creates and migrates the database\n", r.SettleMS)
	if c := r.Cold; c != nil {
		fmt.Fprintf(w, "cold run:             healthy %.1f ms, VmRSS %.1f MiB, VmHWM %.1f MiB, stop %.1f ms\n",
			c.HealthyMS, mib(c.Memory.VmRSSKB), mib(c.Memory.VmHWMKB), c.StopMS)
	}
	if s := r.Warm; s.Runs > 0 {
		fmt.Fprintf(w, "warm runs (%d), min / median / max:\n", s.Runs)
		line := func(name string, sp spread, unit string) {
			fmt.Fprintf(w, "  %-18s %8.1f / %8.1f / %8.1f %s\n", name, sp.Min, sp.Median, sp.Max, unit)
		}
		line("start to healthy", s.HealthyMS, "ms")
		line("VmRSS", s.VmRSSMiB, "MiB")
		line("VmHWM", s.VmHWMMiB, "MiB")
		line("SIGTERM to exit", s.StopMS, "ms")
	}
	return nil
}
