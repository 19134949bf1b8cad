package store

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"
)

// ErrNotFound is returned, wrapped, when a requested row does not exist. Handlers turn it into 404.
var ErrNotFound = errors.New("store: not found")

// ErrConflict is returned, wrapped, when a write collides with existing data, such as a duplicate
// number or a change based on a revision that is no longer the latest.
var ErrConflict = errors.New("store: conflict")

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
