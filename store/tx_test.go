package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"estimator/store"
)

func TestWithTx(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			put := func(tx *sqlx.Tx, key string) error {
				_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO settings (key, value, updated_at) VALUES (?, 'v', ?)`),
					key, time.Now().UTC())
				return err
			}

			t.Run("RollbackOnError", func(t *testing.T) {
				errBoom := errors.New("boom")
				err := s.WithTx(ctx, func(tx *sqlx.Tx) error {
					if err := put(tx, "rolled-back"); err != nil {
						return err
					}
					return errBoom
				})
				if err != errBoom {
					t.Errorf("WithTx returned %v, want fn's error unchanged", err)
				}
				if _, err := s.Setting(ctx, "rolled-back"); !errors.Is(err, store.ErrNotFound) {
					t.Errorf("Setting after rollback: %v, want ErrNotFound", err)
				}
			})

			t.Run("RollbackOnPanic", func(t *testing.T) {
				func() {
					defer func() {
						if recover() == nil {
							t.Error("panic did not propagate")
						}
					}()
					_ = s.WithTx(ctx, func(tx *sqlx.Tx) error {
						if err := put(tx, "panicked"); err != nil {
							return err
						}
						panic("boom")
					})
				}()
				if _, err := s.Setting(ctx, "panicked"); !errors.Is(err, store.ErrNotFound) {
					t.Errorf("Setting after panic: %v, want ErrNotFound", err)
				}
				// The connection went back to the pool: on SQLite a leaked transaction would keep
				// the write lock and this write would time out.
				if err := s.PutSetting(ctx, "after-panic", "v"); err != nil {
					t.Error(err)
				}
			})

			t.Run("CommitOnSuccess", func(t *testing.T) {
				err := s.WithTx(ctx, func(tx *sqlx.Tx) error {
					if err := put(tx, "a"); err != nil {
						return err
					}
					return put(tx, "b")
				})
				if err != nil {
					t.Fatal(err)
				}
				for _, key := range []string{"a", "b"} {
					if v, err := s.Setting(ctx, key); err != nil || v != "v" {
						t.Errorf("Setting(%q) = %q, %v; want v, nil", key, v, err)
					}
				}
			})
		})
	}
}
