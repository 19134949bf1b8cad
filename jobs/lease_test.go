package jobs_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"estimator/jobs"
	"estimator/llm"
	"estimator/store"
)

// The tests below run in a synctest bubble: time is fake and advances only when every goroutine
// waits, so minutes of leases and renewals pass at once and Wait shows what the runner did
// without any real sleep. The runners poll once an hour, so only Kick (which their enqueueing
// methods call) and renewals wake them.

// slowRunner starts a runner in the bubble whose engine takes work to estimate a line, or stops
// early when its context ends, and returns it with its store and the task's id, estimation
// started.
func slowRunner(t *testing.T, d testDB, engine *fakeEngine) (*jobs.Runner, *store.Store, string) {
	t.Helper()
	s := d.open(t)
	r := jobs.New(s, engine, discard(), jobs.Config{Poll: time.Hour})
	start(t, r)
	id := newTask(t, s, 0, 1)
	if err := r.EnqueueQuestions(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	synctest.Wait()
	if _, err := r.StartRunForAnswers(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	synctest.Wait() // the runner is now inside the engine call
	return r, s, id
}

// sleepOrCancel waits d or until ctx ends, as an engine waiting for a slow model does.
func sleepOrCancel(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// TestLeaseRenewed checks that a unit longer than its lease keeps the lease, so no other
// instance takes it over, and completes once.
func TestLeaseRenewed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := sqliteDB(t)
		engine := &fakeEngine{estimate: func(ctx context.Context, _ string, _ int) (llm.LineEstimate, error) {
			return goodEstimate(), sleepOrCancel(ctx, 3*time.Minute)
		}}
		_, s, id := slowRunner(t, d, engine)

		for range 4 {
			time.Sleep(jobs.DefaultLease)
			if job, err := s.ClaimJob(t.Context(), "other-instance", jobs.DefaultLease, time.Now()); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("another instance claimed %+v, %v while the unit runs; want ErrNotFound", job, err)
			}
		}
		time.Sleep(time.Minute)
		synctest.Wait()
		if task, _ := s.Task(t.Context(), id); task.Status != store.StatusEstimated {
			t.Errorf("status %q after the slow call, want estimated", task.Status)
		}
		if n := engine.callsOf("L1"); n != 1 {
			t.Errorf("L1 estimated %d times, want once", n)
		}
		if jobs := d.jobs(t, id, store.JobEstimateLine); len(jobs) != 1 || jobs[0].Attempts != 1 || jobs[0].Status != "done" {
			t.Errorf("jobs = %+v, want one done after one attempt", jobs)
		}
	})
}

// TestLeaseLostStopsCall checks that cancelling a run stops a running engine call at the next
// renewal, and that its result is neither stored nor retried.
func TestLeaseLostStopsCall(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := sqliteDB(t)
		var stoppedAt atomic.Int64
		engine := &fakeEngine{estimate: func(ctx context.Context, _ string, _ int) (llm.LineEstimate, error) {
			err := sleepOrCancel(ctx, time.Hour)
			stoppedAt.Store(time.Now().UnixNano())
			return goodEstimate(), err
		}}
		_, s, id := slowRunner(t, d, engine)

		cancelled := time.Now()
		if err := s.CancelRun(t.Context(), id, cancelled); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Minute)
		synctest.Wait()
		if stoppedAt.Load() == 0 {
			t.Fatal("the engine call was not stopped after the run was cancelled")
		}
		if stopped := time.Unix(0, stoppedAt.Load()); stopped.Sub(cancelled) > jobs.DefaultRenew {
			t.Errorf("the call stopped %v after the run was cancelled, want within one renewal (%v)",
				stopped.Sub(cancelled), jobs.DefaultRenew)
		}
		if n := engine.callsOf("L1"); n != 1 {
			t.Errorf("L1 called %d times, want once: a lost job is not retried", n)
		}
		if jobs := d.jobs(t, id, store.JobEstimateLine); len(jobs) != 1 || jobs[0].Status != "cancelled" {
			t.Errorf("jobs = %+v, want one cancelled", jobs)
		}
		if _, lines, _ := s.LatestRun(t.Context(), id); lines[0].Status != store.LineCancelled {
			t.Errorf("line is %q, want cancelled", lines[0].Status)
		}
		if n := d.count(t, `SELECT COUNT(*) FROM model_calls WHERE task_id = ? AND error = 'lease_lost'`, id); n != 1 {
			t.Errorf("%d calls recorded as lease_lost, want 1", n)
		}
		// The stopped call returned no usage, but it was sent: it keeps the estimate of its start.
		want := store.Usage{Calls: 1, InputTokens: 500, CostMicroUSD: 75, Estimated: 1}
		if u, err := s.TaskUsage(t.Context(), id); err != nil || u != want {
			t.Errorf("TaskUsage = %+v, %v; want %+v", u, err, want)
		}
	})
}

// TestKick checks that Kick starts queued work at once, without waiting for the next poll.
func TestKick(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := sqliteDB(t)
		s := d.open(t)
		r := jobs.New(s, &fakeEngine{}, discard(), jobs.Config{Poll: time.Hour})
		start(t, r)
		synctest.Wait() // idle until the next poll, an hour away

		id := newTask(t, s, 2, 1)
		begin := time.Now()
		if err := s.EnqueueQuestions(t.Context(), id, 3, begin); err != nil { // queued behind the runner's back
			t.Fatal(err)
		}
		synctest.Wait()
		if task, _ := s.Task(t.Context(), id); task.Status != store.StatusGeneratingQuestions {
			t.Fatalf("status %q before Kick, want generating_questions: the runner should still be asleep", task.Status)
		}
		r.Kick()
		synctest.Wait()
		if task, _ := s.Task(t.Context(), id); task.Status != store.StatusAwaitingAnswers {
			t.Errorf("status %q after Kick, want awaiting_answers", task.Status)
		}
		if waited := time.Since(begin); waited != 0 {
			t.Errorf("the questions took %v of (fake) time, want none: Kick, not the poll, woke the runner", waited)
		}
	})
}
