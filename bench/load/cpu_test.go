package main

import "testing"

func TestParseProcStat(t *testing.T) {
	data := []byte("cpu  100 5 50 800 20 3 2 10 0 0\ncpu0 50 2 25 400 10 1 1 5 0 0\nintr 12345\n")
	busy, total, err := parseProcStat(data)
	if err != nil {
		t.Fatal(err)
	}
	// total = 100+5+50+800+20+3+2+10; busy leaves out idle (800) and iowait (20).
	if total != 990 || busy != 170 {
		t.Errorf("busy, total = %d, %d; want 170, 990", busy, total)
	}
	if _, _, err := parseProcStat([]byte("intr 1\n")); err == nil {
		t.Error("no cpu line accepted")
	}
}

func TestUsageBetween(t *testing.T) {
	a := cpuSample{self: 0, busy: 0, total: 0, machineKnown: true}
	b := cpuSample{self: 500e6, busy: 150, total: 200, machineKnown: true}
	u := usageBetween(a, b, 1e9)
	if u.LoadGeneratorCores != 0.5 {
		t.Errorf("load generator cores = %v, want 0.5", u.LoadGeneratorCores)
	}
	if want := 0.75 * float64(u.Cores); u.MachineBusyCores == nil || *u.MachineBusyCores != want {
		t.Errorf("machine busy cores = %v, want %v", u.MachineBusyCores, want)
	}
}
