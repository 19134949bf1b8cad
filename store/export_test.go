package store

import "github.com/jmoiron/sqlx"

// IsUniqueViolation exposes the driver-error classifier to the external tests.
var IsUniqueViolation = isUniqueViolation

// DB exposes the pool so tests can hold several connections at once.
func (s *Store) DB() *sqlx.DB { return s.db }
