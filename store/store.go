// Package store persists tasks, estimates, revisions, jobs and settings with sqlx, on SQLite for a
// single instance and on PostgreSQL when several instances share one database. SQL is written once
// with "?" placeholders and rebound per driver; the schema lives in embedded goose migrations.
package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// openTimeout bounds connecting, pinging and preparing the schema in Open, so a wrong host or a
// locked database file fails startup quickly instead of hanging.
const openTimeout = 5 * time.Second

// Store is the application's database. It is safe for concurrent use.
type Store struct {
	db      *sqlx.DB
	dialect string
	schema  string // PostgreSQL schema chosen with DB_SCHEMA; empty for SQLite or the default search_path
}

// Open connects to databaseURL (see ParseURL) and checks the connection. For PostgreSQL, a
// non-empty schema is created when missing and becomes the search_path of every pooled connection;
// SQLite has no schemas, so schema is ignored there. Open does not migrate: call Migrate.
func Open(ctx context.Context, databaseURL, schema string) (*Store, error) {
	target, err := ParseURL(databaseURL)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, openTimeout)
	defer cancel()
	if target.Dialect == DialectSQLite {
		db, err := openSQLite(ctx, target)
		if err != nil {
			return nil, err
		}
		return &Store{db: db, dialect: DialectSQLite}, nil
	}
	db, err := openPostgres(ctx, target, schema)
	if err != nil {
		return nil, err
	}
	return &Store{db: db, dialect: DialectPostgres, schema: schema}, nil
}

// Close closes every pooled connection.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("store: close database: %w", err)
	}
	return nil
}

// Ping checks that the database answers; the health endpoint uses it.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping database: %w", err)
	}
	return nil
}

// Dialect returns DialectSQLite or DialectPostgres, for the rare query that differs by engine.
func (s *Store) Dialect() string {
	return s.dialect
}
