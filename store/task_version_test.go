package store_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"estimator/store"
)

// TestTaskVersionChangesWithEveryWrite: the version of a task changes with each kind of write
// that changes its page, and only that task's version does, except for the issuer, which every
// task's page shows; renewing a job's lease changes nothing.
func TestTaskVersionChangesWithEveryWrite(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := answeredTask(t, s, "Login", "Cart")
			other := estimatedTask(t, s, "Search")
			version := func(task string) int64 {
				t.Helper()
				v, err := s.TaskVersion(ctx, task)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			last, lastOther := version(id), version(other)
			changed := func(what string) {
				t.Helper()
				if v := version(id); v <= last {
					t.Errorf("%s: version %d, was %d", what, v, last)
				} else {
					last = v
				}
				if v := version(other); v != lastOther {
					t.Errorf("%s changed another task's version", what)
				}
			}

			startRun(t, s, id, t0)
			changed("starting a run")
			job, err := s.ClaimJob(ctx, "w", testLease, t0)
			if err != nil {
				t.Fatal(err)
			}
			changed("claiming a job")
			if err := s.RenewLease(ctx, job, testLease, t0.Add(time.Second)); err != nil {
				t.Fatal(err)
			}
			if v := version(id); v != last {
				t.Errorf("renewing a lease changed the version")
			}
			if err := s.CompleteLineJob(ctx, job, lineValues(10), t0); err != nil {
				t.Fatal(err)
			}
			changed("finishing a line")
			completeRun(t, s, id, t0)
			changed("finishing the run (line estimates, revision 1)")
			_, lines := latestRevision(t, s, id)
			createRevision(t, s, id, 1, store.NewRevision{Reason: store.RevisionQuickAction, BaseNumber: 1, DiscountMinor: 1000, Lines: lines}, t0.Add(time.Hour))
			changed("a new revision")
			if err := s.SaveQuote(ctx, id, store.Quote{Delivery: "2026-06"}, t0); err != nil {
				t.Fatal(err)
			}
			changed("saving the quotation's details")
			if _, _, err := s.PostMessage(ctx, id, 2, "cheaper?", true, 1, t0); err != nil {
				t.Fatal(err)
			}
			changed("a chat message")

			if err := s.SaveIssuer(ctx, store.Issuer{Company: "ACME", PaymentTerms: "月末締め翌月末払い", ValidityDays: 30, NumberFormat: "YYYYMM-NNNN"}, t0); err != nil {
				t.Fatal(err)
			}
			if version(id) <= last || version(other) <= lastOther {
				t.Errorf("saving the issuer left a task's version as it was")
			}

			if err := s.DeleteTask(ctx, id, userDeletion()); err != nil {
				t.Fatal(err)
			}
			if _, err := s.TaskVersion(ctx, id); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("version of a deleted task: %v, want ErrNotFound", err)
			}
		})
	}
}

// TestEveryTaskTableKeepsTheVersion: every table that belongs to a task (by task_id, run_id or
// revision_id) has a trigger that keeps the task's version, so a table added later without one
// fails here rather than serving a stale page.
func TestEveryTaskTableKeepsTheVersion(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			owned, triggered := taskTables(t, s), triggeredTables(t, s)
			for _, table := range owned {
				if !slices.Contains(triggered, table) {
					t.Errorf("table %s belongs to a task but changes no task version", table)
				}
			}
			if len(owned) < 10 {
				t.Errorf("found only %v: is the schema query right?", owned)
			}
		})
	}
}

// taskTables lists the tables with a column that leads to a task, task_versions aside.
func taskTables(t *testing.T, s *store.Store) []string {
	t.Helper()
	q := `SELECT DISTINCT table_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND column_name IN ('task_id', 'run_id', 'revision_id') AND table_name <> 'task_versions'`
	if s.Dialect() == "sqlite" {
		q = `SELECT DISTINCT m.name FROM sqlite_master m, pragma_table_info(m.name) c
		WHERE m.type = 'table' AND c.name IN ('task_id', 'run_id', 'revision_id') AND m.name <> 'task_versions'`
	}
	var out []string
	if err := s.DB().SelectContext(t.Context(), &out, q); err != nil {
		t.Fatal(err)
	}
	return out
}

// triggeredTables lists the tables with a trigger.
func triggeredTables(t *testing.T, s *store.Store) []string {
	t.Helper()
	q := `SELECT DISTINCT event_object_table FROM information_schema.triggers WHERE trigger_schema = current_schema()`
	if s.Dialect() == "sqlite" {
		q = `SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger'`
	}
	var out []string
	if err := s.DB().SelectContext(t.Context(), &out, q); err != nil {
		t.Fatal(err)
	}
	return out
}
