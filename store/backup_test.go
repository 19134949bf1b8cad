package store_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"estimator/store"
)

// openMigratedSQLite is a migrated SQLite store in a file of its own.
func openMigratedSQLite(t *testing.T) *store.Store {
	t.Helper()
	s := openSQLite(t)
	if _, err := s.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	return s
}

// writers creates tasks from n goroutines until stop is closed and records, for every task whose
// CreateTask has returned, how many lines it was given.
type writers struct {
	mu        sync.Mutex
	committed map[string]int
	wg        sync.WaitGroup
	stop      chan struct{}
}

func startWriters(t *testing.T, s *store.Store, n int) *writers {
	w := &writers{committed: map[string]int{}, stop: make(chan struct{})}
	for g := range n {
		w.wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-w.stop:
					return
				default:
				}
				lines := make([]string, 1+(g+i)%5)
				for j := range lines {
					lines[j] = fmt.Sprintf("line %d", j)
				}
				id, err := s.CreateTask(context.Background(), newTestTask("T", "C", lines...), time.Now())
				if err != nil {
					t.Error(err)
					return
				}
				w.mu.Lock()
				w.committed[id] = len(lines)
				w.mu.Unlock()
			}
		})
	}
	return w
}

// snapshot returns the tasks committed so far.
func (w *writers) snapshot() map[string]int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return maps.Clone(w.committed)
}

func (w *writers) halt() map[string]int {
	close(w.stop)
	w.wg.Wait()
	return w.snapshot()
}

// TestBackupWhileWriting backs up during 20 concurrent writers, restores the copy into a new file
// and finds it intact, with every task committed before the backup began and each task whole.
func TestBackupWhileWriting(t *testing.T) {
	ctx := t.Context()
	s := openMigratedSQLite(t)
	w := startWriters(t, s, 20)
	for len(w.snapshot()) < 100 && !t.Failed() {
		time.Sleep(10 * time.Millisecond)
	}
	before := w.snapshot()
	backup := filepath.Join(t.TempDir(), "backup.db")
	err := s.Backup(ctx, backup)
	all := w.halt()
	if err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(backup); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("backup file: %v, %v; want mode 0600", info, err)
	}

	restored := filepath.Join(t.TempDir(), "restored", "app.db")
	if err := store.Restore(ctx, backup, restored, false); err != nil {
		t.Fatal(err)
	}
	r, err := store.Open(ctx, restored, "")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var check string
	if err := r.DB().GetContext(ctx, &check, `PRAGMA integrity_check`); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	var rows []struct {
		ID    string `db:"id"`
		Lines int    `db:"lines"`
	}
	if err := r.DB().SelectContext(ctx, &rows, `SELECT t.id, COUNT(l.id) AS lines FROM tasks t
		LEFT JOIN task_lines l ON l.task_id = t.id GROUP BY t.id`); err != nil {
		t.Fatal(err)
	}
	present := map[string]int{}
	for _, row := range rows {
		present[row.ID] = row.Lines
		if want, ok := all[row.ID]; !ok || row.Lines != want {
			t.Errorf("task %s has %d lines in the copy, want %d", row.ID, row.Lines, want)
		}
	}
	for id := range before {
		if _, ok := present[id]; !ok {
			t.Errorf("task %s, committed before the backup, is missing from it", id)
		}
	}
	t.Logf("%d tasks committed before the backup, %d in it, %d in all", len(before), len(present), len(all))
}

func TestBackupRefusesExistingFile(t *testing.T) {
	s := openMigratedSQLite(t)
	path := filepath.Join(t.TempDir(), "b.db")
	if err := os.WriteFile(path, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(t.Context(), path); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Backup over an existing file: %v, want ErrExist", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("left %d files, want only the existing one", len(entries))
	}
}

// backupWithTask returns a backup holding one task.
func backupWithTask(t *testing.T) string {
	t.Helper()
	s := openMigratedSQLite(t)
	createTask(t, s, newTestTask("T", "C"), time.Now())
	path := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(t.Context(), path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRestoreRefusals(t *testing.T) {
	ctx := t.Context()
	good := backupWithTask(t)
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	// Overwrite the pages after the first: the header still says SQLite, the tables are garbage.
	corrupt := append([]byte{}, data...)
	for i := 4096; i < len(corrupt); i++ {
		corrupt[i] = byte(i * 7)
	}
	// Scramble the end of the tasks table's page, where its row is: SQLite opens the file and
	// integrity_check finds the row no longer matches its indexes.
	damagedPage := append([]byte{}, data...)
	var page struct {
		Root int `db:"rootpage"`
		Size int `db:"page_size"`
	}
	{
		s, err := store.Open(ctx, good, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DB().GetContext(ctx, &page, `SELECT rootpage, (SELECT page_size FROM pragma_page_size) AS page_size
			FROM sqlite_master WHERE name = 'tasks'`); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	end := page.Root * page.Size
	for i := end - 40; i < end-8; i++ {
		damagedPage[i] ^= 0x5a
	}
	newer := filepath.Join(dir, "newer.db")
	{
		s, err := store.Open(ctx, good, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Backup(ctx, newer); err != nil {
			t.Fatal(err)
		}
		s.Close()
		n, err := store.Open(ctx, newer, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := n.DB().ExecContext(ctx, `INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, true)`); err != nil {
			t.Fatal(err)
		}
		n.Close()
	}
	foreign := filepath.Join(dir, "foreign.db")
	{
		f, err := store.Open(ctx, foreign, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.DB().ExecContext(ctx, `CREATE TABLE notes (body TEXT)`); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}

	cases := []struct {
		name, src, want string
	}{
		{"NotSQLite", write("text.db", []byte("name,description\nLogin,page\n")), "is not a SQLite database"},
		{"Corrupt", write("corrupt.db", corrupt), "is damaged"},
		{"DamagedPage", write("damaged.db", damagedPage), "is damaged"},
		{"NotEstimator", foreign, "is not an Estimator database"},
		{"NewerSchema", newer, "has schema version 99999, newer than this binary's"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			target := filepath.Join(t.TempDir(), "app.db")
			err := store.Restore(ctx, c.src, target, true)
			t.Log(err)
			if !errors.Is(err, store.ErrRefused) || !containsOneLine(err.Error(), c.want) {
				t.Errorf("Restore(%s) = %v, want a one-line refusal containing %q", c.name, err, c.want)
			}
			if _, err := os.Stat(target); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("a refused restore created the database: %v", err)
			}
			if entries, _ := os.ReadDir(filepath.Dir(target)); len(entries) != 0 {
				t.Errorf("a refused restore left %d files behind", len(entries))
			}
		})
	}
}

func containsOneLine(s, want string) bool {
	return !strings.ContainsRune(s, '\n') && strings.Contains(s, want)
}

func TestRestoreReplacesOnlyWithForce(t *testing.T) {
	ctx := t.Context()
	backup := backupWithTask(t)
	target := filepath.Join(t.TempDir(), "app.db")
	live, err := store.Open(ctx, target, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := live.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	// An empty, migrated database is replaced without --force.
	live.Close()
	if err := store.Restore(ctx, backup, target, false); err != nil {
		t.Fatalf("restore over an empty database: %v", err)
	}
	// Now it holds a task: only --force replaces it, and never while it is open elsewhere.
	err = store.Restore(ctx, backup, target, false)
	if !errors.Is(err, store.ErrRefused) || !containsOneLine(err.Error(), "already holds 1 task; add --force") {
		t.Errorf("restore over data without force: %v", err)
	}
	open, err := store.Open(ctx, target, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := open.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	err = store.Restore(ctx, backup, target, true)
	if !errors.Is(err, store.ErrRefused) || !containsOneLine(err.Error(), "is open in another process") {
		t.Errorf("restore over an open database: %v", err)
	}
	open.Close()
	if err := store.Restore(ctx, backup, target, true); err != nil {
		t.Fatalf("restore with force: %v", err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(target + suffix); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s left beside the restored database: %v", suffix, err)
		}
	}
	if entries, _ := os.ReadDir(filepath.Dir(target)); len(entries) != 1 {
		t.Errorf("%d files beside the restore, want only the database", len(entries))
	}
	// The source must be a closed backup, not a live database.
	if err := store.Restore(ctx, target, target, true); !errors.Is(err, store.ErrRefused) {
		t.Errorf("restoring the database onto itself: %v", err)
	}
}
