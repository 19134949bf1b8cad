package store_test

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"estimator/store"
)

// TestTakeRate: a client gets its burst at once, then one request per interval; the refusal says
// how long to wait, is counted and listed; clients are independent; idle rows are forgotten.
func TestTakeRate(t *testing.T) {
	limit := store.RateLimit{Interval: 20 * time.Second, Burst: 3}
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			take := func(client string, at time.Time) time.Duration {
				t.Helper()
				wait, err := s.TakeRate(ctx, client, limit, at)
				if err != nil {
					t.Fatal(err)
				}
				return wait
			}
			for i := range 3 {
				if wait := take("192.0.2.1", t0); wait != 0 {
					t.Fatalf("request %d of the burst refused (wait %s)", i+1, wait)
				}
			}
			if wait := take("192.0.2.1", t0.Add(time.Second)); wait != 19*time.Second {
				t.Errorf("the 4th request 1 s later: wait %s, want 19s", wait)
			}
			if wait := take("192.0.2.2", t0); wait != 0 {
				t.Errorf("another client was refused (wait %s)", wait)
			}
			if wait := take("192.0.2.1", t0.Add(20*time.Second)); wait != 0 {
				t.Errorf("a request one interval later was refused (wait %s)", wait)
			}
			if wait := take("192.0.2.1", t0.Add(21*time.Second)); wait != 19*time.Second {
				t.Errorf("the next right after: wait %s, want 19s", wait)
			}

			limited, err := s.RateLimitedClients(ctx, t0, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(limited) != 1 || limited[0].Client != "192.0.2.1" || limited[0].Refused != 2 || !limited[0].LastRefused.Equal(t0.Add(21*time.Second)) {
				t.Errorf("rate-limited clients: %+v, want 192.0.2.1 refused twice, last at +21s", limited)
			}

			// An hour later both allowances are full again; the refused client is kept for a day.
			n, err := s.ForgetRateLimits(ctx, t0.Add(time.Hour), 24*time.Hour)
			if err != nil || n != 1 {
				t.Errorf("forgot %d rows (err %v), want the one never refused", n, err)
			}
			if n, err := s.ForgetRateLimits(ctx, t0.Add(25*time.Hour), 24*time.Hour); err != nil || n != 1 {
				t.Errorf("a day later forgot %d rows (err %v), want 1", n, err)
			}
		})
	}
}

// TestTakeRateConcurrent: 20 requests of one client at the same moment, as from two instances,
// get exactly the burst.
func TestTakeRateConcurrent(t *testing.T) {
	limit := store.RateLimit{Interval: time.Minute, Burst: 5}
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			var allowed atomic.Int32
			var wg sync.WaitGroup
			for range 20 {
				wg.Go(func() {
					wait, err := s.TakeRate(t.Context(), "198.51.100.7", limit, t0)
					if err != nil {
						t.Error(err)
					} else if wait == 0 {
						allowed.Add(1)
					}
				})
			}
			wg.Wait()
			if got := allowed.Load(); got != 5 {
				t.Errorf("%d of 20 concurrent requests allowed, want the burst of 5", got)
			}
		})
	}
}
