package store_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"estimator/store"
)

func TestOpenSQLiteCreatesDirectory(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		url  string
		path string
	}{
		// The characters in the directory names must survive the SQLite URI escaping.
		{"PlainPath", filepath.Join(dir, "my data", "#1?%", "app.db"), filepath.Join(dir, "my data", "#1?%", "app.db")},
		{"AbsoluteURL", "sqlite:///" + filepath.Join(dir, "a", "b", "app.db"), filepath.Join(dir, "a", "b", "app.db")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := store.Open(t.Context(), tt.url, "ignored on SQLite")
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if got := s.Dialect(); got != store.DialectSQLite {
				t.Errorf("Dialect() = %q, want %q", got, store.DialectSQLite)
			}
			if err := s.Ping(t.Context()); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(tt.path); err != nil {
				t.Errorf("database file not created where asked: %v", err)
			}
		})
	}
}

// TestOpenSQLiteSettings checks that the DSN settings reach every pooled connection, not just
// the first one.
func TestOpenSQLiteSettings(t *testing.T) {
	db := openSQLite(t).DB()
	ctx := t.Context()
	const poolSize = 4
	for i := range poolSize {
		// Holding each connection open forces the pool to hand out a new one next time.
		conn, err := db.Connx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		var fk, busy, sync int
		var mode string
		for _, p := range []struct {
			pragma string
			dest   any
		}{{"foreign_keys", &fk}, {"busy_timeout", &busy}, {"synchronous", &sync}, {"journal_mode", &mode}} {
			if err := conn.GetContext(ctx, p.dest, "PRAGMA "+p.pragma); err != nil {
				t.Fatal(err)
			}
		}
		if fk != 1 || busy != 5000 || sync != 1 || mode != "wal" {
			t.Errorf("connection %d: foreign_keys=%d busy_timeout=%d synchronous=%d journal_mode=%s; want 1 5000 1 wal",
				i, fk, busy, sync, mode)
		}
	}
	if got := db.Stats().OpenConnections; got != poolSize {
		t.Errorf("checked %d connections, want %d", got, poolSize)
	}
}

func TestOpenRejects(t *testing.T) {
	if _, err := store.Open(t.Context(), "mysql://u@h/db", ""); err == nil || !strings.Contains(err.Error(), "unsupported scheme") {
		t.Errorf("Open(mysql://…) error = %v, want unsupported scheme", err)
	}
	if _, err := store.Open(t.Context(), "postgres://user@db.example/x", "bad-name"); err == nil || !strings.Contains(err.Error(), "invalid schema name") {
		t.Errorf("Open with schema bad-name: error = %v, want invalid schema name", err)
	}
}
