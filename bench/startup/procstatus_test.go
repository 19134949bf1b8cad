package main

import "testing"

func TestParseStatus(t *testing.T) {
	data := []byte("Name:\testimator\nVmPeak:\t 1300000 kB\nVmHWM:\t   21000 kB\nVmRSS:\t   18000 kB\nRssAnon:\t    9000 kB\nRssFile:\t    9000 kB\nThreads:\t7\n")
	m, err := parseStatus(data)
	if err != nil {
		t.Fatal(err)
	}
	if m != (memory{VmRSSKB: 18000, VmHWMKB: 21000, RssAnonKB: 9000, RssFileKB: 9000}) {
		t.Errorf("parseStatus = %+v", m)
	}
	if _, err := parseStatus([]byte("Name:\tx\n")); err == nil {
		t.Error("a status without VmRSS was accepted")
	}
}

func TestSpreadOf(t *testing.T) {
	if got := spreadOf([]float64{5, 1, 3}); got != (spread{1, 3, 5}) {
		t.Errorf("odd count: %+v", got)
	}
	if got := spreadOf([]float64{4, 1, 3, 2}); got != (spread{1, 2.5, 4}) {
		t.Errorf("even count: %+v", got)
	}
	if got := spreadOf(nil); got != (spread{}) {
		t.Errorf("empty: %+v", got)
	}
}
