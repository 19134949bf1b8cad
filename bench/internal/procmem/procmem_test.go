package procmem

import "testing"

func TestParse(t *testing.T) {
	data := []byte("Name:\testimator\nVmPeak:\t 1300000 kB\nVmHWM:\t   21000 kB\nVmRSS:\t   18000 kB\nRssAnon:\t    9000 kB\nRssFile:\t    9000 kB\nThreads:\t7\n")
	m, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if m != (Memory{VmRSSKB: 18000, VmHWMKB: 21000, RssAnonKB: 9000, RssFileKB: 9000}) {
		t.Errorf("Parse = %+v", m)
	}
	if _, err := Parse([]byte("Name:\tx\n")); err == nil {
		t.Error("a status without VmRSS was accepted")
	}
}
