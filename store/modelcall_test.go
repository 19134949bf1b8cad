package store_test

import (
	"errors"
	"strconv"
	"testing"
	"time"

	"estimator/store"
)

// itoa formats an id the way line keys do.
func itoa(id int64) string {
	return strconv.FormatInt(id, 10)
}

func TestModelCalls(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := createTask(t, s, newTestTask("Shop", "ACME"), t0)
			other := createTask(t, s, newTestTask("Other", "ACME"), t0)
			if u, err := s.TaskUsage(ctx, id); err != nil || u != (store.Usage{}) {
				t.Errorf("TaskUsage without calls = %+v, %v; want zero", u, err)
			}
			calls := []store.ModelCall{
				{TaskID: id, JobID: 7, Operation: store.JobQuestions, Provider: "openai", Model: "gpt-4o-mini",
					InputTokens: 1200, CachedInputTokens: 1024, OutputTokens: 300, CostMicroUSD: 360, Duration: 1500 * time.Millisecond, Status: store.CallOK},
				{TaskID: id, JobID: 8, Operation: store.JobEstimateLine, Provider: "openai", Model: "gpt-4o-mini",
					InputTokens: 800, Status: store.CallError, Error: "timeout", Duration: 30 * time.Second},
				{TaskID: id, Operation: store.JobEstimateLine, Provider: "offline", Model: "offline", Status: store.CallOK},
				{TaskID: other, Operation: "chat", Provider: "openai", Model: "gpt-4o-mini", InputTokens: 5, CostMicroUSD: 1, Status: store.CallOK},
				{Operation: "chat", Provider: "openai", Model: "gpt-4o-mini", InputTokens: 5, Status: store.CallOK},
			}
			for _, c := range calls {
				if err := s.RecordModelCall(ctx, c, t0); err != nil {
					t.Fatal(err)
				}
			}
			want := store.Usage{Calls: 3, InputTokens: 2000, OutputTokens: 300, CostMicroUSD: 360}
			if u, err := s.TaskUsage(ctx, id); err != nil || u != want {
				t.Errorf("TaskUsage = %+v, %v; want %+v", u, err, want)
			}
			var row struct {
				DurationMS int64 `db:"duration_ms"`
				Cached     int   `db:"cached_prompt_tokens"`
			}
			q := s.DB().Rebind(`SELECT duration_ms, cached_prompt_tokens FROM model_calls WHERE job_id = ?`)
			if err := s.DB().GetContext(ctx, &row, q, 7); err != nil || row.DurationMS != 1500 || row.Cached != 1024 {
				t.Errorf("duration_ms, cached_prompt_tokens = %+v, %v; want 1500, 1024", row, err)
			}
			if n := rowCount(t, s, "model_calls", "task_id IS NULL AND job_id IS NULL"); n != 1 {
				t.Errorf("%d calls without task and job, want 1", n)
			}
			// Deleting a task keeps the record of what its calls cost, detached.
			if err := s.DeleteTask(ctx, id, userDeletion()); err != nil {
				t.Fatal(err)
			}
			if n := rowCount(t, s, "model_calls", "task_id IS NULL"); n != 4 {
				t.Errorf("%d detached calls after DeleteTask, want 4", n)
			}
			if u, err := s.TaskUsage(ctx, id); err != nil || u != (store.Usage{}) {
				t.Errorf("TaskUsage of a deleted task = %+v, %v; want zero", u, err)
			}
		})
	}
}

// TestModelCallsInFlight follows calls recorded at their start: completed with the provider's
// figures, or left in flight by a stopped worker and then lost, counted with their estimate.
func TestModelCallsInFlight(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := createTask(t, s, newTestTask("Shop", "ACME"), t0)
			if err := s.EnqueueQuestions(ctx, id, 3, t0); err != nil {
				t.Fatal(err)
			}
			job, err := s.ClaimJob(ctx, "worker-1", 30*time.Second, t0)
			if err != nil {
				t.Fatal(err)
			}
			// What the worker knows before sending: the prompt's estimate and its cost.
			started := store.ModelCall{TaskID: id, JobID: job.ID, Operation: store.JobQuestions, Provider: "gpt-4o-mini",
				Model: "gpt-4o-mini", InputTokens: 500, CostMicroUSD: 75}
			status := func(callID int64) (st string, estimated bool) {
				t.Helper()
				var row struct {
					Status    string `db:"status"`
					Estimated bool   `db:"estimated"`
				}
				q := s.DB().Rebind(`SELECT status, estimated FROM model_calls WHERE id = ?`)
				if err := s.DB().GetContext(ctx, &row, q, callID); err != nil {
					t.Fatal(err)
				}
				return row.Status, row.Estimated
			}

			// Started, then completed with the provider's usage.
			done, err := s.StartModelCall(ctx, started, t0)
			if err != nil {
				t.Fatal(err)
			}
			if st, est := status(done); st != store.CallInFlight || !est {
				t.Errorf("started call is %s, estimated %v; want in_flight, estimated", st, est)
			}
			want := store.Usage{Calls: 1, InputTokens: 500, CostMicroUSD: 75, Estimated: 1}
			if u, err := s.TaskUsage(ctx, id); err != nil || u != want {
				t.Errorf("TaskUsage with a call in flight = %+v, %v; want %+v", u, err, want)
			}
			finished := store.ModelCall{Model: "gpt-4o-mini-2024", InputTokens: 1000, CachedInputTokens: 768, OutputTokens: 200,
				CostMicroUSD: 270, Duration: 2 * time.Second, Status: store.CallOK}
			if err := s.FinishModelCall(ctx, done, finished); err != nil {
				t.Fatal(err)
			}
			var cached int
			q := s.DB().Rebind(`SELECT cached_prompt_tokens FROM model_calls WHERE id = ?`)
			if err := s.DB().GetContext(ctx, &cached, q, done); err != nil || cached != 768 {
				t.Errorf("cached_prompt_tokens of the finished call = %d, %v; want 768", cached, err)
			}
			if st, est := status(done); st != store.CallOK || est {
				t.Errorf("finished call is %s, estimated %v; want ok, not estimated", st, est)
			}
			want = store.Usage{Calls: 1, InputTokens: 1000, OutputTokens: 200, CostMicroUSD: 270}
			if u, err := s.TaskUsage(ctx, id); err != nil || u != want {
				t.Errorf("TaskUsage after finishing = %+v, %v; want %+v", u, err, want)
			}
			if err := s.FinishModelCall(ctx, done, finished); !errors.Is(err, store.ErrConflict) {
				t.Errorf("finishing a call twice: %v, want ErrConflict", err)
			}

			// Started, and its worker stops: in flight while the lease lasts, lost after.
			orphan, err := s.StartModelCall(ctx, started, t0.Add(time.Second))
			if err != nil {
				t.Fatal(err)
			}
			if n, err := s.MarkLostModelCalls(ctx, t0.Add(30*time.Second)); err != nil || n != 0 {
				t.Errorf("MarkLostModelCalls within the lease = %d, %v; want 0: the worker may still finish it", n, err)
			}
			if n, err := s.MarkLostModelCalls(ctx, t0.Add(31*time.Second)); err != nil || n != 1 {
				t.Errorf("MarkLostModelCalls after the lease = %d, %v; want 1", n, err)
			}
			if st, est := status(orphan); st != store.CallLost || !est {
				t.Errorf("orphaned call is %s, estimated %v; want lost, estimated", st, est)
			}
			want = store.Usage{Calls: 2, InputTokens: 1500, OutputTokens: 200, CostMicroUSD: 345, Estimated: 1}
			if u, err := s.TaskUsage(ctx, id); err != nil || u != want {
				t.Errorf("TaskUsage with a lost call = %+v, %v; want %+v", u, err, want)
			}
			// Its worker was alive after all, and its call failed without usage: the estimate stays.
			failed := store.ModelCall{Duration: 40 * time.Second, Status: store.CallError, Error: "timeout"}
			if err := s.FinishModelCall(ctx, orphan, failed); err != nil {
				t.Fatal(err)
			}
			if st, est := status(orphan); st != store.CallError || !est {
				t.Errorf("failed call is %s, estimated %v; want error, estimated", st, est)
			}
			if u, err := s.TaskUsage(ctx, id); err != nil || u != want {
				t.Errorf("TaskUsage after the failure = %+v, %v; want %+v unchanged", u, err, want)
			}

			// A call whose job has ended is lost at once.
			if err := s.CompleteQuestionsJob(ctx, job, nil, t0.Add(2*time.Second)); err != nil {
				t.Fatal(err)
			}
			ended, err := s.StartModelCall(ctx, started, t0.Add(3*time.Second))
			if err != nil {
				t.Fatal(err)
			}
			if n, err := s.MarkLostModelCalls(ctx, t0.Add(3*time.Second)); err != nil || n != 1 {
				t.Errorf("MarkLostModelCalls with the job done = %d, %v; want 1", n, err)
			}
			if st, _ := status(ended); st != store.CallLost {
				t.Errorf("call of an ended job is %s, want lost", st)
			}

			if _, err := s.StartModelCall(ctx, store.ModelCall{TaskID: id, Operation: "chat", Model: "m"}, t0); err == nil {
				t.Error("StartModelCall without a job succeeded, want an error")
			}
			if err := s.FinishModelCall(ctx, ended, store.ModelCall{Status: store.CallInFlight}); err == nil {
				t.Error("FinishModelCall with status in_flight succeeded, want an error")
			}
		})
	}
}

// TestModelCallsMigrateDown rolls 00004 back with calls in flight and lost: they are kept as
// failed calls classified lost, which the older schema accepts, and come back as such.
func TestModelCallsMigrateDown(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := createTask(t, s, newTestTask("Shop", "ACME"), t0)
			c := store.ModelCall{TaskID: id, JobID: 42, Operation: store.JobEstimateLine, Provider: "m", Model: "m",
				InputTokens: 10, CostMicroUSD: 2}
			for range 2 {
				if _, err := s.StartModelCall(ctx, c, t0); err != nil {
					t.Fatal(err)
				}
			}
			if n, err := s.MarkLostModelCalls(ctx, t0); err != nil || n != 2 { // job 42 does not exist
				t.Fatalf("MarkLostModelCalls = %d, %v; want 2", n, err)
			}
			if _, err := s.StartModelCall(ctx, c, t0); err != nil {
				t.Fatal(err)
			}
			if err := s.RecordModelCall(ctx, store.ModelCall{TaskID: id, Operation: "chat", Provider: "m", Model: "m",
				InputTokens: 5, Status: store.CallOK}, t0); err != nil {
				t.Fatal(err)
			}
			if err := s.MigrateDownTo(ctx, 3); err != nil {
				t.Fatal(err)
			}
			if n := rowCount(t, s, "model_calls", "status = 'error' AND error = 'lost'"); n != 3 {
				t.Errorf("%d calls kept as error 'lost' after rolling back, want 3", n)
			}
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			want := store.Usage{Calls: 4, InputTokens: 35, CostMicroUSD: 6}
			if u, err := s.TaskUsage(ctx, id); err != nil || u != want {
				t.Errorf("TaskUsage after rolling back and forward = %+v, %v; want %+v", u, err, want)
			}
		})
	}
}
