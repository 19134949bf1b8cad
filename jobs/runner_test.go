package jobs_test

import (
	"context"
	"fmt"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"estimator/jobs"
	"estimator/llm"
	"estimator/store"
)

// fast is a configuration that retries without noticeable waits.
func fast() jobs.Config {
	return jobs.Config{Poll: 10 * time.Millisecond, Backoff: time.Millisecond}
}

// noJobsLeft fails the test when any job is still queued or running, even with an expired lease.
func noJobsLeft(t *testing.T, d testDB) {
	t.Helper()
	if n := d.count(t, `SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running')`); n != 0 {
		t.Errorf("%d jobs still queued or running", n)
	}
}

func TestRunnerEstimatesTask(t *testing.T) {
	for _, d := range testDBs(t) {
		t.Run(d.dialect, func(t *testing.T) {
			ctx := t.Context()
			s := d.open(t)
			engine := &fakeEngine{}
			r := jobs.New(s, engine, discard(), fast())
			start(t, r)

			id := newTask(t, s, 3, 5)
			if err := r.EnqueueQuestions(ctx, id); err != nil {
				t.Fatal(err)
			}
			waitStatus(t, s, id, store.StatusAwaitingAnswers)
			qs, err := s.Questions(ctx, id)
			if err != nil || len(qs) != 3 || qs[0].Text != "Question 1?" {
				t.Fatalf("Questions = %+v, %v; want 3", qs, err)
			}
			if err := s.SaveAnswers(ctx, id, []string{"yes", "", "web only"}, time.Now()); err != nil {
				t.Fatal(err)
			}
			if _, err := r.StartRunForAnswers(ctx, id); err != nil {
				t.Fatal(err)
			}
			waitStatus(t, s, id, store.StatusEstimated)

			run, lines, err := s.LatestRun(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if run.Status != store.RunFinished || len(lines) != 5 {
				t.Fatalf("run %+v with %d lines, want finished with 5", run, len(lines))
			}
			want := goodEstimate()
			for _, l := range lines {
				if l.Status != store.LineDone || l.Phases != want.Phases || l.Source != "ai" || l.Model != fakeModel {
					t.Errorf("line %d = %+v", l.Position, l)
				}
				if n := engine.callsOf(l.Name); n != 1 {
					t.Errorf("line %s estimated %d times, want once", l.Name, n)
				}
			}
			wantAnswers := []llm.QA{
				{Question: "Question 1?", Rationale: "it changes the effort", Answer: "yes"},
				{Question: "Question 2?", Rationale: "it changes the effort", Answer: ""},
				{Question: "Question 3?", Rationale: "it changes the effort", Answer: "web only"},
			}
			if !reflect.DeepEqual(engine.answers, wantAnswers) {
				t.Errorf("the engine saw answers %+v, want %+v", engine.answers, wantAnswers)
			}
			revs, err := s.Revisions(ctx, id)
			if err != nil || len(revs) != 1 || revs[0].Reason != store.RevisionInitial {
				t.Fatalf("Revisions = %+v, %v; want one initial revision", revs, err)
			}
			_, revLines, err := s.LatestRevision(ctx, id)
			if err != nil || len(revLines) != 5 {
				t.Errorf("revision has %d lines (%v), want 5", len(revLines), err)
			}
			for _, l := range revLines {
				if !reflect.DeepEqual(l.Assumptions, want.Assumptions) || !reflect.DeepEqual(l.Risks, want.Risks) {
					t.Errorf("revision line %d = %+v", l.Position, l)
				}
			}
			usage, err := s.TaskUsage(ctx, id)
			wantUsage := store.Usage{Calls: 6, InputTokens: 6000, OutputTokens: 1200, CostMicroUSD: 6 * 270}
			if err != nil || usage != wantUsage {
				t.Errorf("TaskUsage = %+v, %v; want %+v", usage, err, wantUsage)
			}
			noJobsLeft(t, d)
		})
	}
}

func TestRunnerRetriesFailedAttempt(t *testing.T) {
	d := sqliteDB(t)
	ctx := t.Context()
	s := d.open(t)
	engine := &fakeEngine{estimate: func(_ context.Context, line string, call int) (llm.LineEstimate, error) {
		if line == "L2" && call == 1 {
			return llm.LineEstimate{}, errEngine
		}
		return goodEstimate(), nil
	}}
	r := jobs.New(s, engine, discard(), fast())
	start(t, r)
	id := newTask(t, s, 0, 3)
	if err := r.EnqueueQuestions(ctx, id); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, s, id, store.StatusAwaitingAnswers)
	if _, err := r.StartRunForAnswers(ctx, id); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, s, id, store.StatusEstimated)

	if n := engine.callsOf("L2"); n != 2 {
		t.Errorf("L2 estimated %d times, want 2", n)
	}
	for _, j := range d.jobs(t, id, store.JobEstimateLine) {
		wantAttempts := 1
		if *j.TaskLineID == lineID(t, s, id, 2) {
			wantAttempts = 2
		}
		if j.Status != "done" || j.Attempts != wantAttempts {
			t.Errorf("job of line %d: %s after %d attempts, want done after %d", *j.TaskLineID, j.Status, j.Attempts, wantAttempts)
		}
	}
	if n := d.count(t, `SELECT COUNT(*) FROM model_calls WHERE task_id = ? AND status = 'error' AND error = 'error'`, id); n != 1 {
		t.Errorf("%d failed model calls recorded, want 1", n)
	}
	if u, _ := s.TaskUsage(ctx, id); u.Calls != 4 {
		t.Errorf("%d model calls, want 4 (the questions cost none: the task asks for none)", u.Calls)
	}
	noJobsLeft(t, d)
}

// lineID returns the id of the task's line at position.
func lineID(t *testing.T, s *store.Store, taskID string, position int) int64 {
	t.Helper()
	lines, err := s.TaskLines(t.Context(), taskID)
	if err != nil {
		t.Fatal(err)
	}
	return lines[position-1].ID
}

func TestRunnerGivesUp(t *testing.T) {
	d := sqliteDB(t)
	ctx := t.Context()
	s := d.open(t)
	var healed atomic.Bool
	engine := &fakeEngine{estimate: func(_ context.Context, line string, _ int) (llm.LineEstimate, error) {
		switch {
		case healed.Load():
		case line == "L1":
			return llm.LineEstimate{}, errEngine
		case line == "L3":
			return llm.LineEstimate{}, &llm.Error{Category: llm.KindRejected, Status: 400, Message: "content policy"}
		}
		return goodEstimate(), nil
	}}
	r := jobs.New(s, engine, discard(), fast())
	start(t, r)
	id := newTask(t, s, 0, 3)
	if err := r.EnqueueQuestions(ctx, id); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, s, id, store.StatusAwaitingAnswers)
	if _, err := r.StartRunForAnswers(ctx, id); err != nil {
		t.Fatal(err)
	}
	task := waitStatus(t, s, id, store.StatusFailed)
	if task.ErrorMessage != store.CodeLinesFailed {
		t.Errorf("task error %q, want %q", task.ErrorMessage, store.CodeLinesFailed)
	}
	_, lines, err := s.LatestRun(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	wantErrors := []string{store.CodeEstimateFailed, "", llm.KindRejected}
	for i, l := range lines {
		wantStatus := store.LineFailed
		if i == 1 {
			wantStatus = store.LineDone
		}
		if l.Status != wantStatus || l.Error != wantErrors[i] {
			t.Errorf("line %d: %s %q, want %s %q", i+1, l.Status, l.Error, wantStatus, wantErrors[i])
		}
		if l.Status == store.LineFailed && (l.Phases != [5]int64{} || l.Source != "") {
			t.Errorf("failed line %d carries numbers: %+v", i+1, l)
		}
	}
	for _, name := range []string{"L1", "L3"} {
		if n := engine.callsOf(name); n != jobs.DefaultMaxAttempts {
			t.Errorf("%s tried %d times, want %d", name, n, jobs.DefaultMaxAttempts)
		}
	}
	if n := d.count(t, `SELECT COUNT(*) FROM jobs WHERE task_id = ? AND status = 'failed' AND attempts = ? AND last_error <> ''`,
		id, jobs.DefaultMaxAttempts); n != 2 {
		t.Errorf("%d jobs failed after %d attempts with a reason, want 2", n, jobs.DefaultMaxAttempts)
	}
	if n := d.count(t, `SELECT COUNT(*) FROM revisions WHERE task_id = ?`, id); n != 0 {
		t.Errorf("%d revisions, want none while lines are failed", n)
	}

	// The provider recovers and the user retries every failed line.
	healed.Store(true)
	if n, err := r.RetryLines(ctx, id, nil, false); err != nil || n != 2 {
		t.Fatalf("RetryLines = %d, %v; want 2", n, err)
	}
	waitStatus(t, s, id, store.StatusEstimated)
	if _, revLines, err := s.LatestRevision(ctx, id); err != nil || len(revLines) != 3 {
		t.Errorf("revision has %d lines (%v), want 3", len(revLines), err)
	}
	noJobsLeft(t, d)
}

func TestRunnerQuestionsFail(t *testing.T) {
	d := sqliteDB(t)
	s := d.open(t)
	engine := &fakeEngine{questions: func(context.Context, int) ([]llm.Question, error) {
		return nil, errEngine
	}}
	r := jobs.New(s, engine, discard(), fast())
	start(t, r)
	id := newTask(t, s, 2, 1)
	if err := r.EnqueueQuestions(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	task := waitStatus(t, s, id, store.StatusFailed)
	if task.ErrorMessage != store.CodeQuestionsFailed {
		t.Errorf("task error %q, want %q", task.ErrorMessage, store.CodeQuestionsFailed)
	}
	if n := engine.callsOf("questions"); n != jobs.DefaultMaxAttempts {
		t.Errorf("questions asked %d times, want %d", n, jobs.DefaultMaxAttempts)
	}
	noJobsLeft(t, d)
}

func TestRunnerInvalidEstimate(t *testing.T) {
	d := sqliteDB(t)
	s := d.open(t)
	engine := &fakeEngine{estimate: func(_ context.Context, line string, call int) (llm.LineEstimate, error) {
		est := goodEstimate()
		switch {
		case line == "L1" && call == 1:
			est.Phases = [5]int64{} // no effort: nothing to store, try again
		case line == "L2":
			est.Optimistic, est.Pessimistic = 200, 10 // repaired: the range must contain 6.0
			est.Confidence = "very high"
		}
		return est, nil
	}}
	r := jobs.New(s, engine, discard(), fast())
	start(t, r)
	id := newTask(t, s, 0, 2)
	if err := r.EnqueueQuestions(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, s, id, store.StatusAwaitingAnswers)
	if _, err := r.StartRunForAnswers(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, s, id, store.StatusEstimated)
	_, lines, err := s.LatestRun(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if engine.callsOf("L1") != 2 || lines[0].Phases != goodEstimate().Phases {
		t.Errorf("L1: %d calls, phases %v; want 2 calls and the second answer", engine.callsOf("L1"), lines[0].Phases)
	}
	if l := lines[1]; l.Optimistic != 10 || l.Pessimistic != 200 || l.Confidence != "" {
		t.Errorf("L2 = %d..%d %q, want the range repaired to 10..200 and the unknown confidence dropped",
			l.Optimistic, l.Pessimistic, l.Confidence)
	}
	if n := d.count(t, `SELECT COUNT(*) FROM model_calls WHERE task_id = ? AND error = 'invalid_result'`, id); n != 1 {
		t.Errorf("%d calls recorded as invalid_result, want 1", n)
	}
}

// TestRunnerCrashResume stops a Runner while every unit is inside an engine call that never
// returns, as kill -9 would, then checks that a second Runner takes every unit over once the
// leases have expired and completes each exactly once. The interrupted calls were sent, so they
// count from their start, with their estimate, and the second Runner labels them lost.
func TestRunnerCrashResume(t *testing.T) {
	for _, d := range testDBs(t) {
		t.Run(d.dialect, func(t *testing.T) {
			ctx := t.Context()
			const lines = 5
			never := make(chan struct{}) // closed only when the test ends
			t.Cleanup(func() { close(never) })
			entered := make(chan string, lines)
			stuck := &fakeEngine{estimate: func(_ context.Context, line string, _ int) (llm.LineEstimate, error) {
				entered <- line
				<-never // ignores cancellation, like a hung connection
				return goodEstimate(), nil
			}}
			first := jobs.New(d.open(t), stuck, discard(), fast())
			stopFirst := start(t, first)
			s := d.open(t)
			id := newTask(t, s, 0, lines)
			if err := first.EnqueueQuestions(ctx, id); err != nil {
				t.Fatal(err)
			}
			waitStatus(t, s, id, store.StatusAwaitingAnswers)
			if _, err := first.StartRunForAnswers(ctx, id); err != nil {
				t.Fatal(err)
			}
			for range lines {
				select {
				case <-entered:
				case <-time.After(10 * time.Second):
					t.Fatal("the first runner did not start every line")
				}
			}
			stopFirst() // fails the test unless Run returns promptly despite the stuck calls

			crashed := d.jobs(t, id, store.JobEstimateLine)
			for _, j := range crashed {
				if j.Status != "running" || j.Attempts != 1 || j.LastError != "" {
					t.Errorf("after the crash a job is %s with %d attempts (%q), want running with 1", j.Status, j.Attempts, j.LastError)
				}
			}
			if n := d.count(t, `SELECT COUNT(*) FROM model_calls WHERE task_id = ? AND status = 'in_flight'`, id); n != lines {
				t.Errorf("%d calls in flight after the crash, want %d", n, lines)
			}
			// 75 micro-USD each, estimated from the prompt: what was sent is counted already.
			want := store.Usage{Calls: lines, InputTokens: lines * 500, CostMicroUSD: lines * 75, Estimated: lines}
			if u, err := s.TaskUsage(ctx, id); err != nil || u != want {
				t.Errorf("TaskUsage after the crash = %+v, %v; want %+v", u, err, want)
			}

			// The second instance starts later: after the first one's 30 s leases have expired.
			working := &fakeEngine{}
			cfg := fast()
			cfg.Now = func() time.Time { return time.Now().Add(jobs.DefaultLease + 5*time.Second) }
			second := jobs.New(d.open(t), working, discard(), cfg)
			start(t, second)
			waitStatus(t, s, id, store.StatusEstimated)

			for i := range lines {
				if n := working.callsOf(fmt.Sprintf("L%d", i+1)); n != 1 {
					t.Errorf("L%d estimated %d times after the crash, want once", i+1, n)
				}
			}
			for _, j := range d.jobs(t, id, store.JobEstimateLine) {
				if j.Status != "done" || j.Attempts != 2 || j.Owner == crashed[0].Owner {
					t.Errorf("job of line %d: %s after %d attempts by %s, want done after 2 by the second runner",
						*j.TaskLineID, j.Status, j.Attempts, j.Owner)
				}
			}
			if n := d.count(t, `SELECT COUNT(*) FROM line_estimates WHERE status = 'done'`); n != lines {
				t.Errorf("%d done line estimates, want %d", n, lines)
			}
			if n := d.count(t, `SELECT COUNT(*) FROM revision_lines`); n != lines {
				t.Errorf("%d revision lines, want %d: one revision", n, lines)
			}
			if n := d.count(t, `SELECT COUNT(*) FROM model_calls WHERE task_id = ? AND status = 'ok'`, id); n != lines {
				t.Errorf("%d model calls, want %d", n, lines)
			}
			if n := d.count(t, `SELECT COUNT(*) FROM model_calls WHERE task_id = ? AND status = 'lost'`, id); n != lines {
				t.Errorf("%d lost calls, want %d: the second runner labels the first one's before claiming", n, lines)
			}
			want = store.Usage{Calls: 2 * lines, InputTokens: lines * (500 + 1000), OutputTokens: lines * 200,
				CostMicroUSD: lines * (75 + 270), Estimated: lines}
			if u, err := s.TaskUsage(ctx, id); err != nil || u != want {
				t.Errorf("TaskUsage = %+v, %v; want %+v, the lost calls included", u, err, want)
			}
			noJobsLeft(t, d)
		})
	}
}

// TestRunnerCrashOnLastAttempt checks that a unit whose last allowed attempt was interrupted by a
// crash is failed by the next runner rather than tried again or left running.
func TestRunnerCrashOnLastAttempt(t *testing.T) {
	d := sqliteDB(t)
	never := make(chan struct{})
	t.Cleanup(func() { close(never) })
	entered := make(chan string, 1)
	stuck := &fakeEngine{estimate: func(context.Context, string, int) (llm.LineEstimate, error) {
		entered <- "L1"
		<-never
		return goodEstimate(), nil
	}}
	cfg := fast()
	cfg.MaxAttempts = 1
	first := jobs.New(d.open(t), stuck, discard(), cfg)
	stopFirst := start(t, first)
	s := d.open(t)
	id := newTask(t, s, 0, 1)
	if err := first.EnqueueQuestions(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, s, id, store.StatusAwaitingAnswers)
	if _, err := first.StartRunForAnswers(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	<-entered
	stopFirst()

	working := &fakeEngine{}
	cfg.Now = func() time.Time { return time.Now().Add(time.Minute) }
	start(t, jobs.New(d.open(t), working, discard(), cfg))
	task := waitStatus(t, s, id, store.StatusFailed)
	if task.ErrorMessage != store.CodeLinesFailed || working.callsOf("L1") != 0 {
		t.Errorf("task error %q after %d calls; want %q without a call", task.ErrorMessage, working.callsOf("L1"), store.CodeLinesFailed)
	}
	if j := d.jobs(t, id, store.JobEstimateLine); len(j) != 1 || j[0].Status != "failed" || j[0].Attempts != 2 || j[0].LastError == "" {
		t.Errorf("jobs = %+v, want one failed job with a reason", j)
	}
	noJobsLeft(t, d)
}

// TestRunnersShareWork runs two instances, each with its own connection pool, on one database
// and checks that every line is estimated exactly once between them.
func TestRunnersShareWork(t *testing.T) {
	for _, d := range testDBs(t) {
		t.Run(d.dialect, func(t *testing.T) {
			const lines = 24
			engine := &fakeEngine{estimate: func(context.Context, string, int) (llm.LineEstimate, error) {
				time.Sleep(2 * time.Millisecond)
				return goodEstimate(), nil
			}}
			cfg := fast()
			cfg.Workers = 4
			a := jobs.New(d.open(t), engine, discard(), cfg)
			b := jobs.New(d.open(t), engine, discard(), cfg)
			start(t, a)
			start(t, b)
			s := d.open(t)
			id := newTask(t, s, 0, lines)
			if err := a.EnqueueQuestions(t.Context(), id); err != nil {
				t.Fatal(err)
			}
			waitStatus(t, s, id, store.StatusAwaitingAnswers)
			if _, err := b.StartRunForAnswers(t.Context(), id); err != nil {
				t.Fatal(err)
			}
			waitStatus(t, s, id, store.StatusEstimated)
			for i := range lines {
				if n := engine.callsOf(fmt.Sprintf("L%d", i+1)); n != 1 {
					t.Errorf("L%d estimated %d times, want once", i+1, n)
				}
			}
			if n := d.count(t, `SELECT COUNT(*) FROM revisions`); n != 1 {
				t.Errorf("%d revisions, want 1", n)
			}
			noJobsLeft(t, d)
		})
	}
}

func TestRunTwice(t *testing.T) {
	r := jobs.New(sqliteDB(t).open(t), &fakeEngine{}, discard(), fast())
	ctx, cancel := context.WithCancel(t.Context())
	errs := make(chan error, 2)
	for range 2 {
		go func() { errs <- r.Run(ctx) }()
	}
	if err := <-errs; err == nil {
		t.Error("a second Run returned nil, want an error: the runner is already running")
	}
	cancel()
	if err := <-errs; err != nil {
		t.Errorf("Run = %v after its context ended, want nil", err)
	}
}
