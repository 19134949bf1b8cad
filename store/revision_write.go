package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// NewRevision is a change to a task's estimate as CreateRevision stores it.
type NewRevision struct {
	// Reason is RevisionProposal, RevisionQuickAction, RevisionManualEdit or RevisionRestore;
	// RevisionInitial belongs to estimation runs.
	Reason, Note string
	// BaseNumber is the revision the change started from; for a restore, the restored revision.
	BaseNumber                   int
	ContingencyBP, DiscountMinor int64
	// Lines are the whole estimate, in order; the store numbers them 1, 2, …, whatever Position
	// says. A line with an empty LineKey is a new deliverable (see CreateRevision).
	Lines []RevisionLine
	// ProposalID, when not 0, is the proposal this change applies.
	ProposalID int64
}

// rows checks nr and encodes its lines with their positions. It rejects what no revision may be:
// a reason of another kind, no line, a line key given twice, or terms the estimate package cannot
// total (such as a discount above the lines plus contingency).
func (nr NewRevision) rows() ([]revisionLineRow, error) {
	switch nr.Reason {
	case RevisionProposal, RevisionQuickAction, RevisionManualEdit, RevisionRestore:
	default:
		return nil, fmt.Errorf("reason %q: not a change a person makes", nr.Reason)
	}
	if len(nr.Lines) == 0 {
		return nil, errors.New("a revision needs at least one line")
	}
	rows := make([]revisionLineRow, len(nr.Lines))
	seen := make(map[string]bool, len(nr.Lines))
	for i, l := range nr.Lines {
		if l.LineKey != "" {
			if seen[l.LineKey] {
				return nil, fmt.Errorf("line %d: line key %q given twice", i+1, l.LineKey)
			}
			seen[l.LineKey] = true
		}
		l.Position = i + 1
		row, err := l.row()
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		rows[i] = row
	}
	if _, err := totals(rows, nr.ContingencyBP, nr.DiscountMinor); err != nil {
		return nil, err
	}
	return rows, nil
}

const (
	revisionIDQuery = `SELECT id FROM revisions WHERE task_id = ? AND number = ?`
	// The new revision copies what never changes across revisions (currency, tax, run) from the
	// latest one.
	insertNextRevisionQuery = `INSERT INTO revisions (task_id, number, reason, based_on_revision_id, run_id, note,
	currency, tax_rate_bp, tax_rounding, contingency_bp, discount_minor, created_at)
SELECT task_id, number + 1, ?, ?, run_id, ?, currency, tax_rate_bp, tax_rounding, ?, ?, ?
FROM revisions WHERE id = ?
RETURNING id`
)

// CreateRevision stores revision expect+1 of the task, made by a person from revision
// nr.BaseNumber, and returns it as stored, in one transaction. expect is the task's latest revision
// number as the caller saw it: when another change came first, ErrStale, so of two tabs applying
// at once exactly one wins. The task must be estimated, else ErrConflict (an estimate is running,
// or none is done). ErrNotFound when the task or revision nr.BaseNumber does not exist.
//
// A line with an empty LineKey is a new deliverable: it becomes a task line (after the others,
// with its name and description) and gets that line's key, so a later re-estimate includes it.
// Every other key must be one of the task's lines. The database's CHECK constraints reject line
// values outside the documented sets (an empty name or source, a range upside down); nothing is
// stored then.
//
// With nr.ProposalID, the proposal is marked applied by the new revision in the same transaction;
// ErrConflict unless it is an open proposal of the task, ErrStale unless it is based on the latest
// revision, so a proposal is never applied onto an estimate it was not computed for.
func (s *Store) CreateRevision(ctx context.Context, taskID string, expect int, nr NewRevision, now time.Time) (Revision, []RevisionLine, error) {
	if !ValidTaskID(taskID) {
		return Revision{}, nil, fmt.Errorf("store: create revision of %q: %w", taskID, ErrNotFound)
	}
	rows, err := nr.rows()
	if err != nil {
		return Revision{}, nil, fmt.Errorf("store: create revision of %q: %w", taskID, err)
	}
	now = dbTime(now)
	var rev Revision
	var lines []RevisionLine
	err = s.WithTx(ctx, func(tx *sqlx.Tx) error {
		latest, err := lockLatestRevision(ctx, tx, taskID, expect, now)
		if err != nil {
			return err
		}
		baseID, err := getOne[int64](ctx, tx, revisionIDQuery, taskID, nr.BaseNumber)
		if err != nil {
			return fmt.Errorf("base revision %d: %w", nr.BaseNumber, err)
		}
		if err := assignLineKeys(ctx, tx, taskID, rows); err != nil {
			return err
		}
		var id int64
		if err := tx.GetContext(ctx, &id, tx.Rebind(insertNextRevisionQuery), nr.Reason, baseID, nr.Note,
			nr.ContingencyBP, nr.DiscountMinor, now, latest.ID); err != nil {
			return err
		}
		if err := insertRevisionLines(ctx, tx, id, rows); err != nil {
			return err
		}
		if nr.ProposalID != 0 {
			if err := applyProposal(ctx, tx, taskID, nr.ProposalID, latest.ID, id); err != nil {
				return err
			}
		}
		rev, lines, err = readRevision(ctx, tx, revisionNumberQuery, taskID, expect+1)
		return err
	})
	if err != nil {
		return Revision{}, nil, fmt.Errorf("store: create revision of %q: %w", taskID, err)
	}
	return rev, lines, nil
}

// lockLatestRevision takes the task's lock (see lockTask) and returns its latest revision, which
// must be number base: what every change made on a shown estimate starts with. ErrConflict unless
// the task is estimated; ErrStale when base is not the latest revision.
func lockLatestRevision(ctx context.Context, tx *sqlx.Tx, taskID string, base int, now time.Time) (revisionRow, error) {
	status, err := lockTask(ctx, tx, taskID, now)
	if err != nil {
		return revisionRow{}, err
	}
	if status != StatusEstimated {
		return revisionRow{}, fmt.Errorf("task is %s: %w", status, ErrConflict)
	}
	latest, err := getOne[revisionRow](ctx, tx, latestRevisionQuery, taskID)
	if err != nil {
		return revisionRow{}, err
	}
	if latest.Number != base {
		return revisionRow{}, fmt.Errorf("base revision %d, latest %d: %w", base, latest.Number, ErrStale)
	}
	return latest, nil
}

const insertNewTaskLineQuery = `INSERT INTO task_lines (task_id, position, name, description)
SELECT ?, COALESCE(MAX(position), 0) + 1, ?, ? FROM task_lines WHERE task_id = ?
RETURNING id`

// assignLineKeys checks that every key of rows is one of the task's lines, and turns each row
// without a key into a new task line whose key it takes.
func assignLineKeys(ctx context.Context, tx *sqlx.Tx, taskID string, rows []revisionLineRow) error {
	var existing []taskLineRow
	if err := tx.SelectContext(ctx, &existing, tx.Rebind(taskLinesQuery), taskID); err != nil {
		return err
	}
	keys := make(map[string]bool, len(existing))
	for _, l := range existing {
		keys[lineKey(l.ID)] = true
	}
	for i := range rows {
		r := &rows[i]
		if r.LineKey != "" {
			if !keys[r.LineKey] {
				return fmt.Errorf("line %d: %q is not a line of the task", r.Position, r.LineKey)
			}
			continue
		}
		var id int64
		if err := tx.GetContext(ctx, &id, tx.Rebind(insertNewTaskLineQuery), taskID, r.Name, r.Description, taskID); err != nil {
			return fmt.Errorf("line %d: %w", r.Position, err)
		}
		r.LineKey = lineKey(id)
	}
	return nil
}
