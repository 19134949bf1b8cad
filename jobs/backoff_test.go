package jobs

import (
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	tests := []struct {
		attempt int
		base    time.Duration
		want    time.Duration // the middle of the jittered range [want/2, 3·want/2)
	}{
		{1, time.Second, time.Second},
		{2, time.Second, 2 * time.Second},
		{3, time.Second, 4 * time.Second},
		{7, time.Second, maxBackoff},
		{1000, time.Second, maxBackoff},
		{2, time.Millisecond, 2 * time.Millisecond},
	}
	for _, tt := range tests {
		for range 100 {
			got := backoff(tt.attempt, tt.base)
			if got < tt.want/2 || got >= tt.want*3/2 {
				t.Fatalf("backoff(%d, %v) = %v, want in [%v, %v)", tt.attempt, tt.base, got, tt.want/2, tt.want*3/2)
			}
		}
	}
	if got := backoff(1, 1); got != 1 {
		t.Errorf("backoff(1, 1ns) = %v, want 1ns: too short to spread", got)
	}
}
