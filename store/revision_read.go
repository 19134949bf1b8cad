package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

const (
	// revisionSelect reads revisions with the number of the revision each is based on; a WHERE
	// clause on r follows.
	revisionSelect = `SELECT r.id, r.task_id, r.number, r.reason,
	COALESCE(r.based_on_revision_id, 0) AS based_on_revision_id, COALESCE(b.number, 0) AS base_number,
	COALESCE(r.run_id, 0) AS run_id, r.note, r.currency, r.tax_rate_bp, r.tax_rounding, r.contingency_bp,
	r.discount_minor, r.created_at
FROM revisions r LEFT JOIN revisions b ON b.id = r.based_on_revision_id
`
	latestRevisionQuery  = revisionSelect + `WHERE r.task_id = ? ORDER BY r.number DESC LIMIT 1`
	revisionNumberQuery  = revisionSelect + `WHERE r.task_id = ? AND r.number = ?`
	revisionHistoryQuery = revisionSelect + `WHERE r.task_id = ? ORDER BY r.number DESC`

	// revisionLineFields are a revision line's columns but its notes (reasoning, assumptions and
	// risks, most of a line's bytes). scanRevisionLines reads them, then the notes, in this order.
	revisionLineFields = `rl.position, rl.line_key, rl.name, rl.description, rl.requirements_tenths,
	rl.design_tenths, rl.implementation_tenths, rl.testing_tenths, rl.documentation_tenths,
	rl.optimistic_tenths, rl.pessimistic_tenths, rl.unit_cost_minor, rl.confidence, rl.source, rl.model, `
	revisionLineColumns = revisionLineFields + `rl.reasoning, rl.assumptions, rl.risks`
	revisionLinesFrom   = `
FROM revision_lines rl WHERE rl.revision_id = ? ORDER BY rl.position`
	revisionLinesQuery = `SELECT ` + revisionLineColumns + revisionLinesFrom
	// revisionLinesBriefQuery is revisionLinesQuery without the notes (see withoutNotes).
	revisionLinesBriefQuery = `SELECT ` + revisionLineFields + withoutNotes + revisionLinesFrom
	revisionLineAtQuery     = `SELECT ` + revisionLineColumns + `
FROM revision_lines rl WHERE rl.revision_id = ? AND rl.position = ?`
	// taskRevisionLinesQuery reads the lines of every revision of a task at once.
	taskRevisionLinesQuery = `SELECT r.number AS revision_number, ` + revisionLineColumns + taskRevisionLinesFrom
	// taskRevisionFiguresQuery reads the figures of those lines only, which is all totals need.
	taskRevisionFiguresQuery = `SELECT r.number, rl.position, rl.requirements_tenths, rl.design_tenths,
	rl.implementation_tenths, rl.testing_tenths, rl.documentation_tenths, rl.optimistic_tenths,
	rl.pessimistic_tenths, rl.unit_cost_minor` + taskRevisionLinesFrom
	taskRevisionLinesFrom = `
FROM revision_lines rl JOIN revisions r ON r.id = rl.revision_id
WHERE r.task_id = ? ORDER BY r.number, rl.position`
)

// getRevisionLineRows reads a revision's lines by position, as stored.
func getRevisionLineRows(ctx context.Context, q sqlx.ExtContext, revisionID int64) ([]revisionLineRow, error) {
	return selectRevisionLineRows(ctx, q, revisionLinesQuery, revisionID)
}

func selectRevisionLineRows(ctx context.Context, q sqlx.ExtContext, linesQuery string, revisionID int64) ([]revisionLineRow, error) {
	var rows []revisionLineRow
	err := sqlx.SelectContext(ctx, q, &rows, q.Rebind(linesQuery), revisionID)
	return rows, err
}

// readRevision reads the one revision query selects and its lines by position.
func readRevision(ctx context.Context, q sqlx.ExtContext, query string, args ...any) (Revision, []RevisionLine, error) {
	return readRevisionWith(ctx, q, revisionLinesQuery, query, args...)
}

// readRevisionWith is readRevision with the lines read by linesQuery.
func readRevisionWith(ctx context.Context, q sqlx.ExtContext, linesQuery, query string, args ...any) (Revision, []RevisionLine, error) {
	r, err := getOne[revisionRow](ctx, q, query, args...)
	if err != nil {
		return Revision{}, nil, err
	}
	lines, err := scanRevisionLines(ctx, q, linesQuery, r.ID)
	if err != nil {
		return Revision{}, nil, err
	}
	return r.revision(), lines, nil
}

// scanRevisionLines reads the lines of a revision that linesQuery selects (revisionLineColumns,
// in order), scanned column by column into one reused row: for a 500-line revision, sqlx's
// reflection and a slice of rows before the lines allocated a third as much again as the lines.
func scanRevisionLines(ctx context.Context, q sqlx.ExtContext, linesQuery string, revisionID int64) ([]RevisionLine, error) {
	rows, err := q.QueryContext(ctx, q.Rebind(linesQuery), revisionID)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	var row revisionLineRow
	columns := []any{&row.Position, &row.LineKey, &row.Name, &row.Description, &row.Req, &row.Design, &row.Impl,
		&row.Testing, &row.Docs, &row.Optimistic, &row.Pessimistic, &row.UnitCostMinor, &row.Confidence, &row.Source,
		&row.Model, &row.Reasoning, &row.Assumptions, &row.Risks}
	lines := []RevisionLine{}
	for rows.Next() {
		if err := rows.Scan(columns...); err != nil {
			return nil, err
		}
		l, err := row.line()
		if err != nil {
			return nil, err
		}
		lines = append(lines, l)
	}
	return lines, rows.Err()
}

// LatestRevision returns the task's newest revision and its lines by position. ErrNotFound when
// the task has none. A revision never changes once written, so the two reads need no transaction.
func (s *Store) LatestRevision(ctx context.Context, taskID string) (Revision, []RevisionLine, error) {
	if !ValidTaskID(taskID) {
		return Revision{}, nil, fmt.Errorf("store: get latest revision %q: %w", taskID, ErrNotFound)
	}
	rev, lines, err := readRevision(ctx, s.db, latestRevisionQuery, taskID)
	if err != nil {
		return Revision{}, nil, fmt.Errorf("store: get latest revision %q: %w", taskID, err)
	}
	return rev, lines, nil
}

// LatestRevisionBrief is LatestRevision without each line's reasoning, assumptions and risks
// (empty): what the page of a big task needs, which shows them one line at a time, on demand.
func (s *Store) LatestRevisionBrief(ctx context.Context, taskID string) (Revision, []RevisionLine, error) {
	if !ValidTaskID(taskID) {
		return Revision{}, nil, fmt.Errorf("store: get latest revision %q: %w", taskID, ErrNotFound)
	}
	rev, lines, err := readRevisionWith(ctx, s.db, revisionLinesBriefQuery, latestRevisionQuery, taskID)
	if err != nil {
		return Revision{}, nil, fmt.Errorf("store: get latest revision %q: %w", taskID, err)
	}
	return rev, lines, nil
}

// Revision returns revision number of the task and its lines by position. ErrNotFound when the
// task has no such revision.
func (s *Store) Revision(ctx context.Context, taskID string, number int) (Revision, []RevisionLine, error) {
	if !ValidTaskID(taskID) {
		return Revision{}, nil, fmt.Errorf("store: get revision %d of %q: %w", number, taskID, ErrNotFound)
	}
	rev, lines, err := readRevision(ctx, s.db, revisionNumberQuery, taskID, number)
	if err != nil {
		return Revision{}, nil, fmt.Errorf("store: get revision %d of %q: %w", number, taskID, err)
	}
	return rev, lines, nil
}

// RevisionLineAt returns revision number of the task and its line at position, notes included:
// one line's breakdown without reading the others. ErrNotFound when there is no such revision or
// line.
func (s *Store) RevisionLineAt(ctx context.Context, taskID string, number, position int) (Revision, RevisionLine, error) {
	if !ValidTaskID(taskID) {
		return Revision{}, RevisionLine{}, fmt.Errorf("store: get line %d of revision %d of %q: %w", position, number, taskID, ErrNotFound)
	}
	r, err := getOne[revisionRow](ctx, s.db, revisionNumberQuery, taskID, number)
	if err != nil {
		return Revision{}, RevisionLine{}, fmt.Errorf("store: get line %d of revision %d of %q: %w", position, number, taskID, err)
	}
	row, err := getOne[revisionLineRow](ctx, s.db, revisionLineAtQuery, r.ID, position)
	if err != nil {
		return Revision{}, RevisionLine{}, fmt.Errorf("store: get line %d of revision %d of %q: %w", position, number, taskID, err)
	}
	l, err := row.line()
	if err != nil {
		return Revision{}, RevisionLine{}, fmt.Errorf("store: get line %d of revision %d of %q: %w", position, number, taskID, err)
	}
	return r.revision(), l, nil
}

// historyLineRow is a revision line with the number of its revision.
type historyLineRow struct {
	RevisionNumber int `db:"revision_number"`
	revisionLineRow
}

// RevisionHistory returns every revision of the task, newest first, and the lines of each by
// position, keyed by revision number. Empty for a task without revisions or one that does not
// exist. As for LatestRevision, immutability makes a transaction unnecessary: the revisions are
// read first, so each has its lines in the map; a revision made between the two reads may add
// lines to the map under a number the list does not have.
func (s *Store) RevisionHistory(ctx context.Context, taskID string) ([]Revision, map[int][]RevisionLine, error) {
	return s.revisionHistory(ctx, taskID, s.historyLines)
}

// RevisionHistoryBrief is RevisionHistory with only the figures of each line: its position, phase
// efforts, range and unit cost, the rest left empty. That is what the totals of every revision
// need, as the history page and the quotation workbook show them, without the names and the
// notes that make up most of a line's bytes.
func (s *Store) RevisionHistoryBrief(ctx context.Context, taskID string) ([]Revision, map[int][]RevisionLine, error) {
	return s.revisionHistory(ctx, taskID, s.historyFigures)
}

// revisionHistory reads the task's revisions, newest first, then their lines with readLines, in
// two statements however long the history is.
func (s *Store) revisionHistory(ctx context.Context, taskID string,
	readLines func(context.Context, string, map[int][]RevisionLine) error) ([]Revision, map[int][]RevisionLine, error) {
	lines := map[int][]RevisionLine{}
	if !ValidTaskID(taskID) {
		return []Revision{}, lines, nil
	}
	revs, err := selectAll(ctx, s.db, revisionRow.revision, revisionHistoryQuery, taskID)
	if err != nil {
		return nil, nil, fmt.Errorf("store: get revision history %q: %w", taskID, err)
	}
	if err := readLines(ctx, taskID, lines); err != nil {
		return nil, nil, fmt.Errorf("store: get revision history %q: %w", taskID, err)
	}
	return revs, lines, nil
}

// historyLines reads the lines of every revision of the task, whole, into lines by revision.
func (s *Store) historyLines(ctx context.Context, taskID string, lines map[int][]RevisionLine) error {
	var lineRows []historyLineRow
	if err := s.db.SelectContext(ctx, &lineRows, s.db.Rebind(taskRevisionLinesQuery), taskID); err != nil {
		return err
	}
	for _, row := range lineRows {
		l, err := row.line()
		if err != nil {
			return fmt.Errorf("revision %d: %w", row.RevisionNumber, err)
		}
		lines[row.RevisionNumber] = append(lines[row.RevisionNumber], l)
	}
	return nil
}

// historyFigures reads the figures of every revision line of the task into lines by revision,
// scanned column by column: a 500-line revision is 500 rows of numbers.
func (s *Store) historyFigures(ctx context.Context, taskID string, lines map[int][]RevisionLine) error {
	rows, err := s.db.QueryContext(ctx, s.db.Rebind(taskRevisionFiguresQuery), taskID)
	if err != nil {
		return err
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var number int
		var l RevisionLine
		p := &l.Phases
		if err := rows.Scan(&number, &l.Position, &p[0], &p[1], &p[2], &p[3], &p[4], &l.Optimistic, &l.Pessimistic, &l.UnitCostMinor); err != nil {
			return err
		}
		lines[number] = append(lines[number], l)
	}
	return rows.Err()
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
