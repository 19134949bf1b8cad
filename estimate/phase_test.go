package estimate

import "testing"

func TestPhaseKey(t *testing.T) {
	want := []string{"requirements", "design", "implementation", "testing", "documentation"}
	if len(want) != PhaseCount {
		t.Fatalf("PhaseCount = %d, want %d", PhaseCount, len(want))
	}
	for p := range Phase(PhaseCount) {
		if got := p.Key(); got != want[p] {
			t.Errorf("Phase(%d).Key() = %q, want %q", p, got, want[p])
		}
	}
	for _, p := range []Phase{-1, PhaseCount} {
		if got := p.Key(); got != "" {
			t.Errorf("Phase(%d).Key() = %q, want empty", p, got)
		}
	}
}
