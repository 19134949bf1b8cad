package store

import (
	"context"
	"fmt"
)

// ListVersion is a number that changes, in the same transaction, with every write that changes
// a task (its creation, any write that changes its version, its deletion), and so with everything
// the estimates list shows (database triggers keep it; see migration 00011). A list page rendered
// after reading version N may be served again while the version is N.
func (s *Store) ListVersion(ctx context.Context) (int64, error) {
	v, err := getOne[int64](ctx, s.db, `SELECT version FROM list_version`)
	if err != nil {
		return 0, fmt.Errorf("store: list version: %w", err)
	}
	return v, nil
}
