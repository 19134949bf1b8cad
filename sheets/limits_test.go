package sheets

import (
	"bytes"
	"errors"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"syscall"
	"testing"
	"time"

	"estimator/sheets/hostile"
)

// TestReadHostileUploads refuses each hostile upload with the limit it hits, allocating a small
// fraction of what the content would take if held, and within the CPU time limits.go promises.
func TestReadHostileUploads(t *testing.T) {
	uploads, err := hostile.Uploads()
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range uploads {
		t.Run(u.Case, func(t *testing.T) {
			if len(u.Content) > 10<<20 {
				t.Fatalf("upload is %d bytes, over the default upload limit", len(u.Content))
			}
			var err error
			start := cpuTime(t)
			peak := peakHeapDuring(func() { _, err = Read(u.Name, bytes.NewReader(u.Content), int64(len(u.Content)), Options{}) })
			cpu := cpuTime(t) - start
			if e, _ := errors.AsType[*Error](err); u.Want != "" && (e == nil || string(e.Code) != u.Want) || u.Want == "" && err != nil {
				t.Errorf("error = %v, want %q", err, u.Want)
			}
			t.Logf("%s (%d KiB): %v, heap grew %d KiB, CPU %v", u.Case, len(u.Content)>>10, err, peak>>10, cpu)
			if peak > 24<<20 {
				t.Errorf("heap grew by %d MiB; the limits should keep a read within a few", peak>>20)
			}
			if !raceEnabled && cpu > time.Second {
				t.Errorf("took %v of CPU; the limits should keep a read under a second", cpu)
			}
		})
	}
}

// peakHeapDuring returns by how much the heap's objects grew at most while fn ran, sampled every
// 100µs. The collector runs at 10 % growth meanwhile, so what is measured is what fn holds, not
// the garbage the default pacing lets pile up in proportion to the rest of the test binary's heap.
func peakHeapDuring(fn func()) uint64 {
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base, peak := read(), uint64(0)
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(100 * time.Microsecond)
		defer tick.Stop()
		for {
			if v := read(); v > base && v-base > peak {
				peak = v - base
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(done)
	<-sampled
	return peak
}

// cpuTime returns the CPU time the process has used so far.
func cpuTime(tb testing.TB) time.Duration {
	tb.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestReadCellLimits refuses a name or description over maxCellChars with its row, and accepts
// long text in a column that is not read.
func TestReadCellLimits(t *testing.T) {
	long := strings.Repeat("あ", maxCellChars+1)
	e := readError(t, "long.csv", []byte("名称,説明\nA,a\nB,"+long+"\n"), Options{})
	if e.Code != ErrCellTooLong || e.Line != 3 || e.Limit != maxCellChars {
		t.Errorf("error = %+v, want cell_too_long at line 3", e)
	}
	res := mustRead(t, "long.csv", []byte("名称,説明,備考\nA,a,"+long+"\n"), Options{})
	checkRows(t, res.Rows, []Row{{Name: "A", Description: "a", Line: 2}})
	exact := strings.Repeat("あ", maxCellChars)
	res = mustRead(t, "exact.xlsx", buildXLSX(t, sheet{"Sheet1", [][]any{{"名称", "説明"}, {"A", exact}}}), Options{})
	checkRows(t, res.Rows, []Row{{Name: "A", Description: exact, Line: 2}})
	e = readError(t, "long.xlsx", buildXLSX(t, sheet{"Sheet1", [][]any{{"名称", "説明"}, {"A", long}}}), Options{})
	if e.Code != ErrCellTooLong || e.Line != 2 {
		t.Errorf("error = %+v, want cell_too_long at line 2", e)
	}
}
