package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/jmoiron/sqlx"
	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// sqliteMaxConns keeps the SQLite pool small. SQLite has one writer at a time and every
// transaction takes the write lock at BEGIN (_txlock=immediate), so more connections would only
// queue on busy_timeout; a few let WAL readers (pages, progress polling) run beside one writer.
const sqliteMaxConns = 4

// openSQLite opens the database file, creating its directory first so that a fresh deployment
// (for example sqlite:///./data/app.db) starts without manual steps.
func openSQLite(ctx context.Context, target Target) (*sqlx.DB, error) {
	if err := os.MkdirAll(filepath.Dir(target.Path), 0o750); err != nil {
		return nil, fmt.Errorf("store: create database directory: %w", err)
	}
	db, err := sqlx.Open("sqlite3", target.DSN)
	if err != nil {
		return nil, fmt.Errorf("store: open database: %w", err)
	}
	db.SetMaxOpenConns(sqliteMaxConns)
	// Idle connections are kept: a new one would re-run the DSN's PRAGMAs and start with a cold
	// page cache.
	db.SetMaxIdleConns(sqliteMaxConns)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("store: ping database %s: %w", target.Path, err)
	}
	return db, nil
}
