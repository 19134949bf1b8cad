package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The generator runs on the same machine as the server, so every CPU-second it spends is one the
// server does not get. Reporting both figures shows how much of the machine was left for the
// server, which is what a throughput figure measured this way really depends on.

// cpuSample is this process's CPU time and the machine's CPU counters at one moment.
type cpuSample struct {
	self         time.Duration
	busy, total  uint64 // jiffies over all CPUs, from /proc/stat
	machineKnown bool
}

// cpuUsage is the CPU spent during a phase, in cores (CPU-seconds per second of wall time).
type cpuUsage struct {
	Cores              int      `json:"cores"`
	LoadGeneratorCores float64  `json:"load_generator_cores"`
	MachineBusyCores   *float64 `json:"machine_busy_cores,omitempty"` // nil where /proc/stat is missing
}

func sampleCPU() cpuSample {
	var s cpuSample
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		s.self = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if data, err := os.ReadFile("/proc/stat"); err == nil {
		if busy, total, err := parseProcStat(data); err == nil {
			s.busy, s.total, s.machineKnown = busy, total, true
		}
	}
	return s
}

func usageBetween(a, b cpuSample, wall time.Duration) cpuUsage {
	u := cpuUsage{Cores: runtime.NumCPU()}
	if wall > 0 {
		u.LoadGeneratorCores = (b.self - a.self).Seconds() / wall.Seconds()
	}
	if a.machineKnown && b.machineKnown && b.total > a.total {
		// A ratio of jiffies needs no clock-tick rate: busy share times the number of CPUs.
		busy := float64(b.busy-a.busy) / float64(b.total-a.total) * float64(u.Cores)
		u.MachineBusyCores = &busy
	}
	return u
}

// parseProcStat reads the aggregate "cpu" line of /proc/stat: user nice system idle iowait irq
// softirq steal. Idle and iowait are not busy; steal is counted as busy because the server did
// not get that time either.
func parseProcStat(data []byte) (busy, total uint64, err error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 9 || fields[0] != "cpu" {
			continue
		}
		var v [8]uint64
		for i := range v {
			if v[i], err = strconv.ParseUint(fields[i+1], 10, 64); err != nil {
				return 0, 0, fmt.Errorf("parse /proc/stat field %d: %w", i+1, err)
			}
			total += v[i]
		}
		return total - v[3] - v[4], total, nil
	}
	return 0, 0, fmt.Errorf("parse /proc/stat: no aggregate cpu line")
}
