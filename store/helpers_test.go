package store_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"estimator/store"
)

// postgresURL returns TEST_POSTGRES_URL. Without it PostgreSQL tests are skipped, except in CI
// (CI=true), where PostgreSQL is mandatory and its absence fails the test.
func postgresURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("TEST_POSTGRES_URL")
	if u == "" && os.Getenv("CI") == "true" {
		t.Fatal("TEST_POSTGRES_URL is required when CI=true")
	}
	return u
}

// randomSchema returns a schema name no other test run uses, so parallel runs never collide.
func randomSchema(t *testing.T) string {
	t.Helper()
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return "store_test_" + hex.EncodeToString(b)
}

// openTestStores returns one unmigrated store per available engine: always a SQLite file in a
// temporary directory, plus PostgreSQL in a fresh schema (dropped afterwards) when
// TEST_POSTGRES_URL is set.
func openTestStores(t *testing.T) []*store.Store {
	t.Helper()
	stores := []*store.Store{openSQLite(t)}
	if u := postgresURL(t); u != "" {
		stores = append(stores, openPostgres(t, u, randomSchema(t)))
	}
	return stores
}

// openMigratedStores is openTestStores with the migrations applied.
func openMigratedStores(t *testing.T) []*store.Store {
	t.Helper()
	stores := openTestStores(t)
	for _, s := range stores {
		if _, err := s.Migrate(t.Context()); err != nil {
			t.Fatalf("%s: Migrate: %v", s.Dialect(), err)
		}
	}
	return stores
}

func openSQLite(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "test.db"), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

// openPostgres opens u in schema and drops the schema when the test ends.
func openPostgres(t *testing.T, u, schema string) *store.Store {
	t.Helper()
	s, err := store.Open(t.Context(), u, schema)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// t.Context is already cancelled when cleanups run.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := dropSchema(ctx, s, schema); err != nil {
			t.Error(err)
		}
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

func dropSchema(ctx context.Context, s *store.Store, schema string) error {
	return s.WithTx(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, `DROP SCHEMA IF EXISTS "`+schema+`" CASCADE`)
		return err
	})
}

// migrationVersions lists the versions of the migration files for dialect, read from disk.
func migrationVersions(t *testing.T, dialect string) []int64 {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("migrations", dialect))
	if err != nil {
		t.Fatal(err)
	}
	var versions []int64
	for _, e := range entries {
		prefix, _, ok := strings.Cut(e.Name(), "_")
		if !ok || !strings.HasSuffix(e.Name(), ".sql") {
			t.Fatalf("%s/%s: want NNNNN_name.sql", dialect, e.Name())
		}
		v, err := strconv.ParseInt(prefix, 10, 64)
		if err != nil {
			t.Fatalf("%s/%s: %v", dialect, e.Name(), err)
		}
		versions = append(versions, v)
	}
	return versions
}
