package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"estimator/store"
)

func TestEveryRunsAtOnceThenDailyUntilStopped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		start := time.Now()
		var calls []time.Duration
		done := make(chan struct{})
		go func() {
			every(ctx, 24*time.Hour, func(context.Context) { calls = append(calls, time.Since(start)) })
			close(done)
		}()
		time.Sleep(3*24*time.Hour + time.Minute)
		cancel()
		<-done
		if want := []time.Duration{0, 24 * time.Hour, 48 * time.Hour, 72 * time.Hour}; !slices.Equal(calls, want) {
			t.Errorf("calls at %v, want %v", calls, want)
		}
	})
}

// seedRetention creates a migrated database with two tasks created 100 days ago and one created
// today, and returns its path.
func seedRetention(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "app.db")
	st, err := store.Open(t.Context(), path, "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, age := range []int{100, 100, 0} {
		createTestTask(t, st, time.Now().AddDate(0, 0, -age))
	}
	return path
}

// createTestTask stores a task whose title and client must never reach a log.
func createTestTask(t *testing.T, st *store.Store, created time.Time) {
	t.Helper()
	_, err := st.CreateTask(t.Context(), store.NewTask{Title: "Secret title", ClientName: "Secret client",
		Language: "ja", Currency: "JPY", TaxRateBP: 1000, TaxRounding: "down", UnitCostMinor: 40000, QuestionCount: 3,
		Lines: []store.NewLine{{Name: "A"}, {Name: "B"}}}, created)
	if err != nil {
		t.Fatal(err)
	}
}

// deletions opens the database at path and returns its tasks and its deletion records.
func deletions(t *testing.T, path string) (tasks int, records []store.TaskDeletion) {
	t.Helper()
	st, err := store.Open(t.Context(), path, "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, total, err := st.ListTasks(t.Context(), "", 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	records, err = st.TaskDeletions(t.Context(), 10)
	if err != nil {
		t.Fatal(err)
	}
	return total, records
}

func TestCleanupCommand(t *testing.T) {
	t.Chdir(t.TempDir())
	path := seedRetention(t)
	env := []string{"DATABASE_URL=" + path, "LOG_FORMAT=text"}

	code, _, errOut := runCmd(t, env, "cleanup")
	if tasks, records := deletions(t, path); code != 0 || tasks != 3 || len(records) != 0 {
		t.Errorf("cleanup with DATA_RETENTION_DAYS unset: exit %d, %d tasks, %d records; want 0, 3, 0\n%s", code, tasks, len(records), errOut)
	}

	code, _, errOut = runCmd(t, append(env, "DATA_RETENTION_DAYS=30"), "cleanup")
	tasks, records := deletions(t, path)
	if code != 0 || tasks != 1 || len(records) != 2 {
		t.Fatalf("cleanup: exit %d, %d tasks, %d records; want 0, 1, 2\n%s", code, tasks, len(records), errOut)
	}
	for _, r := range records {
		if r.By != store.DeletedByRetention || r.LineCount != 2 || !strings.Contains(r.Reason, "30 days") {
			t.Errorf("audit record %+v", r)
		}
	}
	if !strings.Contains(errOut, "count=2") || strings.Contains(errOut, "Secret") {
		t.Errorf("cleanup log should count the deletions and name no task:\n%s", errOut)
	}
}

func TestAutoCleanup(t *testing.T) {
	path := seedRetention(t)
	st, err := store.Open(t.Context(), path, "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	if off := startAutoCleanup(ctx, Config{RetentionDays: 30}, st, log); !closed(off) {
		t.Error("the cleanup started though AUTO_CLEANUP_ENABLED is off")
	}
	done := startAutoCleanup(ctx, Config{RetentionDays: 30, AutoCleanup: true}, st, log)
	// The first run is at once.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if _, records := deletions(t, path); len(records) == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the automatic cleanup did not delete the old tasks")
		}
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the automatic cleanup did not stop with the server")
	}
}

func closed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}
