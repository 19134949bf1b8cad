package store

import (
	"context"
	"fmt"
	"time"
)

// Spend is what the model calls made since a time cost, in micro-USD: finished, failed and lost
// calls at their recorded cost; calls still in flight count at 0 until they return.
func (s *Store) Spend(ctx context.Context, since time.Time) (int64, error) {
	v, err := getOne[int64](ctx, s.db, `SELECT COALESCE(SUM(cost_micro_usd), 0) FROM model_calls WHERE created_at >= ?`, since.UTC())
	if err != nil {
		return 0, fmt.Errorf("store: spend since %s: %w", since.Format(time.RFC3339), err)
	}
	return v, nil
}
