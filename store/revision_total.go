package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

const (
	revisionByIDQuery       = revisionSelect + `WHERE r.id = ?`
	setRevisionTotalQuery   = `UPDATE revisions SET total_minor = ? WHERE id = ?`
	revisionsWithoutTotal   = `SELECT id FROM revisions WHERE total_minor IS NULL ORDER BY id`
	latestTotalColumnSelect = `(SELECT total_minor FROM revisions WHERE revisions.task_id = page.id ORDER BY number DESC LIMIT 1)`
)

// keepRevisionTotal computes the total (tax included) of the revision just written and keeps it
// on the revision, which never changes afterwards: the list of estimates then reads every task's
// latest total in its one query.
func keepRevisionTotal(ctx context.Context, tx sqlx.ExtContext, revisionID int64) error {
	rev, lines, err := readRevision(ctx, tx, revisionByIDQuery, revisionID)
	if err != nil {
		return fmt.Errorf("read revision %d for its total: %w", revisionID, err)
	}
	tot, err := rev.Document(lines).Totals()
	if err != nil {
		return fmt.Errorf("total of revision %d: %w", revisionID, err)
	}
	if _, err := tx.ExecContext(ctx, tx.Rebind(setRevisionTotalQuery), tot.TotalMinor, revisionID); err != nil {
		return fmt.Errorf("keep the total of revision %d: %w", revisionID, err)
	}
	return nil
}

// fillRevisionTotals computes the totals of the revisions written before totals were kept
// (migration 00006), one short transaction each; none are left after the first run.
func (s *Store) fillRevisionTotals(ctx context.Context) error {
	var ids []int64
	if err := s.db.SelectContext(ctx, &ids, s.db.Rebind(revisionsWithoutTotal)); err != nil {
		return fmt.Errorf("store: revisions without a total: %w", err)
	}
	for _, id := range ids {
		if err := s.WithTx(ctx, func(tx *sqlx.Tx) error { return keepRevisionTotal(ctx, tx, id) }); err != nil {
			return fmt.Errorf("store: %w", err)
		}
	}
	return nil
}
