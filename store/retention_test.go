package store_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"estimator/store"
)

// setCreated backdates a task.
func setCreated(t *testing.T, s *store.Store, id string, at time.Time) {
	t.Helper()
	if _, err := s.DB().ExecContext(t.Context(), s.DB().Rebind(`UPDATE tasks SET created_at = ? WHERE id = ?`), at, id); err != nil {
		t.Fatal(err)
	}
}

func TestRetentionDeletesOnlyOlderTasks(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
			cutoff := now.AddDate(0, 0, -90)
			// Every task has the same rows in every table it owns, so what is left is easy to count.
			ages := map[string]time.Time{
				"00000000-0000-4000-8000-000000000001": cutoff.Add(-365 * 24 * time.Hour),
				"00000000-0000-4000-8000-000000000002": cutoff.Add(-time.Second),
				"00000000-0000-4000-8000-000000000003": cutoff, // exactly N days old: kept
				"00000000-0000-4000-8000-000000000004": cutoff.Add(time.Hour),
				"00000000-0000-4000-8000-000000000005": now,
			}
			for id, created := range ages {
				insertTask(t, s, id)
				setCreated(t, s, id, created)
			}
			before := map[string]int{}
			for _, table := range ownedTables {
				before[table] = countRows(t, s, table)
			}

			d := store.Deletion{By: store.DeletedByRetention, Reason: "older than 90 days", At: now}
			n, err := s.DeleteTasksCreatedBefore(ctx, cutoff, d)
			if err != nil || n != 2 {
				t.Fatalf("DeleteTasksCreatedBefore = %d, %v; want 2, nil", n, err)
			}
			for id, created := range ages {
				_, err := s.Task(ctx, id)
				if gone := err != nil; gone != created.Before(cutoff) {
					t.Errorf("task created %s: gone = %v (%v)", created, gone, err)
				}
			}
			for _, table := range ownedTables {
				if got, want := countRows(t, s, table), before[table]/5*3; got != want {
					t.Errorf("%s has %d rows, want the 3 kept tasks' %d", table, got, want)
				}
			}
			if got := countRows(t, s, "model_calls"); got != 5 {
				t.Errorf("%d model calls, want all 5 kept (the deleted tasks' detached)", got)
			}

			records, err := s.TaskDeletions(ctx, 10)
			if err != nil {
				t.Fatal(err)
			}
			var deleted []string
			for _, r := range records {
				deleted = append(deleted, r.TaskID)
				if r.Deletion != d || r.LineCount != 1 || r.TaskStatus != store.StatusEstimated || !r.TaskCreatedAt.Equal(ages[r.TaskID]) {
					t.Errorf("audit record %+v", r)
				}
			}
			slices.Sort(deleted)
			if want := []string{"00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"}; !slices.Equal(deleted, want) {
				t.Errorf("audit records for %v, want %v", deleted, want)
			}

			if n, err := s.DeleteTasksCreatedBefore(ctx, cutoff, d); err != nil || n != 0 {
				t.Errorf("second run = %d, %v; want 0, nil", n, err)
			}
		})
	}
}

// TestRetentionConcurrentRuns is several instances cleaning one database at the same time: every
// task goes once, with one record.
func TestRetentionConcurrentRuns(t *testing.T) {
	const tasks, runs = 30, 3
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
			for range tasks {
				createTask(t, s, newTestTask("Old", "C", "A", "B"), now.AddDate(-1, 0, 0))
			}
			d := store.Deletion{By: store.DeletedByRetention, Reason: "older than 90 days", At: now}
			var wg sync.WaitGroup
			counts := make([]int, runs)
			for i := range runs {
				wg.Go(func() {
					n, err := s.DeleteTasksCreatedBefore(t.Context(), now.AddDate(0, 0, -90), d)
					if err != nil {
						t.Error(err)
					}
					counts[i] = n
				})
			}
			wg.Wait()
			total := 0
			for _, n := range counts {
				total += n
			}
			if total != tasks || countRows(t, s, "tasks") != 0 || countRows(t, s, "task_deletions") != tasks {
				t.Errorf("runs deleted %v (total %d), %d tasks left, %d records; want %d, 0, %d",
					counts, total, countRows(t, s, "tasks"), countRows(t, s, "task_deletions"), tasks, tasks)
			}
		})
	}
}
