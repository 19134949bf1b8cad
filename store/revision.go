package store

import (
	"context"
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

// RevisionReEstimate is the Kind of a revision made by a run over a task that already had one. It
// is never stored as a reason: the schema's reasons predate it (see migration 00002).
const RevisionReEstimate = "re_estimate"

// Revision is an immutable snapshot of a task's estimate, numbered 1, 2, … per task. Currency,
// tax rate and tax rounding are copied so the snapshot never changes with the task.
type Revision struct {
	ID                int64
	TaskID            string
	Number            int
	Reason            string
	BasedOnRevisionID int64 // 0 when the revision is based on none (the task's first)
	BaseNumber        int   // the number of the based-on revision, 0 when none
	RunID             int64 // the estimation run whose answers the revision rests on; 0 when unknown
	Note              string
	Currency          string
	TaxRateBP         int64
	TaxRounding       string
	ContingencyBP     int64
	DiscountMinor     int64 // 出精値引
	CreatedAt         time.Time
}

// Kind is what the history page calls the revision: RevisionReEstimate for a run's revision that
// is based on an earlier one, otherwise the reason.
func (r Revision) Kind() string {
	if r.Reason == RevisionInitial && r.BasedOnRevisionID != 0 {
		return RevisionReEstimate
	}
	return r.Reason
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
	Model                   string // the model behind an "ai" line's figures, for the record
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
	ID                int64     `db:"id"`
	TaskID            string    `db:"task_id"`
	Number            int       `db:"number"`
	Reason            string    `db:"reason"`
	BasedOnRevisionID int64     `db:"based_on_revision_id"` // 0 for NULL (see revisionSelect)
	BaseNumber        int       `db:"base_number"`
	RunID             int64     `db:"run_id"` // 0 for NULL
	Note              string    `db:"note"`
	Currency          string    `db:"currency"`
	TaxRateBP         int64     `db:"tax_rate_bp"`
	TaxRounding       string    `db:"tax_rounding"`
	ContingencyBP     int64     `db:"contingency_bp"`
	DiscountMinor     int64     `db:"discount_minor"`
	CreatedAt         time.Time `db:"created_at"`
}

// revision converts the row. Times are put in UTC because pgx returns TIMESTAMPTZ in the local zone.
func (r revisionRow) revision() Revision {
	rev := Revision(r)
	rev.CreatedAt = r.CreatedAt.UTC()
	return rev
}

// revisionLineRow is a revision line as stored: assumptions and risks are JSON text.
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
	Model         string `db:"model"`
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
		Model:         r.Model,
	}, nil
}

// row encodes l for storage; the caller sets the position and, for a new deliverable, the key.
func (l RevisionLine) row() (revisionLineRow, error) {
	assumptions, err := encodeList(l.Assumptions)
	if err != nil {
		return revisionLineRow{}, err
	}
	risks, err := encodeList(l.Risks)
	if err != nil {
		return revisionLineRow{}, err
	}
	p := l.Phases
	return revisionLineRow{
		Position: l.Position, LineKey: l.LineKey, Name: l.Name, Description: l.Description,
		Req: p[0], Design: p[1], Impl: p[2], Testing: p[3], Docs: p[4],
		Optimistic: l.Optimistic, Pessimistic: l.Pessimistic, UnitCostMinor: l.UnitCostMinor,
		Confidence: l.Confidence, Reasoning: l.Reasoning, Assumptions: assumptions, Risks: risks, Source: l.Source,
		Model: l.Model,
	}, nil
}

// totals computes what the estimate package makes of lines under the given terms; the tax does not
// matter to the store, so none is applied. It fails for numbers no quotation can have, such as a
// discount above the lines plus contingency.
func totals(lines []revisionLineRow, contingencyBP, discountMinor int64) (estimate.Totals, error) {
	doc := estimate.Document{ContingencyBP: contingencyBP, DiscountMinor: discountMinor}
	for _, r := range lines {
		doc.Lines = append(doc.Lines, estimate.Line{
			Name: r.Name,
			Effort: estimate.Effort{
				Phases:     [estimate.PhaseCount]int64{r.Req, r.Design, r.Impl, r.Testing, r.Docs},
				Optimistic: r.Optimistic, Pessimistic: r.Pessimistic,
			},
			UnitCostMinor: r.UnitCostMinor,
		})
	}
	return doc.Totals()
}

// lineKey is the revision line key of a task line: stable across runs and revisions because the
// task line's id never changes.
func lineKey(taskLineID int64) string {
	return "line-" + strconv.FormatInt(taskLineID, 10)
}

const insertRevisionLineQuery = `INSERT INTO revision_lines (revision_id, position, line_key, name, description,
	requirements_tenths, design_tenths, implementation_tenths, testing_tenths, documentation_tenths,
	optimistic_tenths, pessimistic_tenths, unit_cost_minor, confidence, reasoning, assumptions, risks, source, model)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// insertRevisionLines stores the lines of a new revision as given, positions included, and then
// the revision's total (keepRevisionTotal): with its lines the revision is complete.
func insertRevisionLines(ctx context.Context, tx *sqlx.Tx, revisionID int64, lines []revisionLineRow) error {
	stmt, err := tx.PreparexContext(ctx, tx.Rebind(insertRevisionLineQuery))
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, l := range lines {
		if _, err := stmt.ExecContext(ctx, revisionID, l.Position, l.LineKey, l.Name, l.Description, l.Req,
			l.Design, l.Impl, l.Testing, l.Docs, l.Optimistic, l.Pessimistic, l.UnitCostMinor, l.Confidence,
			l.Reasoning, l.Assumptions, l.Risks, l.Source, l.Model); err != nil {
			return fmt.Errorf("revision line %d: %w", l.Position, err)
		}
	}
	return keepRevisionTotal(ctx, tx, revisionID)
}
