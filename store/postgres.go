package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/jmoiron/sqlx"
)

// pgMaxConns caps each instance's pool so that several instances stay well below PostgreSQL's
// default max_connections (100). Workers hold a connection only between model calls, never
// during one, so a few connections serve many workers.
const pgMaxConns = 10

const schemaExistsQuery = `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)`

// openPostgres connects through pgx. A non-empty schema is set as search_path in the connection's
// startup parameters, so every pooled connection, including ones opened later, uses it; a one-off
// SET would reach a single connection.
func openPostgres(ctx context.Context, target Target, schema string) (*sqlx.DB, error) {
	if schema != "" && !ValidSchemaName(schema) {
		return nil, fmt.Errorf("store: open database: invalid schema name %q: use letters, digits and underscores, not starting with a digit, at most 63 characters", schema)
	}
	cfg, err := pgx.ParseConfig(target.DSN)
	if err != nil {
		// pgx redacts the password in its parse errors.
		return nil, fmt.Errorf("store: open database: %w", err)
	}
	if schema != "" {
		// Quoted, because search_path would otherwise fold "MySchema" to lower case while
		// CREATE SCHEMA below keeps the case.
		cfg.RuntimeParams["search_path"] = pgx.Identifier{schema}.Sanitize()
	}
	db := sqlx.NewDb(stdlib.OpenDB(*cfg), "pgx")
	db.SetMaxOpenConns(pgMaxConns)
	db.SetMaxIdleConns(pgMaxConns)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("store: ping database: %w", err)
	}
	if schema != "" {
		if err := ensureSchema(ctx, db, schema); err != nil {
			_ = db.Close()
			return nil, err
		}
	}
	return db, nil
}

// ensureSchema creates schema when it does not exist yet. It looks first because PostgreSQL checks
// the CREATE privilege even for CREATE SCHEMA IF NOT EXISTS, and a least-privilege role may use a
// schema prepared by an administrator without being allowed to create one.
func ensureSchema(ctx context.Context, db *sqlx.DB, schema string) error {
	var exists bool
	if err := db.GetContext(ctx, &exists, db.Rebind(schemaExistsQuery), schema); err != nil {
		return fmt.Errorf("store: look up schema: %w", err)
	}
	if exists {
		return nil
	}
	// Two instances starting together can both pass IF NOT EXISTS; the loser then fails on
	// pg_namespace's unique index, which means the schema now exists.
	_, err := db.ExecContext(ctx, "CREATE SCHEMA IF NOT EXISTS "+pgx.Identifier{schema}.Sanitize())
	if err != nil && !isUniqueViolation(err) {
		return fmt.Errorf("store: create schema: %w", err)
	}
	return nil
}
