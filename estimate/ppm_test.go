package estimate

import "testing"

func TestFactorString(t *testing.T) {
	for ppm, want := range map[int64]string{870000: "0.87", 1_000_000: "1.00", 874999: "0.87", 875000: "0.88", 5000: "0.01", 0: "0.00", 1_234_567: "1.23"} {
		if got := FactorString(ppm); got != want {
			t.Errorf("FactorString(%d) = %q, want %q", ppm, got, want)
		}
	}
}
