package main

import (
	"bytes"
	"encoding/json"
	"io"
	"path/filepath"
	"testing"

	"estimator/store"
)

// TestSeed seeds a small database and reads it back through the store: every task is listed, the
// estimated ones with a total, and the report counts what is there.
func TestSeed(t *testing.T) {
	db := filepath.Join(t.TempDir(), "seed.db")
	var out bytes.Buffer
	if err := mainErr(t.Context(), []string{"-db", db, "-tasks", "40", "-json"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	var r report
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("report %q: %v", out.String(), err)
	}
	if r.Tasks != 40 || r.Outcomes[outcomeEstimated] == 0 || r.Lines < 3*40 || !r.From.Before(r.To) {
		t.Errorf("report %+v: want 40 tasks, some estimated, at least 3 lines each", r)
	}
	st, err := store.Open(t.Context(), db, "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tasks, total, err := st.ListTasks(t.Context(), "", 50, 0)
	if err != nil {
		t.Fatal(err)
	}
	if total != 40 {
		t.Errorf("listed %d tasks, want 40", total)
	}
	statuses := map[string]int{}
	for _, task := range tasks {
		statuses[task.Status]++
		if (task.TotalMinor != nil) != (task.Status == store.StatusEstimated) {
			t.Errorf("task %s is %s with total %v", task.ID, task.Status, task.TotalMinor)
		}
		if task.LineCount < 3 || task.LineCount > 20 || task.CreatedAt.Before(r.From) || task.CreatedAt.After(r.To) {
			t.Errorf("task %s: %d lines, created %v; want 3 to 20, between %v and %v", task.ID, task.LineCount, task.CreatedAt, r.From, r.To)
		}
	}
	for status, n := range r.Outcomes {
		if statuses[status] != n {
			t.Errorf("%d tasks %s, the report says %d", statuses[status], status, n)
		}
	}
	if err := mainErr(t.Context(), []string{"-db", db, "-tasks", "0"}, io.Discard, io.Discard); err == nil {
		t.Error("-tasks 0: no error")
	}
}
