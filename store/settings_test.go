package store_test

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"estimator/store"
)

func TestSettings(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			if _, err := s.Setting(ctx, "missing"); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("Setting(missing) error = %v, want ErrNotFound", err)
			}
			for _, value := range []string{"first", "second", ""} {
				if err := s.PutSetting(ctx, "k", value); err != nil {
					t.Fatal(err)
				}
				if got, err := s.Setting(ctx, "k"); err != nil || got != value {
					t.Errorf("Setting(k) = %q, %v; want %q, nil", got, err, value)
				}
			}
		})
	}
}

func TestSettingOrInit(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()

			t.Run("Existing", func(t *testing.T) {
				if err := s.PutSetting(ctx, "existing", "kept"); err != nil {
					t.Fatal(err)
				}
				got, err := s.SettingOrInit(ctx, "existing", func() (string, error) {
					t.Error("init called although the key exists")
					return "new", nil
				})
				if err != nil || got != "kept" {
					t.Errorf("SettingOrInit = %q, %v; want kept, nil", got, err)
				}
			})

			t.Run("InitError", func(t *testing.T) {
				errInit := errors.New("no entropy")
				_, err := s.SettingOrInit(ctx, "failing", func() (string, error) { return "", errInit })
				if !errors.Is(err, errInit) {
					t.Errorf("SettingOrInit error = %v, want it to wrap init's error", err)
				}
				if _, err := s.Setting(ctx, "failing"); !errors.Is(err, store.ErrNotFound) {
					t.Errorf("after a failed init: %v, want ErrNotFound", err)
				}
			})

			// Every caller reads "absent" and calls init before any of them inserts, which is the
			// worst race several starting processes can produce: all must still end with one value.
			t.Run("Concurrent", func(t *testing.T) {
				const callers = 16
				var calls atomic.Int64
				allInInit := make(chan struct{})
				results := make([]string, callers)
				var wg sync.WaitGroup
				for i := range callers {
					wg.Go(func() {
						v, err := s.SettingOrInit(ctx, "session_key", func() (string, error) {
							n := calls.Add(1)
							if n == callers {
								close(allInInit)
							}
							select {
							case <-allInInit:
							case <-time.After(10 * time.Second):
								return "", errors.New("not every caller reached init")
							}
							return fmt.Sprintf("value-%d", n), nil
						})
						if err != nil {
							t.Error(err)
						}
						results[i] = v
					})
				}
				wg.Wait()
				stored, err := s.Setting(ctx, "session_key")
				if err != nil {
					t.Fatal(err)
				}
				for i, v := range results {
					if v != stored {
						t.Errorf("caller %d got %q, stored value is %q", i, v, stored)
					}
				}
				if n := calls.Load(); n != callers {
					t.Errorf("init called %d times, want %d (every caller raced)", n, callers)
				}
			})
		})
	}
}
