package store

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// IsUniqueViolation exposes the driver-error classifier to the external tests.
var IsUniqueViolation = isUniqueViolation

// DB exposes the pool so tests can hold several connections at once.
func (s *Store) DB() *sqlx.DB { return s.db }

// MigrateDownTo rolls the schema back to version, as a developer would; production only migrates
// forward.
func (s *Store) MigrateDownTo(ctx context.Context, version int64) error {
	p, err := s.migrationProvider()
	if err != nil {
		return err
	}
	_, err = p.DownTo(ctx, version)
	return err
}

// FillRevisionTotals exposes the filling of totals that migration 00006 left NULL.
func (s *Store) FillRevisionTotals(ctx context.Context) error { return s.fillRevisionTotals(ctx) }

// FillTaskSearch exposes the folding of search text that migration 00007 left empty.
func (s *Store) FillTaskSearch(ctx context.Context) error { return s.fillTaskSearch(ctx) }
