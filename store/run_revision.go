package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
)

const (
	// The number is computed inside the INSERT; callers hold the task's lock (see lockTask), and
	// UNIQUE (task_id, number) turns any other concurrent writer into ErrConflict.
	insertRunRevisionQuery = `INSERT INTO revisions (task_id, number, reason, based_on_revision_id, run_id,
	contingency_bp, discount_minor, currency, tax_rate_bp, tax_rounding, created_at)
SELECT id, (SELECT COALESCE(MAX(number), 0) + 1 FROM revisions WHERE task_id = ?), ?, ?, ?, ?, ?, currency,
	tax_rate_bp, tax_rounding, ?
FROM tasks WHERE id = ?
RETURNING id`
	taskUnitCostQuery = `SELECT unit_cost_minor FROM tasks WHERE id = ?`
	doneLinesQuery    = lineSelect + `WHERE le.run_id = ? AND le.status = 'done' ORDER BY tl.position`
)

// createRevisionFromRun stores revision n+1 of the task (reason initial: the engine's estimate)
// from the run's done lines, with the task's currency, tax rate and tax rounding, naming the run.
// The task's first revision prices every line at the task's unit cost, with no contingency and no
// discount. A re-estimate is based on the latest revision and keeps what the person set there
// (see carryOver).
func createRevisionFromRun(ctx context.Context, tx *sqlx.Tx, taskID string, runID int64, now time.Time) error {
	var unitCost int64
	if err := tx.GetContext(ctx, &unitCost, tx.Rebind(taskUnitCostQuery), taskID); err != nil {
		return err
	}
	var done []lineRow
	if err := tx.SelectContext(ctx, &done, tx.Rebind(doneLinesQuery), runID); err != nil {
		return err
	}
	rows := make([]revisionLineRow, len(done))
	for i, l := range done {
		// Assumptions and risks are copied as the JSON text they are stored as.
		rows[i] = revisionLineRow{
			Position: i + 1, LineKey: lineKey(l.LineID), Name: l.Name, Description: l.Description,
			Req: l.Req, Design: l.Design, Impl: l.Impl, Testing: l.Testing, Docs: l.Docs,
			Optimistic: l.Optimistic, Pessimistic: l.Pessimistic, UnitCostMinor: unitCost,
			Confidence: l.Confidence, Reasoning: l.Reasoning, Assumptions: l.Assumptions, Risks: l.Risks, Source: l.Source,
			Model: l.Model,
		}
	}
	var base, contingency, discount int64
	latest, err := getOne[revisionRow](ctx, tx, latestRevisionQuery, taskID)
	switch {
	case err == nil:
		base = latest.ID
		if contingency, discount, err = carryOver(ctx, tx, latest, rows); err != nil {
			return fmt.Errorf("re-estimate revision %d: %w", latest.Number, err)
		}
	case !errors.Is(err, ErrNotFound):
		return err
	}
	var revisionID int64
	err = tx.GetContext(ctx, &revisionID, tx.Rebind(insertRunRevisionQuery), taskID, RevisionInitial, nullID(base),
		runID, contingency, discount, now, taskID)
	if isUniqueViolation(err) {
		return fmt.Errorf("create revision: %w: %w", ErrConflict, err)
	}
	if err != nil {
		return fmt.Errorf("create revision: %w", err)
	}
	return insertRevisionLines(ctx, tx, revisionID, rows)
}

// carryOver makes a re-estimate keep what a person set on the latest revision: rows (the run's
// lines) take the latest revision's order and the unit cost it gave their key (lines it does not
// have keep theirs, and follow), and it returns the latest contingency and discount; the discount
// is lowered, if need be, to what the new lines plus contingency allow.
func carryOver(ctx context.Context, tx *sqlx.Tx, latest revisionRow, rows []revisionLineRow) (contingency, discount int64, err error) {
	prev, err := getRevisionLineRows(ctx, tx, latest.ID)
	if err != nil {
		return 0, 0, err
	}
	byKey := make(map[string]revisionLineRow, len(prev))
	for _, p := range prev {
		byKey[p.LineKey] = p
	}
	order := func(r revisionLineRow) int {
		if p, ok := byKey[r.LineKey]; ok {
			return p.Position
		}
		return math.MaxInt
	}
	slices.SortStableFunc(rows, func(a, b revisionLineRow) int { return cmp.Compare(order(a), order(b)) })
	for i := range rows {
		rows[i].Position = i + 1
		if p, ok := byKey[rows[i].LineKey]; ok {
			rows[i].UnitCostMinor = p.UnitCostMinor
		}
	}
	t, err := totals(rows, latest.ContingencyBP, 0)
	if err != nil {
		return 0, 0, err
	}
	return latest.ContingencyBP, min(latest.DiscountMinor, t.SubtotalMinor), nil
}
