package store_test

import (
	"reflect"
	"testing"
	"time"

	"estimator/store"
)

// TestModelCallGroups sums the calls of both windows by operation and status in one query; calls
// older than the longer window are left out.
func TestModelCallGroups(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			for _, c := range []struct {
				op, status string
				tokens     int
				cost       int64
				ago        time.Duration
			}{
				{"questions", store.CallOK, 100, 1_000, time.Hour},
				{"questions", store.CallOK, 200, 2_000, 3 * 24 * time.Hour},
				{"questions", store.CallError, 10, 0, 2 * time.Hour},
				{"chat", store.CallOK, 50, 500, 40 * 24 * time.Hour}, // before both windows
			} {
				call := store.ModelCall{Operation: c.op, Provider: "openai", Model: "m", InputTokens: c.tokens,
					CachedInputTokens: c.tokens / 2, OutputTokens: c.tokens / 10, CostMicroUSD: c.cost, Status: c.status}
				if err := s.RecordModelCall(ctx, call, t0.Add(-c.ago)); err != nil {
					t.Fatal(err)
				}
			}
			got, err := s.ModelCallGroups(ctx, t0.Add(-24*time.Hour), t0.Add(-30*24*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			want := []store.CallGroup{
				{Operation: "questions", Status: store.CallError,
					Recent: store.CallTotals{Calls: 1, PromptTokens: 10, CachedTokens: 5, CompletionTokens: 1},
					Longer: store.CallTotals{Calls: 1, PromptTokens: 10, CachedTokens: 5, CompletionTokens: 1}},
				{Operation: "questions", Status: store.CallOK,
					Recent: store.CallTotals{Calls: 1, PromptTokens: 100, CachedTokens: 50, CompletionTokens: 10, CostMicroUSD: 1_000},
					Longer: store.CallTotals{Calls: 2, PromptTokens: 300, CachedTokens: 150, CompletionTokens: 30, CostMicroUSD: 3_000}},
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("groups\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestTasksByStatusAndSize counts tasks by status and measures a database that holds them.
func TestTasksByStatusAndSize(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			createTask(t, s, newTestTask("A", "X"), t0)
			createTask(t, s, newTestTask("B", "Y"), t0)
			got, err := s.TasksByStatus(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].Tasks != 2 || got[0].Status == "" {
				t.Errorf("tasks by status = %+v, want 2 in the one status of new tasks", got)
			}
			size, err := s.DatabaseSize(ctx)
			if err != nil || size <= 0 {
				t.Errorf("database size = %d (err %v), want more than 0", size, err)
			}
		})
	}
}
