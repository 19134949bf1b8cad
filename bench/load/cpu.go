package main

import (
	"runtime"
	"time"

	"estimator/bench/internal/cputime"
)

// The generator runs on the same machine as the server, so every CPU-second it spends is one the
// server does not get. Reporting both figures shows how much of the machine was left for the
// server, which is what a throughput figure measured this way really depends on.

// cpuUsage is the CPU spent during a phase, in cores (CPU-seconds per second of wall time).
type cpuUsage struct {
	Cores              int      `json:"cores"`
	LoadGeneratorCores float64  `json:"load_generator_cores"`
	MachineBusyCores   *float64 `json:"machine_busy_cores,omitempty"` // nil where /proc/stat is missing
}

func usageBetween(a, b cputime.Sample, wall time.Duration) cpuUsage {
	u := cpuUsage{Cores: runtime.NumCPU()}
	if wall > 0 {
		u.LoadGeneratorCores = (b.Self - a.Self).Seconds() / wall.Seconds()
	}
	if a.MachineKnown && b.MachineKnown {
		if busy, ok := cputime.BusyCores(a.Machine, b.Machine, u.Cores); ok {
			u.MachineBusyCores = &busy
		}
	}
	return u
}
