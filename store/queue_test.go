package store_test

import (
	"slices"
	"testing"
	"time"

	"estimator/store"
)

// TestQueue reads the queue by kind: queued jobs count whether due or in their backoff, running
// ones do not, and the wait is that of the job due first.
func TestQueue(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			queue := func(now time.Time) []store.QueuedKind {
				t.Helper()
				q, err := s.Queue(ctx, now)
				if err != nil {
					t.Fatal(err)
				}
				return q
			}
			if q := queue(t0); len(q) != 0 {
				t.Fatalf("empty queue = %+v", q)
			}

			startRun(t, s, answeredTask(t, s, lineNames(3)...), t0)
			asking := createTask(t, s, newTestTask("Asking", "ACME", "L1"), t0)
			if err := s.EnqueueQuestions(ctx, asking, 1, t0.Add(10*time.Second)); err != nil {
				t.Fatal(err)
			}
			want := []store.QueuedKind{
				{Kind: store.JobEstimateLine, Jobs: 3, OldestWait: time.Minute},
				{Kind: store.JobQuestions, Jobs: 1, OldestWait: 50 * time.Second},
			}
			if q := queue(t0.Add(time.Minute)); !slices.Equal(q, want) {
				t.Fatalf("queue = %+v, want %+v", q, want)
			}

			// Questions are claimed first; a failed line goes back in the queue, due in an hour.
			claim(t, s, "w", t0.Add(time.Minute))
			line := claim(t, s, "w", t0.Add(time.Minute))
			if err := s.RetryJob(ctx, line, "test", t0.Add(time.Hour), t0.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			later := t0.Add(time.Minute + 10*time.Second) // within the leases of the claims
			want = []store.QueuedKind{{Kind: store.JobEstimateLine, Jobs: 3, OldestWait: later.Sub(t0)}}
			if q := queue(later); !slices.Equal(q, want) {
				t.Fatalf("after a claim and a retry: queue = %+v, want %+v", q, want)
			}
			claim(t, s, "w", later)
			claim(t, s, "w", later)
			want = []store.QueuedKind{{Kind: store.JobEstimateLine, Jobs: 1}}
			if q := queue(later); !slices.Equal(q, want) {
				t.Fatalf("only a job in its backoff: queue = %+v, want %+v", q, want)
			}
		})
	}
}
