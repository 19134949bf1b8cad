package store_test

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"estimator/store"
)

// answeredTask creates a task with one line per name whose questions job has completed (with no
// questions), ready for StartRun, and returns its id.
func answeredTask(t *testing.T, s *store.Store, names ...string) string {
	t.Helper()
	ctx := t.Context()
	id := createTask(t, s, newTestTask("Shop", "ACME", names...), t0)
	if err := s.EnqueueQuestions(ctx, id, 1, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.CompleteQuestionsJob(ctx, claim(t, s, "setup", t0), nil, t0); err != nil {
		t.Fatal(err)
	}
	return id
}

// startRun starts a run of the task with three attempts per job.
func startRun(t *testing.T, s *store.Store, taskID string, now time.Time) store.Run {
	t.Helper()
	run, err := s.StartRun(t.Context(), taskID, 3, now)
	if err != nil {
		t.Fatal(err)
	}
	return run
}

// lineNames returns n line names "L1", "L2", ….
func lineNames(n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("L%d", i+1)
	}
	return names
}

func TestClaimJobConcurrent(t *testing.T) {
	const jobs, workers = 40, 8
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			startRun(t, s, answeredTask(t, s, lineNames(jobs)...), t0)
			var mu sync.Mutex
			claimed := make(map[int64][]string) // job id → owners
			var wg sync.WaitGroup
			for w := range workers {
				owner := fmt.Sprintf("w%d", w)
				wg.Go(func() {
					for {
						job, err := s.ClaimJob(t.Context(), owner, testLease, t0)
						if errors.Is(err, store.ErrNotFound) {
							return
						}
						if err != nil {
							t.Error(err)
							return
						}
						mu.Lock()
						claimed[job.ID] = append(claimed[job.ID], owner)
						mu.Unlock()
					}
				})
			}
			wg.Wait()
			if len(claimed) != jobs {
				t.Errorf("%d jobs claimed, want %d", len(claimed), jobs)
			}
			for id, owners := range claimed {
				if len(owners) != 1 {
					t.Errorf("job %d claimed by %v, want exactly one owner", id, owners)
				}
			}
		})
	}
}

func TestClaimJobOrder(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			id := answeredTask(t, s, "A", "B", "C")
			startRun(t, s, id, t0)
			_, lines, err := s.LatestRun(t.Context(), id)
			if err != nil {
				t.Fatal(err)
			}
			for i, l := range lines {
				if job := claim(t, s, "w1", t0); job.TaskLineID != l.LineID {
					t.Errorf("claim %d took line %d, want line %d (position %d): lines go in order", i+1, job.TaskLineID, l.LineID, l.Position)
				}
			}
		})
	}
}

// TestQuestionsGoFirst: a new task's questions are not stuck behind older tasks' lines.
func TestQuestionsGoFirst(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			busy := answeredTask(t, s, "A", "B", "C")
			startRun(t, s, busy, t0)
			fresh := createTask(t, s, newTestTask("New", "ACME", "X"), t0.Add(time.Minute))
			if err := s.EnqueueQuestions(t.Context(), fresh, 1, t0.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			if job := claim(t, s, "w1", t0.Add(2*time.Minute)); job.Kind != store.JobQuestions || job.TaskID != fresh {
				t.Errorf("claimed %s of task %s first; want the new task's questions", job.Kind, job.TaskID)
			}
		})
	}
}

func TestLeaseExpiry(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := answeredTask(t, s, "Login")
			startRun(t, s, id, t0)
			lost := claim(t, s, "w1", t0)

			for _, now := range []time.Time{t0, t0.Add(testLease - time.Second), t0.Add(testLease)} {
				if job, err := s.ClaimJob(ctx, "w2", testLease, now); !errors.Is(err, store.ErrNotFound) {
					t.Errorf("ClaimJob at %v while the lease runs = %+v, %v; want ErrNotFound", now.Sub(t0), job, err)
				}
			}
			// The lease is renewed: still not claimable after the first lease would have ended.
			if err := s.RenewLease(ctx, lost, testLease, t0.Add(10*time.Second)); err != nil {
				t.Fatal(err)
			}
			if _, err := s.ClaimJob(ctx, "w2", testLease, t0.Add(testLease+time.Second)); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("ClaimJob after a renewal: %v, want ErrNotFound", err)
			}

			// w1 stops renewing (it crashed); once the lease has expired, w2 takes the job over.
			now := t0.Add(10*time.Second + testLease + time.Millisecond)
			taken := claim(t, s, "w2", now)
			if taken.ID != lost.ID || taken.Attempts != 2 || taken.Owner != "w2" || !taken.LeaseUntil.Equal(now.Add(testLease)) {
				t.Errorf("takeover claimed %+v; want job %d, attempt 2, owner w2", taken, lost.ID)
			}

			// w1's late writes are refused and change nothing.
			if err := s.RenewLease(ctx, lost, testLease, now); !errors.Is(err, store.ErrConflict) {
				t.Errorf("RenewLease of a lost lease: %v, want ErrConflict", err)
			}
			if err := s.CompleteLineJob(ctx, lost, lineValues(10), now); !errors.Is(err, store.ErrConflict) {
				t.Errorf("CompleteLineJob of a lost lease: %v, want ErrConflict", err)
			}
			if err := s.RetryJob(ctx, lost, "x", now, now); !errors.Is(err, store.ErrConflict) {
				t.Errorf("RetryJob of a lost lease: %v, want ErrConflict", err)
			}
			if err := s.FailJob(ctx, lost, "x", "", now); !errors.Is(err, store.ErrConflict) {
				t.Errorf("FailJob of a lost lease: %v, want ErrConflict", err)
			}
			// The same owner name with an old attempt number is still not the current claim.
			stale := taken
			stale.Attempts = 1
			if err := s.CompleteLineJob(ctx, stale, lineValues(10), now); !errors.Is(err, store.ErrConflict) {
				t.Errorf("CompleteLineJob with a stale attempt: %v, want ErrConflict", err)
			}
			_, lines, err := s.LatestRun(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if lines[0].Status != store.LinePending || lines[0].Phases != [5]int64{} {
				t.Errorf("line after refused writes = %+v, want pending without numbers", lines[0])
			}
			if n := jobCount(t, s, id, store.JobEstimateLine, "running"); n != 1 {
				t.Errorf("%d running jobs, want 1 (w2's)", n)
			}

			if err := s.CompleteLineJob(ctx, taken, lineValues(10), now); err != nil {
				t.Fatal(err)
			}
			if status, _ := taskStatus(t, s, id); status != store.StatusEstimated {
				t.Errorf("status %q, want estimated", status)
			}
			if err := s.CompleteLineJob(ctx, taken, lineValues(10), now); !errors.Is(err, store.ErrConflict) {
				t.Errorf("second CompleteLineJob: %v, want ErrConflict", err)
			}
		})
	}
}

// TestClaimOutOfAttempts checks that a job whose last attempt was lost is still handed out, with
// its attempts counted beyond the maximum, so a worker fails it instead of leaving it running.
func TestClaimOutOfAttempts(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			id := answeredTask(t, s, "Login")
			if _, err := s.StartRun(t.Context(), id, 1, t0); err != nil {
				t.Fatal(err)
			}
			first := claim(t, s, "w1", t0)
			again := claim(t, s, "w2", t0.Add(time.Hour))
			if again.ID != first.ID || again.Attempts != 2 || again.MaxAttempts != 1 {
				t.Errorf("reclaimed %+v; want job %d with attempts 2 of 1", again, first.ID)
			}
			if err := s.FailJob(t.Context(), again, "lease expired on the last attempt", "", t0.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			if status, msg := taskStatus(t, s, id); status != store.StatusFailed || msg != store.CodeLinesFailed {
				t.Errorf("status %q %q, want failed %q", status, msg, store.CodeLinesFailed)
			}
			if _, err := s.ClaimJob(t.Context(), "w3", testLease, t0.Add(24*time.Hour)); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("ClaimJob after the job failed: %v, want ErrNotFound", err)
			}
		})
	}
}

func TestClaimJobRejects(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			if _, err := s.ClaimJob(t.Context(), "", testLease, t0); err == nil {
				t.Error("ClaimJob without an owner succeeded")
			}
			if _, err := s.ClaimJob(t.Context(), "w1", 0, t0); err == nil {
				t.Error("ClaimJob without a lease succeeded")
			}
			if _, err := s.ClaimJob(t.Context(), "w1", testLease, t0); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("ClaimJob with no jobs: %v, want ErrNotFound", err)
			}
		})
	}
}

// TestClaimGoesRoundTheTasks: the next job is from the task whose jobs were claimed least often,
// so a small task queued behind a big one gets the next free workers.
func TestClaimGoesRoundTheTasks(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			big := answeredTask(t, s, "A1", "A2", "A3", "A4", "A5")
			startRun(t, s, big, t0)
			small := answeredTask(t, s, "B1", "B2")
			startRun(t, s, small, t0.Add(time.Minute))
			now := t0.Add(2 * time.Minute)
			var order []string
			for range 5 {
				order = append(order, claim(t, s, "w1", now).TaskID)
			}
			want := []string{big, small, big, small, big} // by jobs claimed so far, then age
			if !slices.Equal(order, want) {
				t.Errorf("claimed tasks %v, want %v", order, want)
			}
		})
	}
}
