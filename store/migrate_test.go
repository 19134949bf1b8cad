package store_test

import (
	"slices"
	"testing"

	"estimator/store"
)

func TestMigrate(t *testing.T) {
	want := migrationVersions(t, store.DialectSQLite)
	for _, s := range openTestStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			if v, err := s.SchemaVersion(ctx); err != nil || v != 0 {
				t.Fatalf("SchemaVersion before Migrate = %d, %v; want 0, nil", v, err)
			}
			applied, err := s.Migrate(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(applied, want) {
				t.Errorf("first Migrate applied %v, want %v", applied, want)
			}
			applied, err = s.Migrate(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if applied == nil || len(applied) != 0 {
				t.Errorf("second Migrate applied %#v, want an empty slice", applied)
			}
			v, err := s.SchemaVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if latest := want[len(want)-1]; v != latest {
				t.Errorf("SchemaVersion = %d, want %d", v, latest)
			}
		})
	}
}

// TestMigrateDownKeepsData rolls every migration after the first back and forward again on a
// database with a task in every table: the Down sections work, and they remove columns without
// rebuilding tables, so no row is lost through a cascade.
func TestMigrateDownKeepsData(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			insertTask(t, s, "task-1")
			before := make(map[string]int)
			for _, table := range ownedTables {
				before[table] = countRows(t, s, table)
			}
			if err := s.MigrateDownTo(ctx, 1); err != nil {
				t.Fatal(err)
			}
			if v, err := s.SchemaVersion(ctx); err != nil || v != 1 {
				t.Fatalf("SchemaVersion after rolling back = %d, %v; want 1", v, err)
			}
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			for _, table := range ownedTables {
				if got := countRows(t, s, table); got != before[table] {
					t.Errorf("%s has %d rows after rolling back and forward, want %d", table, got, before[table])
				}
			}
		})
	}
}

// TestMigrationVersionsMatch keeps the two dialects in step: a migration added for one engine
// must be added, with the same version, for the other.
func TestMigrationVersionsMatch(t *testing.T) {
	sqlite := migrationVersions(t, store.DialectSQLite)
	postgres := migrationVersions(t, store.DialectPostgres)
	if len(sqlite) == 0 {
		t.Fatal("no migrations found")
	}
	if !slices.Equal(sqlite, postgres) {
		t.Errorf("migration versions differ:\n sqlite   %v\n postgres %v", sqlite, postgres)
	}
}

// TestSchemasMatch compares the tables and columns the two dialects' migrations create, so the
// portable SQL written against one engine finds the same columns on the other.
func TestSchemasMatch(t *testing.T) {
	stores := openMigratedStores(t)
	if len(stores) < 2 {
		t.Skip("needs PostgreSQL (TEST_POSTGRES_URL)")
	}
	const sqliteColumns = `SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`
	const postgresColumns = `SELECT table_name || '.' || column_name FROM information_schema.columns
		WHERE table_schema = current_schema()`
	var got [2][]string
	for i, q := range []string{sqliteColumns, postgresColumns} {
		if err := stores[i].DB().SelectContext(t.Context(), &got[i], q); err != nil {
			t.Fatal(err)
		}
		slices.Sort(got[i]) // in Go, because the engines' collations order "_" and "." differently
	}
	if len(got[0]) < 100 {
		t.Fatalf("only %d SQLite columns found: %v", len(got[0]), got[0])
	}
	if !slices.Equal(got[0], got[1]) {
		t.Errorf("columns differ:\n sqlite   %v\n postgres %v", got[0], got[1])
	}
}
