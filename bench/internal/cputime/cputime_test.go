package cputime

import "testing"

func TestParseProcStat(t *testing.T) {
	data := []byte("cpu  100 5 50 800 20 3 2 10 0 0\ncpu0 50 2 25 400 10 1 1 5 0 0\nintr 12345\n")
	j, err := ParseProcStat(data)
	if err != nil {
		t.Fatal(err)
	}
	// total = 100+5+50+800+20+3+2+10; busy leaves out idle (800) and iowait (20).
	if j != (Jiffies{Busy: 170, Total: 990}) {
		t.Errorf("busy, total = %d, %d; want 170, 990", j.Busy, j.Total)
	}
	if _, err := ParseProcStat([]byte("intr 1\n")); err == nil {
		t.Error("no cpu line accepted")
	}
}

func TestBusyCores(t *testing.T) {
	if busy, ok := BusyCores(Jiffies{}, Jiffies{Busy: 150, Total: 200}, 4); !ok || busy != 3 {
		t.Errorf("BusyCores = %v, %v; want 3, true", busy, ok)
	}
	if _, ok := BusyCores(Jiffies{Total: 200}, Jiffies{Total: 200}, 4); ok {
		t.Error("counters that did not advance gave a figure")
	}
}
