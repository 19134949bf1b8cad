package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// retentionBatch is how many expired tasks are read at a time: a first cleanup after years of
// data never holds every id in memory, and each batch is a short read on the creation index.
const retentionBatch = 100

const expiredTasksQuery = `SELECT id FROM tasks WHERE created_at < ? ORDER BY created_at, id LIMIT ?`

// DeleteTasksCreatedBefore deletes every task created before cutoff with everything it owns, each
// in a transaction of its own with its audit record d, and returns how many it deleted. A
// deletion is short, so the requests of a busy server wait for none of them long; when it stops
// half-way (ctx ends, an error) the tasks deleted so far stay deleted with their records. Tasks
// another instance sharing the database deletes meanwhile are skipped.
func (s *Store) DeleteTasksCreatedBefore(ctx context.Context, cutoff time.Time, d Deletion) (int, error) {
	deleted := 0
	for {
		var ids []string
		if err := s.db.SelectContext(ctx, &ids, s.db.Rebind(expiredTasksQuery), cutoff.UTC(), retentionBatch); err != nil {
			return deleted, fmt.Errorf("store: list tasks created before %s: %w", cutoff.Format(time.DateOnly), err)
		}
		if len(ids) == 0 {
			return deleted, nil
		}
		// Every id read is gone afterwards, deleted here or by another instance, so the next read
		// makes progress.
		for _, id := range ids {
			err := s.deleteTask(ctx, id, d)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return deleted, err
			}
			deleted++
		}
	}
}
