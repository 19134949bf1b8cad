package store_test

import (
	"testing"
	"time"

	"estimator/store"
)

// TestSpend sums the cost of the calls made since a time, failed ones included.
func TestSpend(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			for i, c := range []struct {
				cost   int64
				status string
			}{{1_000, store.CallOK}, {20_000, store.CallError}, {300_000, store.CallOK}} {
				if err := s.RecordModelCall(ctx, store.ModelCall{Operation: "questions", Provider: "openai", Model: "gpt-4o-mini",
					CostMicroUSD: c.cost, Status: c.status}, t0.Add(time.Duration(i)*time.Hour)); err != nil {
					t.Fatal(err)
				}
			}
			for _, tc := range []struct {
				since time.Time
				want  int64
			}{{t0.Add(-time.Hour), 321_000}, {t0.Add(time.Minute), 320_000}, {t0.Add(2 * time.Hour), 300_000}, {t0.Add(3 * time.Hour), 0}} {
				if got, err := s.Spend(ctx, tc.since); err != nil || got != tc.want {
					t.Errorf("spend since %s = %d (err %v), want %d", tc.since, got, err, tc.want)
				}
			}
		})
	}
}
