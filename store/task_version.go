package store

import (
	"context"
	"fmt"
)

const taskVersionQuery = `SELECT version FROM task_versions WHERE task_id = ?`

// TaskVersion is a number that changes, in the same transaction, with every write that changes
// what the task's page shows: the task, its lines, questions, runs, jobs' status, revisions,
// chat, proposals, model calls and quotation, and the issuer (database triggers keep it; see
// migration 00009). A page rendered after reading version N shows at least what N stands for,
// so it may be served again for as long as the version is N. ErrNotFound when there is no task.
func (s *Store) TaskVersion(ctx context.Context, id string) (int64, error) {
	if !ValidTaskID(id) {
		return 0, fmt.Errorf("store: task version %q: %w", id, ErrNotFound)
	}
	v, err := getOne[int64](ctx, s.db, taskVersionQuery, id)
	if err != nil {
		return 0, fmt.Errorf("store: task version %q: %w", id, err)
	}
	return v, nil
}
