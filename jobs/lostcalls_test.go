package jobs_test

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"estimator/jobs"
	"estimator/llm"
	"estimator/store"
)

// TestLostCallsLabelledWhileRunning kills one instance during a call while another keeps
// running: the running instance takes the job over once the lease has expired, and labels the
// dead instance's call lost without a restart. The call counts throughout, with its estimate.
func TestLostCallsLabelledWhileRunning(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := sqliteDB(t)
		never := make(chan struct{})
		defer close(never)
		stuck := &fakeEngine{estimate: func(context.Context, string, int) (llm.LineEstimate, error) {
			<-never // ignores cancellation, like a hung connection
			return goodEstimate(), nil
		}}
		// The survivor wakes only to poll, once a minute; Kick (from the enqueueing methods) wakes
		// the dying runner at once, so the dying runner takes the work first.
		s := d.open(t)
		working := &fakeEngine{}
		start(t, jobs.New(d.open(t), working, discard(), jobs.Config{Poll: time.Minute}))
		dying := jobs.New(s, stuck, discard(), jobs.Config{Poll: time.Hour})
		kill := start(t, dying)
		id := newTask(t, s, 0, 1)
		if err := dying.EnqueueQuestions(t.Context(), id); err != nil {
			t.Fatal(err)
		}
		synctest.Wait() // no question asked, so no call: the task awaits its answers
		if _, err := dying.StartRunForAnswers(t.Context(), id); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		if task, _ := s.Task(t.Context(), id); task.Status != store.StatusEstimating {
			t.Fatalf("status %q, want estimating: the dying runner should be inside the call", task.Status)
		}
		kill()

		inFlight := store.Usage{Calls: 1, InputTokens: 500, CostMicroUSD: 75, Estimated: 1}
		if u, err := s.TaskUsage(t.Context(), id); err != nil || u != inFlight {
			t.Errorf("TaskUsage after the kill = %+v, %v; want %+v", u, err, inFlight)
		}
		time.Sleep(3 * jobs.DefaultLease)
		synctest.Wait()
		if task, _ := s.Task(t.Context(), id); task.Status != store.StatusEstimated || stuck.callsOf("L1") != 1 ||
			working.callsOf("L1") != 1 {
			t.Errorf("status %q after %d calls by the dead runner and %d by the survivor; want estimated after one each",
				task.Status, stuck.callsOf("L1"), working.callsOf("L1"))
		}
		if n := d.count(t, `SELECT COUNT(*) FROM model_calls WHERE task_id = ? AND status = 'lost'`, id); n != 1 {
			t.Errorf("%d lost calls, want the dead runner's one", n)
		}
		want := store.Usage{Calls: 2, InputTokens: 500 + 1000, OutputTokens: 200, CostMicroUSD: 75 + 270, Estimated: 1}
		if u, err := s.TaskUsage(t.Context(), id); err != nil || u != want {
			t.Errorf("TaskUsage = %+v, %v; want %+v", u, err, want)
		}
	})
}
