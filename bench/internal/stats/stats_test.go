package stats

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
		if got := Percentile(sorted, tc.p); got != tc.want {
			t.Errorf("p%v = %v, want %v", tc.p, got, tc.want)
		}
	}
}

func TestPercentileSmallSamples(t *testing.T) {
	for _, tc := range []struct {
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{nil, 99, 0},
		{[]time.Duration{7}, 50, 7},
		// With few samples p99 must be the slowest one, never an interpolated value.
		{[]time.Duration{1, 2, 30}, 99, 30},
		{[]time.Duration{1, 2, 30}, 50, 2},
		{[]time.Duration{1, 2, 3, 4, 100}, 99, 100},
		{[]time.Duration{1, 2, 3, 4, 100}, 50, 3},
	} {
		if got := Percentile(tc.sorted, tc.p); got != tc.want {
			t.Errorf("p%v of %v = %v, want %v", tc.p, tc.sorted, got, tc.want)
		}
	}
}

func TestMillis(t *testing.T) {
	if got := Millis(1500 * time.Microsecond); got != 1.5 {
		t.Errorf("Millis(1.5ms) = %v, want 1.5", got)
	}
}

func TestSpreadOf(t *testing.T) {
	if got := SpreadOf([]float64{5, 1, 3}); got != (Spread{1, 3, 5}) {
		t.Errorf("odd count: %+v", got)
	}
	values := []float64{4, 1, 3, 2}
	if got := SpreadOf(values); got != (Spread{1, 2.5, 4}) {
		t.Errorf("even count: %+v", got)
	}
	if values[0] != 4 {
		t.Errorf("SpreadOf sorted its argument: %v", values)
	}
	if got := SpreadOf(nil); got != (Spread{}) {
		t.Errorf("empty: %+v", got)
	}
}
