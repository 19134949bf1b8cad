package main

import (
	"runtime"
	"time"

	"estimator/bench/internal/cputime"
)

// The server, this driver, the fake model and whatever else runs on the machine share its CPUs.
// Reporting what each used during the estimating phase shows whether a latency figure was
// taken on a quiet machine, or one where something else competed for the cores.

// cpuSample is the CPU time used so far by the server, by this process, and by the machine.
type cpuSample struct {
	at     time.Time
	server time.Duration
	cputime.Sample
}

// cpuReport is the CPU used over a phase, in cores (CPU-seconds per second of wall time).
type cpuReport struct {
	Cores        int     `json:"cores"`
	ServerCores  float64 `json:"server_cores"` // 0 without -pid
	DriverCores  float64 `json:"driver_cores"`
	MachineCores float64 `json:"machine_busy_cores"`
	// OtherCores is the machine's busy time that was neither the server's nor the driver's: the
	// fake model, and anything else running.
	OtherCores float64 `json:"other_cores"`
}

func sampleCPU(pid int) cpuSample {
	s := cpuSample{at: time.Now()}
	if pid > 0 {
		s.server, _ = cputime.Process(pid)
	}
	s.Sample = cputime.Take()
	return s
}

func cpuBetween(a, b cpuSample) cpuReport {
	r := cpuReport{Cores: runtime.NumCPU()}
	wall := b.at.Sub(a.at).Seconds()
	if wall <= 0 {
		return r
	}
	r.ServerCores = (b.server - a.server).Seconds() / wall
	r.DriverCores = (b.Self - a.Self).Seconds() / wall
	r.MachineCores, _ = cputime.BusyCores(a.Machine, b.Machine, r.Cores)
	r.OtherCores = max(r.MachineCores-r.ServerCores-r.DriverCores, 0)
	return r
}
