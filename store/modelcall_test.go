package store_test

import (
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
					InputTokens: 1200, OutputTokens: 300, CostMicroUSD: 360, Duration: 1500 * time.Millisecond, Status: store.CallOK},
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
			var ms int64
			if err := s.DB().GetContext(ctx, &ms, s.DB().Rebind(`SELECT duration_ms FROM model_calls WHERE job_id = ?`), 7); err != nil || ms != 1500 {
				t.Errorf("duration_ms = %d, %v; want 1500", ms, err)
			}
			if n := rowCount(t, s, "model_calls", "task_id IS NULL AND job_id IS NULL"); n != 1 {
				t.Errorf("%d calls without task and job, want 1", n)
			}
			// Deleting a task keeps the record of what its calls cost, detached.
			if err := s.DeleteTask(ctx, id); err != nil {
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
