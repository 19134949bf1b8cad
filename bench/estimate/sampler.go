package main

import (
	"context"
	"time"

	"estimator/bench/internal/procmem"
)

// sampleEvery is how often the server's memory is read: often enough to catch a peak that lasts
// a fraction of a second, while VmHWM catches any peak between samples anyway.
const sampleEvery = 200 * time.Millisecond

// memoryReport is the server's memory over the run, in MiB.
type memoryReport struct {
	Samples  int     `json:"samples"`
	StartRSS float64 `json:"start_vmrss_mib"`
	MaxRSS   float64 `json:"max_vmrss_mib"`
	EndRSS   float64 `json:"end_vmrss_mib"`
	HWM      float64 `json:"vmhwm_mib"` // peak since the server started, read at the end
	MaxAnon  float64 `json:"max_rssanon_mib"`
	Error    string  `json:"error,omitempty"`
}

// sampleMemory reads the process's memory every sampleEvery until stop is closed.
func sampleMemory(ctx context.Context, stop <-chan struct{}, pid int) memoryReport {
	var r memoryReport
	tick := time.NewTicker(sampleEvery)
	defer tick.Stop()
	for {
		m, err := procmem.Read(pid)
		if err != nil {
			r.Error = err.Error() // the process is gone: keep what was sampled
			return r
		}
		if r.Samples == 0 {
			r.StartRSS = procmem.MiB(m.VmRSSKB)
		}
		r.Samples++
		r.MaxRSS, r.MaxAnon = max(r.MaxRSS, procmem.MiB(m.VmRSSKB)), max(r.MaxAnon, procmem.MiB(m.RssAnonKB))
		r.EndRSS, r.HWM = procmem.MiB(m.VmRSSKB), procmem.MiB(m.VmHWMKB)
		select {
		case <-stop:
			return r
		case <-ctx.Done():
			return r
		case <-tick.C:
		}
	}
}
