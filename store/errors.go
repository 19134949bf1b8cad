package store

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"
)

// ErrNotFound is returned, wrapped, when a requested row does not exist. Handlers turn it into 404.
var ErrNotFound = errors.New("store: not found")

// ErrConflict is returned, wrapped, when a write collides with existing data or with the state of
// the task, such as a duplicate number, a change while an estimate is running, or a proposal that
// is no longer open.
var ErrConflict = errors.New("store: conflict")

// ErrStale is returned, wrapped, when a change names a base revision that is no longer the task's
// latest: another tab or person changed the estimate first. It is not ErrConflict, so the pages can
// say what happened and offer the current revision.
var ErrStale = errors.New("store: the estimate changed since the base revision")

// pgUniqueViolation is PostgreSQL's SQLSTATE for unique_violation.
const pgUniqueViolation = "23505"

// isUniqueViolation reports whether err is a unique or primary-key violation from either driver,
// so store methods can map it to ErrConflict without knowing which engine is behind the store.
func isUniqueViolation(err error) bool {
	var sqliteErr sqlite3.Error
	if errors.As(err, &sqliteErr) {
		return sqliteErr.ExtendedCode == sqlite3.ErrConstraintUnique ||
			sqliteErr.ExtendedCode == sqlite3.ErrConstraintPrimaryKey
	}
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == pgUniqueViolation
}
