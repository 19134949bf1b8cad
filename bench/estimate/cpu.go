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

// The server, this driver, the fake model and whatever else runs on the machine share its CPUs.
// Reporting what each used during the estimating phase shows whether a latency figure was
// taken on a quiet machine, or one where something else competed for the cores.

// cpuSample is the CPU time used so far by the server, by this process, and by the machine.
type cpuSample struct {
	at          time.Time
	server      time.Duration
	self        time.Duration
	busy, total uint64 // jiffies over all CPUs, from /proc/stat
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
		s.server, _ = readCPU(pid)
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		s.self = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if data, err := os.ReadFile("/proc/stat"); err == nil {
		s.busy, s.total, _ = parseProcStat(data)
	}
	return s
}

func cpuBetween(a, b cpuSample) cpuReport {
	r := cpuReport{Cores: runtime.NumCPU()}
	wall := b.at.Sub(a.at).Seconds()
	if wall <= 0 {
		return r
	}
	r.ServerCores = (b.server - a.server).Seconds() / wall
	r.DriverCores = (b.self - a.self).Seconds() / wall
	if b.total > a.total {
		// A ratio of jiffies needs no clock-tick rate: busy share times the number of CPUs.
		r.MachineCores = float64(b.busy-a.busy) / float64(b.total-a.total) * float64(r.Cores)
	}
	r.OtherCores = max(r.MachineCores-r.ServerCores-r.DriverCores, 0)
	return r
}

// parseProcStat reads the aggregate "cpu" line of /proc/stat: user nice system idle iowait irq
// softirq steal. Idle and iowait are not busy; steal is, because nobody here got that time.
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
