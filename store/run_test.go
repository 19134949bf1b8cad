package store_test

import (
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"estimator/store"
)

// lineValues returns a valid estimate whose implementation phase is impl tenths.
func lineValues(impl int64) store.LineValues {
	return store.LineValues{
		Phases:      [5]int64{5, 10, impl, 10, 5},
		Optimistic:  impl + 20,
		Pessimistic: impl + 60,
		Confidence:  "medium",
		Reasoning:   "similar to past work",
		Assumptions: []string{"existing design system", "日本語 UI"},
		Risks:       nil,
		Source:      "ai",
		Model:       "gpt-4o-mini",
	}
}

// latestRun returns the task's latest run and its lines.
func latestRun(t *testing.T, s *store.Store, taskID string) (store.Run, []store.LineResult) {
	t.Helper()
	run, lines, err := s.LatestRun(t.Context(), taskID)
	if err != nil {
		t.Fatal(err)
	}
	return run, lines
}

// lineStatuses returns the statuses of lines in order.
func lineStatuses(lines []store.LineResult) []string {
	statuses := make([]string, len(lines))
	for i, l := range lines {
		statuses[i] = l.Status
	}
	return statuses
}

// claimLine claims jobs until it holds the one for the line at position (1-based) of the latest
// run, putting the others back, and returns it.
func claimLine(t *testing.T, s *store.Store, taskID string, position int, now time.Time) store.Job {
	t.Helper()
	_, lines := latestRun(t, s, taskID)
	want := lines[position-1].LineID
	var others []store.Job
	defer func() {
		for _, j := range others {
			if err := s.RetryJob(t.Context(), j, "put back by the test", now, now); err != nil {
				t.Fatal(err)
			}
		}
	}()
	for {
		job := claim(t, s, "w1", now)
		if job.TaskLineID == want {
			return job
		}
		others = append(others, job)
	}
}

// rowCount counts the rows of table matching where, written with "?".
func rowCount(t *testing.T, s *store.Store, table, where string, args ...any) int {
	t.Helper()
	var n int
	q := s.DB().Rebind(`SELECT COUNT(*) FROM ` + table + ` WHERE ` + where)
	if err := s.DB().GetContext(t.Context(), &n, q, args...); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestStartRunTwice(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := answeredTask(t, s, "Login", "Cart", "Checkout")
			first := startRun(t, s, id, t0)
			if first.Number != 1 || first.Status != store.RunRunning || first.TaskID != id ||
				!first.StartedAt.Equal(t0) || first.FinishedAt != nil {
				t.Errorf("first run = %+v", first)
			}
			if status, _ := taskStatus(t, s, id); status != store.StatusEstimating {
				t.Errorf("status %q, want estimating", status)
			}
			done := claimLine(t, s, id, 1, t0)
			if err := s.CompleteLineJob(ctx, done, lineValues(30), t0); err != nil {
				t.Fatal(err)
			}
			busy := claimLine(t, s, id, 2, t0) // a worker is estimating line 2

			later := t0.Add(time.Minute)
			second := startRun(t, s, id, later)
			if second.Number != 2 || second.ID == first.ID {
				t.Errorf("second run = %+v", second)
			}
			run, lines := latestRun(t, s, id)
			if run.ID != second.ID || len(lines) != 3 {
				t.Fatalf("LatestRun = %+v with %d lines; want run 2 with 3 lines", run, len(lines))
			}
			if got := lineStatuses(lines); !reflect.DeepEqual(got, []string{"pending", "pending", "pending"}) {
				t.Errorf("run 2 lines %v, want all pending", got)
			}
			if n := rowCount(t, s, "line_estimates", "run_id = ?", second.ID); n != 3 {
				t.Errorf("run 2 has %d line rows, want 3", n)
			}
			var firstStatus string
			var finished *time.Time
			if err := s.DB().QueryRowContext(ctx, s.DB().Rebind(`SELECT status, finished_at FROM estimate_runs WHERE id = ?`),
				first.ID).Scan(&firstStatus, &finished); err != nil {
				t.Fatal(err)
			}
			if firstStatus != store.RunCancelled || finished == nil || !finished.Equal(later) {
				t.Errorf("run 1 is %q finished at %v, want cancelled at %v", firstStatus, finished, later)
			}
			// Run 1 keeps its done line; its pending lines and unfinished jobs are cancelled.
			for status, want := range map[string]int{"done": 1, "cancelled": 2, "pending": 0} {
				if n := rowCount(t, s, "line_estimates", "run_id = ? AND status = ?", first.ID, status); n != want {
					t.Errorf("run 1 has %d %s lines, want %d", n, status, want)
				}
			}
			for status, want := range map[string]int{"done": 1, "cancelled": 2, "queued": 0, "running": 0} {
				if n := rowCount(t, s, "jobs", "run_id = ? AND status = ?", first.ID, status); n != want {
					t.Errorf("run 1 has %d %s jobs, want %d", n, status, want)
				}
			}
			if n := rowCount(t, s, "jobs", "run_id = ? AND status = 'queued'", second.ID); n != 3 {
				t.Errorf("run 2 has %d queued jobs, want 3", n)
			}
			// The worker on run 1's line 2 loses its claim and cannot write into either run.
			if err := s.RenewLease(ctx, busy, testLease, later); !errors.Is(err, store.ErrConflict) {
				t.Errorf("RenewLease of a job of a replaced run: %v, want ErrConflict", err)
			}
			if err := s.CompleteLineJob(ctx, busy, lineValues(40), later); !errors.Is(err, store.ErrConflict) {
				t.Errorf("CompleteLineJob of a replaced run: %v, want ErrConflict", err)
			}
			if _, lines := latestRun(t, s, id); lines[1].Status != store.LinePending {
				t.Errorf("run 2 line 2 is %q, want pending", lines[1].Status)
			}
			if n := rowCount(t, s, "revisions", "task_id = ?", id); n != 0 {
				t.Errorf("%d revisions, want none", n)
			}
		})
	}
}

func TestRunCompletes(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := answeredTask(t, s, "Login", "Cart", "Checkout")
			task, err := s.Task(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			taskLines, err := s.TaskLines(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			run := startRun(t, s, id, t0)
			for i := range 3 {
				job := claim(t, s, "w1", t0)
				if job.RunID != run.ID || job.Kind != store.JobEstimateLine {
					t.Fatalf("claimed %+v", job)
				}
				if status, _ := taskStatus(t, s, id); status != store.StatusEstimating {
					t.Errorf("status %q after %d lines, want estimating", status, i)
				}
				if _, _, err := s.LatestRevision(ctx, id); !errors.Is(err, store.ErrNotFound) {
					t.Errorf("LatestRevision before the run finished: %v, want ErrNotFound", err)
				}
				if err := s.CompleteLineJob(ctx, job, lineValues(int64(10*(i+1))), t0.Add(time.Second)); err != nil {
					t.Fatal(err)
				}
			}
			if status, msg := taskStatus(t, s, id); status != store.StatusEstimated || msg != "" {
				t.Errorf("status %q %q, want estimated", status, msg)
			}
			got, lines := latestRun(t, s, id)
			if got.Status != store.RunFinished || got.FinishedAt == nil || !got.FinishedAt.Equal(t0.Add(time.Second)) {
				t.Errorf("run = %+v, want finished", got)
			}
			// The run's lines come without their notes; the revision's lines below carry them.
			for i, l := range lines {
				want := lineValues(int64(10 * (i + 1)))
				want.Reasoning, want.Assumptions, want.Risks = "", []string{}, []string{}
				if l.Status != store.LineDone || !reflect.DeepEqual(l.LineValues, want) || l.Error != "" ||
					l.LineID != taskLines[i].ID || l.Name != taskLines[i].Name || l.Position != i+1 {
					t.Errorf("line %d = %+v, want done with %+v", i+1, l, want)
				}
			}

			rev, revLines, err := s.LatestRevision(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			wantRev := store.Revision{
				ID: rev.ID, TaskID: id, Number: 1, Reason: store.RevisionInitial, RunID: run.ID, Currency: task.Currency,
				TaxRateBP: task.TaxRateBP, TaxRounding: task.TaxRounding, CreatedAt: t0.Add(time.Second),
			}
			if rev != wantRev {
				t.Errorf("revision = %+v, want %+v", rev, wantRev)
			}
			if len(revLines) != 3 {
				t.Fatalf("revision has %d lines, want 3", len(revLines))
			}
			for i, l := range revLines {
				v := lineValues(int64(10 * (i + 1)))
				want := store.RevisionLine{
					Position: i + 1, LineKey: "line-" + itoa(taskLines[i].ID), Name: taskLines[i].Name,
					Phases: v.Phases, Optimistic: v.Optimistic, Pessimistic: v.Pessimistic,
					UnitCostMinor: task.UnitCostMinor, Confidence: v.Confidence, Reasoning: v.Reasoning,
					Assumptions: v.Assumptions, Risks: []string{}, Source: v.Source, Model: v.Model,
				}
				if !reflect.DeepEqual(l, want) {
					t.Errorf("revision line %d = %+v, want %+v", i+1, l, want)
				}
			}

			// Re-estimating makes revision 2 and keeps revision 1.
			startRun(t, s, id, t0.Add(time.Hour))
			for range 3 {
				if err := s.CompleteLineJob(ctx, claim(t, s, "w1", t0.Add(time.Hour)), lineValues(50), t0.Add(time.Hour)); err != nil {
					t.Fatal(err)
				}
			}
			revs, err := s.Revisions(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(revs) != 2 || revs[0].Number != 2 || revs[1].Number != 1 || revs[1].ID != rev.ID ||
				revs[0].Reason != store.RevisionInitial {
				t.Errorf("Revisions = %+v, want 2 then 1", revs)
			}
			if n := rowCount(t, s, "revision_lines", "revision_id = ?", rev.ID); n != 3 {
				t.Errorf("revision 1 has %d lines after re-estimating, want 3", n)
			}
		})
	}
}

func TestRunFailedLinesAndRetry(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := answeredTask(t, s, "Login", "Cart", "Checkout")
			startRun(t, s, id, t0)
			if err := s.CompleteLineJob(ctx, claimLine(t, s, id, 1, t0), lineValues(10), t0); err != nil {
				t.Fatal(err)
			}
			if err := s.FailJob(ctx, claimLine(t, s, id, 2, t0), "HTTP 500", "", t0); err != nil {
				t.Fatal(err)
			}
			if status, _ := taskStatus(t, s, id); status != store.StatusEstimating {
				t.Errorf("status %q with a line pending, want estimating", status)
			}
			if err := s.FailJob(ctx, claimLine(t, s, id, 3, t0), "llm: rejected (HTTP 400)", "rejected", t0); err != nil {
				t.Fatal(err)
			}
			if status, msg := taskStatus(t, s, id); status != store.StatusFailed || msg != store.CodeLinesFailed {
				t.Errorf("status %q %q, want failed %q", status, msg, store.CodeLinesFailed)
			}
			run, lines := latestRun(t, s, id)
			if run.Status != store.RunRunning {
				t.Errorf("run with failed lines is %q, want running (retryable)", run.Status)
			}
			if got := lineStatuses(lines); !reflect.DeepEqual(got, []string{"done", "failed", "failed"}) {
				t.Errorf("lines %v", got)
			}
			if lines[1].Error != store.CodeEstimateFailed || lines[2].Error != "rejected" ||
				lines[1].Phases != [5]int64{} || lines[1].Source != "" {
				t.Errorf("failed lines = %+v, %+v", lines[1], lines[2])
			}

			// Retry line 2 alone; positions that did not fail are ignored.
			n, err := s.RetryLines(ctx, id, []int{1, 2}, false, 3, t0.Add(time.Minute))
			if err != nil || n != 1 {
				t.Fatalf("RetryLines([1 2]) = %d, %v; want 1", n, err)
			}
			if status, msg := taskStatus(t, s, id); status != store.StatusEstimating || msg != "" {
				t.Errorf("status %q %q after a retry, want estimating", status, msg)
			}
			if _, lines := latestRun(t, s, id); lines[1].Status != store.LinePending || lines[1].Error != "" {
				t.Errorf("retried line = %+v, want pending without error", lines[1])
			}
			job := claim(t, s, "w1", t0.Add(time.Minute))
			if job.TaskLineID != lines[1].LineID || job.Attempts != 1 || job.MaxAttempts != 3 {
				t.Errorf("retry job = %+v, want a fresh job for line 2", job)
			}
			if err := s.CompleteLineJob(ctx, job, lineValues(20), t0.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			if status, _ := taskStatus(t, s, id); status != store.StatusFailed {
				t.Errorf("status %q with line 3 still failed, want failed", status)
			}

			// Retry every failed line.
			if n, err := s.RetryLines(ctx, id, nil, false, 3, t0.Add(2*time.Minute)); err != nil || n != 1 {
				t.Fatalf("RetryLines(all) = %d, %v; want 1", n, err)
			}
			if err := s.CompleteLineJob(ctx, claim(t, s, "w1", t0.Add(2*time.Minute)), lineValues(30), t0.Add(2*time.Minute)); err != nil {
				t.Fatal(err)
			}
			if status, _ := taskStatus(t, s, id); status != store.StatusEstimated {
				t.Errorf("status %q, want estimated", status)
			}
			if _, revLines, err := s.LatestRevision(ctx, id); err != nil || len(revLines) != 3 {
				t.Errorf("revision has %d lines (%v), want 3", len(revLines), err)
			}
			if _, err := s.RetryLines(ctx, id, nil, false, 3, t0); !errors.Is(err, store.ErrConflict) {
				t.Errorf("RetryLines on a finished run: %v, want ErrConflict", err)
			}
		})
	}
}

func TestDropFailedLines(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := answeredTask(t, s, "Login", "Cart", "Checkout")
			startRun(t, s, id, t0)
			if err := s.FailJob(ctx, claimLine(t, s, id, 2, t0), "HTTP 500", "", t0); err != nil {
				t.Fatal(err)
			}
			if err := s.DropFailedLines(ctx, id, t0); !errors.Is(err, store.ErrConflict) {
				t.Errorf("DropFailedLines with lines pending: %v, want ErrConflict", err)
			}
			for _, pos := range []int{1, 3} {
				if err := s.CompleteLineJob(ctx, claimLine(t, s, id, pos, t0), lineValues(10*int64(pos)), t0); err != nil {
					t.Fatal(err)
				}
			}
			if status, _ := taskStatus(t, s, id); status != store.StatusFailed {
				t.Fatalf("status %q, want failed", status)
			}
			if err := s.DropFailedLines(ctx, id, t0.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			if status, msg := taskStatus(t, s, id); status != store.StatusEstimated || msg != "" {
				t.Errorf("status %q %q, want estimated", status, msg)
			}
			run, lines := latestRun(t, s, id)
			if run.Status != store.RunFinished {
				t.Errorf("run is %q, want finished", run.Status)
			}
			_, revLines, err := s.LatestRevision(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(revLines) != 2 || revLines[0].Name != "Login" || revLines[1].Name != "Checkout" ||
				revLines[1].Position != 2 || revLines[1].LineKey != "line-"+itoa(lines[2].LineID) {
				t.Errorf("revision lines = %+v, want Login and Checkout at positions 1 and 2", revLines)
			}
			if err := s.DropFailedLines(ctx, id, t0); !errors.Is(err, store.ErrConflict) {
				t.Errorf("DropFailedLines on a finished run: %v, want ErrConflict", err)
			}
		})
	}
}

func TestCancelRun(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := answeredTask(t, s, "Login", "Cart", "Checkout")
			if err := s.CancelRun(ctx, id, t0); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("CancelRun without a run: %v, want ErrNotFound", err)
			}
			startRun(t, s, id, t0)
			busy := claimLine(t, s, id, 1, t0)
			if err := s.CompleteLineJob(ctx, claimLine(t, s, id, 2, t0), lineValues(10), t0); err != nil {
				t.Fatal(err)
			}
			if err := s.CancelRun(ctx, id, t0.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			run, lines := latestRun(t, s, id)
			if run.Status != store.RunCancelled || run.FinishedAt == nil {
				t.Errorf("run = %+v, want cancelled", run)
			}
			if got := lineStatuses(lines); !reflect.DeepEqual(got, []string{"cancelled", "done", "cancelled"}) {
				t.Errorf("lines %v, want cancelled, done, cancelled", got)
			}
			if status, _ := taskStatus(t, s, id); status != store.StatusAwaitingAnswers {
				t.Errorf("status %q without a revision, want awaiting_answers", status)
			}
			if err := s.CompleteLineJob(ctx, busy, lineValues(10), t0.Add(time.Minute)); !errors.Is(err, store.ErrConflict) {
				t.Errorf("CompleteLineJob after CancelRun: %v, want ErrConflict", err)
			}
			if _, err := s.ClaimJob(ctx, "w2", testLease, t0.Add(time.Hour)); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("ClaimJob after CancelRun: %v, want ErrNotFound", err)
			}
			if err := s.CancelRun(ctx, id, t0); !errors.Is(err, store.ErrConflict) {
				t.Errorf("second CancelRun: %v, want ErrConflict", err)
			}
			if _, err := s.RetryLines(ctx, id, nil, false, 3, t0); !errors.Is(err, store.ErrConflict) {
				t.Errorf("RetryLines on a cancelled run: %v, want ErrConflict", err)
			}

			// With an estimate to show, cancelling a re-estimation goes back to it.
			startRun(t, s, id, t0.Add(time.Hour))
			for range 3 {
				if err := s.CompleteLineJob(ctx, claim(t, s, "w1", t0.Add(time.Hour)), lineValues(10), t0.Add(time.Hour)); err != nil {
					t.Fatal(err)
				}
			}
			startRun(t, s, id, t0.Add(2*time.Hour))
			if err := s.CancelRun(ctx, id, t0.Add(2*time.Hour)); err != nil {
				t.Fatal(err)
			}
			if status, _ := taskStatus(t, s, id); status != store.StatusEstimated {
				t.Errorf("status %q with a revision, want estimated", status)
			}
		})
	}
}

func TestRunRejects(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			missing := "3f1c2b9a-5d4e-4f60-8a7b-9c0d1e2f3a4b"
			if _, err := s.StartRun(ctx, missing, 3, t0); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("StartRun of a missing task: %v, want ErrNotFound", err)
			}
			if _, _, err := s.LatestRun(ctx, missing); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("LatestRun of a missing task: %v, want ErrNotFound", err)
			}
			if _, _, err := s.LatestRun(ctx, "../x"); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("LatestRun of a malformed id: %v, want ErrNotFound", err)
			}
			id := createTask(t, s, newTestTask("Shop", "ACME"), t0)
			if _, err := s.StartRun(ctx, id, 3, t0); !errors.Is(err, store.ErrConflict) {
				t.Errorf("StartRun while questions are generated: %v, want ErrConflict", err)
			}
			if _, _, err := s.LatestRun(ctx, id); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("LatestRun without a run: %v, want ErrNotFound", err)
			}
			id = answeredTask(t, s, "Login")
			if _, err := s.StartRun(ctx, id, 0, t0); err == nil {
				t.Error("StartRun with no attempts succeeded")
			}
		})
	}
}

// TestConcurrentCompletion completes the last lines of runs at the same moment from several
// goroutines: whichever commits last must see the others' lines done and settle the run, exactly
// once. Without the task lock taken first (see lockTask), PostgreSQL's READ COMMITTED lets each
// see the other's line still pending and the run is never settled.
func TestConcurrentCompletion(t *testing.T) {
	const rounds, lines = 20, 3
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			for range rounds {
				id := answeredTask(t, s, lineNames(lines)...)
				startRun(t, s, id, t0)
				var claimed []store.Job
				for range lines {
					claimed = append(claimed, claim(t, s, "w1", t0))
				}
				ready := make(chan struct{})
				var wg sync.WaitGroup
				for _, job := range claimed {
					wg.Go(func() {
						<-ready
						if err := s.CompleteLineJob(ctx, job, lineValues(10), t0); err != nil {
							t.Error(err)
						}
					})
				}
				close(ready)
				wg.Wait()
				if status, _ := taskStatus(t, s, id); status != store.StatusEstimated {
					t.Fatalf("status %q after every line completed, want estimated", status)
				}
				if n := rowCount(t, s, "revisions", "task_id = ?", id); n != 1 {
					t.Fatalf("%d revisions, want 1", n)
				}
			}
		})
	}
}
