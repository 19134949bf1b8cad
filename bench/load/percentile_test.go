package main

import (
	"testing"
	"time"
)

func TestPercentileNearestRank(t *testing.T) {
	// 1..100 ms: the nearest-rank pN of 100 values is exactly N ms.
	sorted := make([]time.Duration, 100)
	for i := range sorted {
		sorted[i] = time.Duration(i+1) * time.Millisecond
	}
	for _, tc := range []struct {
		p    float64
		want time.Duration
	}{{50, 50 * time.Millisecond}, {90, 90 * time.Millisecond}, {99, 99 * time.Millisecond}, {100, 100 * time.Millisecond}, {0.1, time.Millisecond}} {
		if got := percentile(sorted, tc.p); got != tc.want {
			t.Errorf("p%v = %v, want %v", tc.p, got, tc.want)
		}
	}
}

func TestPercentileSmallSamples(t *testing.T) {
	if got := percentile(nil, 99); got != 0 {
		t.Errorf("p99 of nothing = %v, want 0", got)
	}
	one := []time.Duration{7}
	if got := percentile(one, 50); got != 7 {
		t.Errorf("p50 of one = %v, want 7", got)
	}
	// With 3 samples p99 must be the slowest one, never an interpolated value.
	three := []time.Duration{1, 2, 30}
	if got := percentile(three, 99); got != 30 {
		t.Errorf("p99 of three = %v, want 30", got)
	}
	if got := percentile(three, 50); got != 2 {
		t.Errorf("p50 of three = %v, want 2", got)
	}
}
