// Package cputime reads the CPU time of this process and of the whole machine. A benchmark tool
// runs on the same machine as what it measures, so reporting both shows how much of the machine
// was left for the server and whether anything else competed for the cores.
package cputime

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Jiffies are the machine's CPU counters from /proc/stat, summed over all CPUs.
type Jiffies struct {
	Busy, Total uint64
}

// Sample is this process's CPU time and the machine's CPU counters at one moment.
type Sample struct {
	Self    time.Duration
	Machine Jiffies
	// MachineKnown is false where /proc/stat could not be read; Machine is then zero.
	MachineKnown bool
}

// Take samples the CPU time now. A figure that cannot be read is left at zero.
func Take() Sample {
	var s Sample
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		s.Self = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if data, err := os.ReadFile("/proc/stat"); err == nil {
		if j, err := ParseProcStat(data); err == nil {
			s.Machine, s.MachineKnown = j, true
		}
	}
	return s
}

// BusyCores is how many of cores the machine kept busy on average from a to b; false when the
// counters did not advance.
func BusyCores(a, b Jiffies, cores int) (float64, bool) {
	if b.Total <= a.Total {
		return 0, false
	}
	// A ratio of jiffies needs no clock-tick rate: busy share times the number of CPUs.
	return float64(b.Busy-a.Busy) / float64(b.Total-a.Total) * float64(cores), true
}

// ParseProcStat reads the aggregate "cpu" line of /proc/stat: user nice system idle iowait irq
// softirq steal. Idle and iowait are not busy; steal is, because nobody here got that time.
func ParseProcStat(data []byte) (Jiffies, error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 9 || fields[0] != "cpu" {
			continue
		}
		var v [8]uint64
		var total uint64
		for i := range v {
			var err error
			if v[i], err = strconv.ParseUint(fields[i+1], 10, 64); err != nil {
				return Jiffies{}, fmt.Errorf("parse /proc/stat field %d: %w", i+1, err)
			}
			total += v[i]
		}
		return Jiffies{Busy: total - v[3] - v[4], Total: total}, nil
	}
	return Jiffies{}, fmt.Errorf("parse /proc/stat: no aggregate cpu line")
}
