package main

import (
	"testing"

	"estimator/bench/internal/cputime"
)

func TestUsageBetween(t *testing.T) {
	a := cputime.Sample{Self: 0, Machine: cputime.Jiffies{Busy: 0, Total: 0}, MachineKnown: true}
	b := cputime.Sample{Self: 500e6, Machine: cputime.Jiffies{Busy: 150, Total: 200}, MachineKnown: true}
	u := usageBetween(a, b, 1e9)
	if u.LoadGeneratorCores != 0.5 {
		t.Errorf("load generator cores = %v, want 0.5", u.LoadGeneratorCores)
	}
	if want := 0.75 * float64(u.Cores); u.MachineBusyCores == nil || *u.MachineBusyCores != want {
		t.Errorf("machine busy cores = %v, want %v", u.MachineBusyCores, want)
	}
	b.MachineKnown = false
	if u := usageBetween(a, b, 1e9); u.MachineBusyCores != nil {
		t.Errorf("machine busy cores = %v without /proc/stat, want none", *u.MachineBusyCores)
	}
}
