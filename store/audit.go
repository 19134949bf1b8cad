package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
)

// Who deleted a task, as its audit record says.
const (
	DeletedByUser      = "user"      // from the task's page
	DeletedByRetention = "retention" // the cleanup of tasks older than DATA_RETENTION_DAYS
	DeletedByAdmin     = "admin"     // from the admin page
)

// Deletion says who deletes a task, from where, why and when; DeleteTask keeps it in the task's
// audit record.
type Deletion struct {
	By     string // DeletedByUser, DeletedByRetention or DeletedByAdmin
	Client string // the client address as the app saw it (users and admins); empty for the retention
	Reason string // the operator's words, never text a user typed
	At     time.Time
}

// valid reports whether d names a known deleter, as the table's CHECK constraint requires.
func (d Deletion) valid() bool {
	return slices.Contains([]string{DeletedByUser, DeletedByRetention, DeletedByAdmin}, d.By)
}

// TaskDeletion is the audit record of a deleted task. It outlives the task and describes it
// without its content (no title, client, requirements or lines), so it holds nothing personal
// about the client beyond the deleting user's address.
type TaskDeletion struct {
	ID            int64
	TaskID        string
	TaskStatus    string
	LineCount     int
	TaskCreatedAt time.Time
	Deletion
}

type taskDeletionRow struct {
	ID            int64     `db:"id"`
	TaskID        string    `db:"deleted_task_id"`
	TaskStatus    string    `db:"task_status"`
	LineCount     int       `db:"task_line_count"`
	TaskCreatedAt time.Time `db:"task_created_at"`
	By            string    `db:"deleted_by"`
	Client        string    `db:"client"`
	Reason        string    `db:"reason"`
	At            time.Time `db:"deleted_at"`
}

// taskDeletion converts the row. Times are put in UTC because pgx returns TIMESTAMPTZ in the local
// zone.
func (r taskDeletionRow) taskDeletion() TaskDeletion {
	return TaskDeletion{ID: r.ID, TaskID: r.TaskID, TaskStatus: r.TaskStatus, LineCount: r.LineCount,
		TaskCreatedAt: r.TaskCreatedAt.UTC(),
		Deletion:      Deletion{By: r.By, Client: r.Client, Reason: r.Reason, At: r.At.UTC()}}
}

// deletedTask is what the audit record keeps of the task, read just before it goes.
type deletedTask struct {
	Status    string    `db:"status"`
	CreatedAt time.Time `db:"created_at"`
	LineCount int       `db:"line_count"`
}

const (
	deletedTaskQuery = `SELECT status, created_at,
		(SELECT COUNT(*) FROM task_lines WHERE task_lines.task_id = tasks.id) AS line_count
		FROM tasks WHERE id = ?`
	insertTaskDeletionQuery = `INSERT INTO task_deletions (deleted_task_id, task_status, task_line_count,
		task_created_at, deleted_by, client, reason, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	taskDeletionsQuery = `SELECT id, deleted_task_id, task_status, task_line_count, task_created_at,
		deleted_by, client, reason, deleted_at FROM task_deletions ORDER BY deleted_at DESC, id DESC LIMIT ?`
)

// insertTaskDeletion writes the audit record of task id, described by t, deleted as d says.
func insertTaskDeletion(ctx context.Context, tx *sqlx.Tx, id string, t deletedTask, d Deletion) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(insertTaskDeletionQuery), id, t.Status, t.LineCount,
		t.CreatedAt.UTC(), d.By, d.Client, d.Reason, d.At.UTC())
	return err
}

// TaskDeletions returns the latest audit records of deleted tasks, newest first.
func (s *Store) TaskDeletions(ctx context.Context, limit int) ([]TaskDeletion, error) {
	list, err := selectAll(ctx, s.db, taskDeletionRow.taskDeletion, taskDeletionsQuery, limit)
	if err != nil {
		return nil, fmt.Errorf("store: list task deletions: %w", err)
	}
	return list, nil
}
