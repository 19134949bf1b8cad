package store_test

import (
	"sync"
	"testing"

	"estimator/store"
)

// TestOpenPostgresSchema checks that Open creates DB_SCHEMA, that every pooled connection works in
// it, and that a second Open (a restart, or another instance) reuses it with its data.
func TestOpenPostgresSchema(t *testing.T) {
	u := postgresURL(t)
	if u == "" {
		t.Skip("needs PostgreSQL (TEST_POSTGRES_URL)")
	}
	ctx := t.Context()
	// Mixed case, to check that the name is quoted the same way in CREATE SCHEMA and search_path.
	schema := "Store_Test_" + randomSchema(t)[len("store_test_"):]
	first := openPostgres(t, u, schema)
	if got := first.Dialect(); got != store.DialectPostgres {
		t.Errorf("Dialect() = %q, want %q", got, store.DialectPostgres)
	}
	var exists bool
	if err := first.DB().GetContext(ctx, &exists, first.DB().Rebind(`SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)`), schema); err != nil {
		t.Fatal(err)
	}
	if !exists {
		t.Fatalf("schema %s was not created", schema)
	}
	if _, err := first.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := first.PutSetting(ctx, "k", "v"); err != nil {
		t.Fatal(err)
	}

	// Hold several connections at once so that each answer comes from a different connection.
	const conns = 4
	db := first.DB()
	var wg sync.WaitGroup
	for i := range conns {
		conn, err := db.Connx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		wg.Go(func() {
			var current string
			if err := conn.GetContext(ctx, &current, `SELECT current_schema()`); err != nil {
				t.Error(err)
				return
			}
			if current != schema {
				t.Errorf("connection %d: current_schema() = %q, want %q", i, current, schema)
			}
		})
	}
	wg.Wait()

	second, err := store.Open(ctx, u, schema)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if applied, err := second.Migrate(ctx); err != nil || len(applied) != 0 {
		t.Errorf("Migrate on the reopened schema applied %v, %v; want nothing", applied, err)
	}
	if v, err := second.Setting(ctx, "k"); err != nil || v != "v" {
		t.Errorf("Setting(k) after reopening = %q, %v; want v, nil", v, err)
	}
	var inPublic bool
	if err := second.DB().GetContext(ctx, &inPublic, `SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'settings')`); err != nil {
		t.Fatal(err)
	}
	if inPublic {
		t.Error("a settings table exists in public; the migration should only touch the test schema")
	}
}
