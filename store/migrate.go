package store

import (
	"context"
	"embed"
	"fmt"
	"hash/fnv"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// migrationsFS holds one directory per dialect (migrations/sqlite, migrations/postgres) with the
// same version numbers in both, so the binary carries its schema.
//
//go:embed migrations
var migrationsFS embed.FS

// Migrate applies the pending migrations for the store's dialect and returns the versions it
// applied, in order; the slice is empty when the schema was already up to date.
func (s *Store) Migrate(ctx context.Context) ([]int64, error) {
	p, err := s.migrationProvider()
	if err != nil {
		return nil, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: apply migrations: %w", err)
	}
	versions := make([]int64, 0, len(results))
	for _, r := range results {
		versions = append(versions, r.Source.Version)
	}
	if len(versions) > 0 {
		if err := s.fillRevisionTotals(ctx); err != nil {
			return versions, err
		}
		if err := s.fillTaskSearch(ctx); err != nil {
			return versions, err
		}
	}
	return versions, nil
}

// SchemaVersion returns the highest migration version applied to the database (0 before the first
// Migrate).
func (s *Store) SchemaVersion(ctx context.Context) (int64, error) {
	p, err := s.migrationProvider()
	if err != nil {
		return 0, err
	}
	v, err := p.GetDBVersion(ctx)
	if err != nil {
		return 0, fmt.Errorf("store: get schema version: %w", err)
	}
	return v, nil
}

// migrationProvider builds a goose provider for this store. The Provider API keeps goose's
// configuration out of package globals, and the global registry of Go migrations is ignored so
// that only the embedded SQL files count.
func (s *Store) migrationProvider() (*goose.Provider, error) {
	fsys, err := fs.Sub(migrationsFS, "migrations/"+s.dialect)
	if err != nil {
		return nil, fmt.Errorf("store: read migrations: %w", err)
	}
	dialect := goose.DialectSQLite3
	// goose reports through the returned versions and errors; the caller decides what to log.
	opts := []goose.ProviderOption{
		goose.WithLogger(goose.NopLogger()),
		goose.WithDisableGlobalRegistry(true),
	}
	if s.dialect == DialectPostgres {
		dialect = goose.DialectPostgres
		// Instances sharing one PostgreSQL may start together; an advisory lock lets one of them
		// migrate while the others wait. The lock is per schema, because schemas migrate
		// independently, and polled every second rather than goose's default five.
		locker, err := lock.NewPostgresSessionLocker(
			lock.WithLockID(migrationLockID(s.schema)),
			lock.WithLockTimeout(1, 300),
		)
		if err != nil {
			return nil, fmt.Errorf("store: create migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, s.db.DB, fsys, opts...)
	if err != nil {
		return nil, fmt.Errorf("store: load migrations: %w", err)
	}
	return p, nil
}

// migrationLockID derives the advisory lock key from the schema name.
func migrationLockID(schema string) int64 {
	h := fnv.New64a()
	h.Write([]byte("estimator migrations " + schema))
	return int64(h.Sum64())
}
