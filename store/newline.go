package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Job kinds of a deliverable added to an estimated task and estimated by the engine: the
// configured one, or the offline engine when the user chose it (or no model is configured).
const (
	JobNewLine        = "new_line"
	JobNewLineOffline = "new_line_offline"
)

// PendingLine is a deliverable added to the estimate and being estimated, or whose estimate
// failed since the latest revision.
type PendingLine struct {
	TaskLineID        int64
	Name, Description string
	Failed            bool
}

// QueueNewLine adds a deliverable to the task and queues its estimate, in one transaction on the
// revision the user saw (base): the task must be estimated (else ErrConflict) and base its latest
// revision (else ErrStale). When the estimate is done, CompleteNewLineJob makes the next revision
// with the line added. It returns the new task line's id.
func (s *Store) QueueNewLine(ctx context.Context, taskID string, base int, name, description string, offline bool, maxAttempts int, now time.Time) (int64, error) {
	if !ValidTaskID(taskID) {
		return 0, fmt.Errorf("store: queue new line of %q: %w", taskID, ErrNotFound)
	}
	kind := JobNewLine
	if offline {
		kind = JobNewLineOffline
	}
	now = dbTime(now)
	var id int64
	err := s.WithTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := lockLatestRevision(ctx, tx, taskID, base, now); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &id, tx.Rebind(insertNewTaskLineQuery), taskID, name, description, taskID); err != nil {
			return err
		}
		return insertJob(ctx, tx, kind, taskID, jobRef{TaskLineID: id}, maxAttempts, now)
	})
	if err != nil {
		return 0, fmt.Errorf("store: queue new line of %q: %w", taskID, err)
	}
	return id, nil
}

// CompleteNewLineJob ends the claim of a new-line job and makes the task's next revision: the
// latest one with the line added at the end, priced at the task's unit cost, with note. The
// addition does not conflict with changes made while it was estimated, so it goes onto whatever
// revision is latest. ErrConflict when the claim is no longer the caller's, or when the task is
// not estimated any more (a re-estimate started): nothing is written then.
func (s *Store) CompleteNewLineJob(ctx context.Context, job Job, v LineValues, note string, now time.Time) error {
	assumptions, err := encodeList(v.Assumptions)
	if err != nil {
		return fmt.Errorf("store: complete new line job %d: %w", job.ID, err)
	}
	risks, err := encodeList(v.Risks)
	if err != nil {
		return fmt.Errorf("store: complete new line job %d: %w", job.ID, err)
	}
	now = dbTime(now)
	err = s.WithTx(ctx, func(tx *sqlx.Tx) error {
		status, err := lockTask(ctx, tx, job.TaskID, now)
		if err != nil {
			return err
		}
		if status != StatusEstimated {
			return fmt.Errorf("task is %s: %w", status, ErrConflict)
		}
		if err := finishJob(ctx, tx, job, jobDone, "", now); err != nil {
			return err
		}
		latest, err := getOne[revisionRow](ctx, tx, latestRevisionQuery, job.TaskID)
		if err != nil {
			return err
		}
		var rows []revisionLineRow
		if err := tx.SelectContext(ctx, &rows, tx.Rebind(revisionLinesQuery), latest.ID); err != nil {
			return err
		}
		line, err := getOne[taskLineRow](ctx, tx, taskLineQuery, job.TaskLineID, job.TaskID)
		if err != nil {
			return err
		}
		unitCost, err := getOne[int64](ctx, tx, taskUnitCostQuery, job.TaskID)
		if err != nil {
			return err
		}
		p := v.Phases
		rows = append(rows, revisionLineRow{
			Position: len(rows) + 1, LineKey: lineKey(line.ID), Name: line.Name, Description: line.Description,
			Req: p[0], Design: p[1], Impl: p[2], Testing: p[3], Docs: p[4], Optimistic: v.Optimistic, Pessimistic: v.Pessimistic,
			UnitCostMinor: unitCost, Confidence: v.Confidence, Reasoning: v.Reasoning, Assumptions: assumptions, Risks: risks,
			Source: v.Source, Model: v.Model,
		})
		var id int64
		if err := tx.GetContext(ctx, &id, tx.Rebind(insertNextRevisionQuery), RevisionManualEdit, latest.ID, note,
			latest.ContingencyBP, latest.DiscountMinor, now, latest.ID); err != nil {
			return err
		}
		return insertRevisionLines(ctx, tx, id, rows)
	})
	if err != nil {
		return fmt.Errorf("store: complete new line job %d: %w", job.ID, err)
	}
	return nil
}

const (
	taskLineQuery = `SELECT id, position, name, description FROM task_lines WHERE id = ? AND task_id = ?`
	// pendingLinesQuery finds each added line's last new-line job when it is still to do, or when
	// it failed after the latest revision was made (an older failure has been followed by other
	// changes).
	pendingLinesQuery = `SELECT tl.id, tl.name, tl.description, j.status
FROM jobs j JOIN task_lines tl ON tl.id = j.task_line_id
WHERE j.task_id = ? AND j.kind IN ('new_line', 'new_line_offline')
	AND NOT EXISTS (SELECT 1 FROM jobs later WHERE later.task_line_id = j.task_line_id AND later.id > j.id)
	AND (j.status IN ('queued', 'running')
		OR (j.status = 'failed' AND j.updated_at > (SELECT COALESCE(MAX(created_at), ?) FROM revisions WHERE task_id = ?)))
ORDER BY j.id`
)

type pendingLineRow struct {
	ID          int64  `db:"id"`
	Name        string `db:"name"`
	Description string `db:"description"`
	Status      string `db:"status"`
}

// PendingLines returns the deliverables being added by the engine, in the order they were asked
// for, and those whose estimate failed since the latest revision.
func (s *Store) PendingLines(ctx context.Context, taskID string) ([]PendingLine, error) {
	var rows []pendingLineRow
	if err := s.db.SelectContext(ctx, &rows, s.db.Rebind(pendingLinesQuery), taskID, time.Time{}, taskID); err != nil {
		return nil, fmt.Errorf("store: pending lines of %q: %w", taskID, err)
	}
	out := make([]PendingLine, len(rows))
	for i, r := range rows {
		out[i] = PendingLine{TaskLineID: r.ID, Name: r.Name, Description: r.Description, Failed: r.Status == jobFailed}
	}
	return out, nil
}

// RetryNewLine queues the estimate of a line whose new-line job failed, once more.
func (s *Store) RetryNewLine(ctx context.Context, taskID string, taskLineID int64, offline bool, maxAttempts int, now time.Time) error {
	kind := JobNewLine
	if offline {
		kind = JobNewLineOffline
	}
	now = dbTime(now)
	err := s.WithTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := lockTask(ctx, tx, taskID, now); err != nil {
			return err
		}
		var failed int
		if err := tx.GetContext(ctx, &failed, tx.Rebind(failedNewLineQuery), taskID, taskLineID); err != nil {
			return err
		}
		if failed == 0 {
			return ErrNotFound
		}
		return insertJob(ctx, tx, kind, taskID, jobRef{TaskLineID: taskLineID}, maxAttempts, now)
	})
	if err != nil {
		return fmt.Errorf("store: retry new line %d: %w", taskLineID, err)
	}
	return nil
}

const failedNewLineQuery = `SELECT COUNT(*) FROM jobs WHERE task_id = ? AND task_line_id = ?
	AND kind IN ('new_line', 'new_line_offline') AND status = 'failed'`
