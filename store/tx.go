package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// WithTx runs fn in a transaction: it commits when fn returns nil and rolls back when fn returns
// an error or panics. fn's error is returned unchanged so callers can test it with errors.Is.
// Never call the model inside fn: on SQLite the transaction holds the only write lock.
func (s *Store) WithTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin transaction: %w", err)
	}
	// After a successful Commit this Rollback is a no-op; on every other path it releases the
	// transaction, including when fn panics.
	defer func() { _ = tx.Rollback() }()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit transaction: %w", err)
	}
	return nil
}
