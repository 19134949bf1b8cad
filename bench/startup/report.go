package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"estimator/bench/internal/procmem"
	"estimator/bench/internal/stats"
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
	Runs      int          `json:"runs"`
	HealthyMS stats.Spread `json:"healthy_ms"`
	VmRSSMiB  stats.Spread `json:"vmrss_mib"`
	VmHWMMiB  stats.Spread `json:"vmhwm_mib"`
	StopMS    stats.Spread `json:"stop_ms"`
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
		rss = append(rss, procmem.MiB(runs[i].Memory.VmRSSKB))
		hwm = append(hwm, procmem.MiB(runs[i].Memory.VmHWMKB))
		stop = append(stop, runs[i].StopMS)
	}
	r.Warm = warmSummary{Runs: len(healthy), HealthyMS: stats.SpreadOf(healthy), VmRSSMiB: stats.SpreadOf(rss), VmHWMMiB: stats.SpreadOf(hwm), StopMS: stats.SpreadOf(stop)}
	return r
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
			procmem.MiB(m.VmRSSKB), procmem.MiB(m.VmHWMKB), procmem.MiB(m.RssAnonKB), procmem.MiB(m.RssFileKB), run.StopMS, run.ExitCode)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	fmt.Fprintf(w, "\nmemory read %.0f ms after healthy; cold = first run, which creates and migrates the database\n", r.SettleMS)
	if c := r.Cold; c != nil {
		fmt.Fprintf(w, "cold run:             healthy %.1f ms, VmRSS %.1f MiB, VmHWM %.1f MiB, stop %.1f ms\n",
			c.HealthyMS, procmem.MiB(c.Memory.VmRSSKB), procmem.MiB(c.Memory.VmHWMKB), c.StopMS)
	}
	if s := r.Warm; s.Runs > 0 {
		fmt.Fprintf(w, "warm runs (%d), min / median / max:\n", s.Runs)
		line := func(name string, sp stats.Spread, unit string) {
			fmt.Fprintf(w, "  %-18s %8.1f / %8.1f / %8.1f %s\n", name, sp.Min, sp.Median, sp.Max, unit)
		}
		line("start to healthy", s.HealthyMS, "ms")
		line("VmRSS", s.VmRSSMiB, "MiB")
		line("VmHWM", s.VmHWMMiB, "MiB")
		line("SIGTERM to exit", s.StopMS, "ms")
	}
	return nil
}
