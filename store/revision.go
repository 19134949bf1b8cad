package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"estimator/estimate"
)

// Revision reasons (the CHECK constraint's values): why a revision exists.
const (
	RevisionInitial     = "initial" // made by an estimation run from the engine's estimates
	RevisionProposal    = "proposal"
	RevisionQuickAction = "quick_action"
	RevisionManualEdit  = "manual_edit"
	RevisionRestore     = "restore"
)

// Revision is an immutable snapshot of a task's estimate, numbered 1, 2, … per task. Currency,
// tax rate and tax rounding are copied so the snapshot never changes with the task.
type Revision struct {
	ID                int64
	TaskID            string
	Number            int
	Reason            string
	BasedOnRevisionID int64 // 0 when the revision is based on none (reason initial)
	Note              string
	Currency          string
	TaxRateBP         int64
	TaxRounding       string
	ContingencyBP     int64
	DiscountMinor     int64 // 出精値引
	CreatedAt         time.Time
}

// RevisionLine is one line of a revision. LineKey identifies the same deliverable in every
// revision of a task, so two revisions can be compared line by line.
type RevisionLine struct {
	Position                int
	LineKey                 string
	Name, Description       string
	Phases                  [estimate.PhaseCount]int64 // tenths, indexed by estimate.Phase
	Optimistic, Pessimistic int64                      // tenths
	UnitCostMinor           int64                      // per person-day
	Confidence, Reasoning   string
	Assumptions, Risks      []string
	Source                  string
}

// RevisionSummary is a row of a task's revision history.
type RevisionSummary struct {
	ID        int64
	Number    int
	Reason    string
	Note      string
	CreatedAt time.Time
}

type revisionRow struct {
	ID                int64         `db:"id"`
	TaskID            string        `db:"task_id"`
	Number            int           `db:"number"`
	Reason            string        `db:"reason"`
	BasedOnRevisionID sql.NullInt64 `db:"based_on_revision_id"`
	Note              string        `db:"note"`
	Currency          string        `db:"currency"`
	TaxRateBP         int64         `db:"tax_rate_bp"`
	TaxRounding       string        `db:"tax_rounding"`
	ContingencyBP     int64         `db:"contingency_bp"`
	DiscountMinor     int64         `db:"discount_minor"`
	CreatedAt         time.Time     `db:"created_at"`
}

func (r revisionRow) revision() Revision {
	return Revision{
		ID:                r.ID,
		TaskID:            r.TaskID,
		Number:            r.Number,
		Reason:            r.Reason,
		BasedOnRevisionID: r.BasedOnRevisionID.Int64,
		Note:              r.Note,
		Currency:          r.Currency,
		TaxRateBP:         r.TaxRateBP,
		TaxRounding:       r.TaxRounding,
		ContingencyBP:     r.ContingencyBP,
		DiscountMinor:     r.DiscountMinor,
		CreatedAt:         r.CreatedAt.UTC(),
	}
}

type revisionLineRow struct {
	Position      int    `db:"position"`
	LineKey       string `db:"line_key"`
	Name          string `db:"name"`
	Description   string `db:"description"`
	Req           int64  `db:"requirements_tenths"`
	Design        int64  `db:"design_tenths"`
	Impl          int64  `db:"implementation_tenths"`
	Testing       int64  `db:"testing_tenths"`
	Docs          int64  `db:"documentation_tenths"`
	Optimistic    int64  `db:"optimistic_tenths"`
	Pessimistic   int64  `db:"pessimistic_tenths"`
	UnitCostMinor int64  `db:"unit_cost_minor"`
	Confidence    string `db:"confidence"`
	Reasoning     string `db:"reasoning"`
	Assumptions   string `db:"assumptions"`
	Risks         string `db:"risks"`
	Source        string `db:"source"`
}

func (r revisionLineRow) line() (RevisionLine, error) {
	assumptions, risks, err := decodeNotes(r.Position, r.Assumptions, r.Risks)
	if err != nil {
		return RevisionLine{}, err
	}
	return RevisionLine{
		Position:      r.Position,
		LineKey:       r.LineKey,
		Name:          r.Name,
		Description:   r.Description,
		Phases:        [estimate.PhaseCount]int64{r.Req, r.Design, r.Impl, r.Testing, r.Docs},
		Optimistic:    r.Optimistic,
		Pessimistic:   r.Pessimistic,
		UnitCostMinor: r.UnitCostMinor,
		Confidence:    r.Confidence,
		Reasoning:     r.Reasoning,
		Assumptions:   assumptions,
		Risks:         risks,
		Source:        r.Source,
	}, nil
}

// lineKey is the revision line key of a task line: stable across runs and revisions because the
// task line's id never changes.
func lineKey(taskLineID int64) string {
	return "line-" + strconv.FormatInt(taskLineID, 10)
}

const (
	// The number is computed inside the INSERT; callers hold the task's lock (see lockTask), and
	// UNIQUE (task_id, number) turns any other concurrent writer into ErrConflict.
	insertRevisionFromTaskQuery = `INSERT INTO revisions (task_id, number, reason, currency, tax_rate_bp, tax_rounding, created_at)
SELECT id, (SELECT COALESCE(MAX(number), 0) + 1 FROM revisions WHERE task_id = ?), ?, currency, tax_rate_bp,
	tax_rounding, ?
FROM tasks WHERE id = ?
RETURNING id`
	taskUnitCostQuery       = `SELECT unit_cost_minor FROM tasks WHERE id = ?`
	doneLinesQuery          = lineSelect + `WHERE le.run_id = ? AND le.status = 'done' ORDER BY tl.position`
	insertRevisionLineQuery = `INSERT INTO revision_lines (revision_id, position, line_key, name, description,
	requirements_tenths, design_tenths, implementation_tenths, testing_tenths, documentation_tenths,
	optimistic_tenths, pessimistic_tenths, unit_cost_minor, confidence, reasoning, assumptions, risks, source)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// createRevisionFromRun stores revision n+1 of the task (reason initial: the engine's estimate)
// from the run's done lines, numbered 1, 2, … in task order, each priced at the task's unit cost,
// with the task's currency, tax rate and tax rounding, no contingency and no discount.
func createRevisionFromRun(ctx context.Context, tx *sqlx.Tx, taskID string, runID int64, now time.Time) error {
	var revisionID, unitCost int64
	err := tx.GetContext(ctx, &revisionID, tx.Rebind(insertRevisionFromTaskQuery), taskID, RevisionInitial, now, taskID)
	if isUniqueViolation(err) {
		return fmt.Errorf("create revision: %w: %w", ErrConflict, err)
	}
	if err != nil {
		return fmt.Errorf("create revision: %w", err)
	}
	if err := tx.GetContext(ctx, &unitCost, tx.Rebind(taskUnitCostQuery), taskID); err != nil {
		return err
	}
	var lines []lineRow
	if err := tx.SelectContext(ctx, &lines, tx.Rebind(doneLinesQuery), runID); err != nil {
		return err
	}
	stmt, err := tx.PreparexContext(ctx, tx.Rebind(insertRevisionLineQuery))
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, l := range lines {
		// Assumptions and risks are copied as the JSON text they are stored as.
		if _, err := stmt.ExecContext(ctx, revisionID, i+1, lineKey(l.LineID), l.Name, l.Description, l.Req,
			l.Design, l.Impl, l.Testing, l.Docs, l.Optimistic, l.Pessimistic, unitCost, l.Confidence,
			l.Reasoning, l.Assumptions, l.Risks, l.Source); err != nil {
			return fmt.Errorf("revision line %d: %w", i+1, err)
		}
	}
	return nil
}

const (
	latestRevisionQuery = `SELECT id, task_id, number, reason, based_on_revision_id, note, currency, tax_rate_bp,
	tax_rounding, contingency_bp, discount_minor, created_at
FROM revisions WHERE task_id = ? ORDER BY number DESC LIMIT 1`
	revisionLinesQuery = `SELECT position, line_key, name, description, requirements_tenths, design_tenths,
	implementation_tenths, testing_tenths, documentation_tenths, optimistic_tenths, pessimistic_tenths,
	unit_cost_minor, confidence, reasoning, assumptions, risks, source
FROM revision_lines WHERE revision_id = ? ORDER BY position`
)

// LatestRevision returns the task's newest revision and its lines by position. ErrNotFound when
// the task has none. A revision never changes once written, so the two reads need no transaction.
func (s *Store) LatestRevision(ctx context.Context, taskID string) (Revision, []RevisionLine, error) {
	if !ValidTaskID(taskID) {
		return Revision{}, nil, fmt.Errorf("store: get latest revision %q: %w", taskID, ErrNotFound)
	}
	var r revisionRow
	err := s.db.GetContext(ctx, &r, s.db.Rebind(latestRevisionQuery), taskID)
	if errors.Is(err, sql.ErrNoRows) {
		return Revision{}, nil, fmt.Errorf("store: get latest revision %q: %w", taskID, ErrNotFound)
	}
	if err != nil {
		return Revision{}, nil, fmt.Errorf("store: get latest revision %q: %w", taskID, err)
	}
	var rows []revisionLineRow
	if err := s.db.SelectContext(ctx, &rows, s.db.Rebind(revisionLinesQuery), r.ID); err != nil {
		return Revision{}, nil, fmt.Errorf("store: get latest revision %q: %w", taskID, err)
	}
	lines := make([]RevisionLine, len(rows))
	for i, row := range rows {
		if lines[i], err = row.line(); err != nil {
			return Revision{}, nil, fmt.Errorf("store: get latest revision %q: %w", taskID, err)
		}
	}
	return r.revision(), lines, nil
}

const revisionsQuery = `SELECT id, number, reason, note, created_at FROM revisions WHERE task_id = ? ORDER BY number DESC`

type revisionSummaryRow struct {
	ID        int64     `db:"id"`
	Number    int       `db:"number"`
	Reason    string    `db:"reason"`
	Note      string    `db:"note"`
	CreatedAt time.Time `db:"created_at"`
}

// Revisions returns the task's revision history, newest first; empty for a task without
// revisions or one that does not exist.
func (s *Store) Revisions(ctx context.Context, taskID string) ([]RevisionSummary, error) {
	if !ValidTaskID(taskID) {
		return []RevisionSummary{}, nil
	}
	var rows []revisionSummaryRow
	if err := s.db.SelectContext(ctx, &rows, s.db.Rebind(revisionsQuery), taskID); err != nil {
		return nil, fmt.Errorf("store: list revisions %q: %w", taskID, err)
	}
	list := make([]RevisionSummary, len(rows))
	for i, r := range rows {
		list[i] = RevisionSummary{ID: r.ID, Number: r.Number, Reason: r.Reason, Note: r.Note, CreatedAt: r.CreatedAt.UTC()}
	}
	return list, nil
}
