package store

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
)

// Dialect names, also the names of the migration directories.
const (
	DialectSQLite   = "sqlite"
	DialectPostgres = "postgres"
)

// expectedURL ends every ParseURL error so that a bad DATABASE_URL tells the operator what to write.
const expectedURL = "expected sqlite:///relative/path.db, sqlite:////absolute/path.db, " +
	"a file path such as ./data/app.db, or postgres://user@host:5432/db"

// sqliteParams go into the DSN rather than through PRAGMA statements because database/sql pools
// connections: a PRAGMA run once reaches one connection, DSN parameters reach every connection.
// WAL lets readers proceed during a write, busy_timeout waits for the write lock instead of failing
// with SQLITE_BUSY, foreign keys make ON DELETE CASCADE work, _txlock=immediate takes the write
// lock at BEGIN so a transaction never fails half-way when it upgrades from reading to writing,
// synchronous=NORMAL is durable enough in WAL mode while avoiding an fsync per commit, each
// connection keeps its prepared statements: preparing took a third of a task page's database time,
// and each connection caches up to 8 MB of pages rather than SQLite's default 2 MB: a deep page of
// the estimates list of 10,000 tasks reads about 2 MB (its index alone is 1.4 MB), so with the
// default every such request read its pages from the file again.
const sqliteParams = "_journal_mode=WAL&_busy_timeout=5000&_foreign_keys=on&_txlock=immediate&_synchronous=NORMAL&_stmt_cache_size=128&_cache_size=-8000"

// Target is a parsed DATABASE_URL: which engine, and how to reach it.
type Target struct {
	Dialect string // DialectSQLite or DialectPostgres
	DSN     string // what database/sql's Open receives
	Path    string // the SQLite database file; empty for PostgreSQL
}

// ParseURL turns DATABASE_URL into a dialect and a DSN without opening anything. It accepts the
// predecessor's SQLAlchemy form sqlite:///relative/path.db (three slashes) and
// sqlite:////absolute/path.db (four slashes), a plain file path, and postgres:// or postgresql://
// URLs. The error text never repeats a PostgreSQL URL, because it may hold a password.
func ParseURL(databaseURL string) (Target, error) {
	raw := strings.TrimSpace(databaseURL)
	if raw == "" {
		return Target{}, errors.New("store: parse database URL: empty; " + expectedURL)
	}
	scheme, rest, ok := splitScheme(raw)
	if !ok {
		return sqliteTarget(raw)
	}
	switch strings.ToLower(scheme) {
	case "sqlite":
		path, ok := strings.CutPrefix(rest, "///")
		if !ok || path == "" {
			return Target{}, errors.New("store: parse database URL: a sqlite URL needs three slashes and a relative path or four slashes and an absolute path; " + expectedURL)
		}
		if strings.ContainsAny(path, "?#") {
			return Target{}, errors.New("store: parse database URL: sqlite URL with parameters; the connection settings are fixed, so give only the file path")
		}
		return sqliteTarget(path)
	case "postgres", "postgresql":
		// pgx parses the URL fully in Open; here we only make sure it is a URL at all. The
		// *url.Error is unwrapped because its message would repeat the URL and its password.
		if _, err := url.Parse(raw); err != nil {
			var urlErr *url.Error
			if errors.As(err, &urlErr) {
				err = urlErr.Err
			}
			return Target{}, fmt.Errorf("store: parse database URL: malformed postgres URL: %w", err)
		}
		return Target{Dialect: DialectPostgres, DSN: raw}, nil
	default:
		return Target{}, fmt.Errorf("store: parse database URL: unsupported scheme %q; %s", scheme, expectedURL)
	}
}

// splitScheme returns the URL scheme (RFC 3986: a letter, then letters, digits, "+", "-" or ".")
// and what follows its colon. A colon after a slash belongs to a file path, not to a scheme.
func splitScheme(s string) (scheme, rest string, ok bool) {
	for i, r := range s {
		switch {
		case r == ':' && i > 0:
			return s[:i], s[i+1:], true
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
		case i > 0 && ('0' <= r && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return "", "", false
		}
	}
	return "", "", false
}

// sqliteTarget builds the SQLite target for a file path.
func sqliteTarget(path string) (Target, error) {
	switch {
	case path == ":memory:":
		return Target{}, errors.New("store: parse database URL: in-memory SQLite is not supported: every pooled connection would see its own empty database; give a file path")
	case strings.ContainsRune(path, 0):
		return Target{}, errors.New("store: parse database URL: file path contains a NUL byte")
	case strings.HasSuffix(path, "/"), filepath.Base(path) == ".", filepath.Base(path) == "..":
		return Target{}, fmt.Errorf("store: parse database URL: %q names a directory; give a database file such as %s", path, filepath.Join(path, "app.db"))
	}
	// Clean also collapses a leading "//", which SQLite's URI parser would take for a host name.
	clean := filepath.Clean(path)
	// The DSN is a SQLite URI filename, so "?", "#" and "%" in the path must be percent-encoded;
	// SQLite decodes them again before opening the file.
	dsn := "file:" + (&url.URL{Path: clean}).EscapedPath() + "?" + sqliteParams
	return Target{Dialect: DialectSQLite, DSN: dsn, Path: clean}, nil
}

// ValidSchemaName reports whether s is acceptable as DB_SCHEMA: a letter or underscore, then
// letters, digits or underscores, at most 63 bytes (PostgreSQL's identifier limit). Keeping to
// this subset means the name never needs escaping beyond double quotes.
func ValidSchemaName(s string) bool {
	if len(s) == 0 || len(s) > 63 {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_', 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
		case i > 0 && '0' <= r && r <= '9':
		default:
			return false
		}
	}
	return true
}
