package store

import (
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// Task statuses (the CHECK constraint's values).
const (
	StatusGeneratingQuestions = "generating_questions"
	StatusAwaitingAnswers     = "awaiting_answers"
	StatusEstimating          = "estimating"
	StatusEstimated           = "estimated"
	StatusFailed              = "failed"
)

// NewTask is what CreateTask stores. Language, currency, tax rate, tax rounding and unit cost are
// the values in force at creation; the task keeps them so a later configuration change never
// alters its estimate.
type NewTask struct {
	Title, ClientName, ClientHonorific string // honorific: "onchu" (御中), "sama" (様) or ""
	Language, Currency                 string // "ja"|"en", "JPY"|"USD"
	TaxRateBP                          int64  // basis points
	TaxRounding                        string // "down" | "half_up" | "up"
	UnitCostMinor                      int64
	Requirements                       string
	QuestionCount                      int
	Lines                              []NewLine // in order; at least one
	// QuestionsJobAttempts, when > 0, queues the job that generates the questions in the same
	// transaction, so a crash right after creation cannot leave a task with no job to move it on.
	QuestionsJobAttempts int
}

// NewLine is one deliverable (成果物) of a NewTask.
type NewLine struct{ Name, Description string }

// Task is one estimation request. Times are in UTC.
type Task struct {
	ID, Title, ClientName, ClientHonorific, Language, Currency string
	TaxRateBP                                                  int64
	TaxRounding                                                string
	UnitCostMinor                                              int64
	Requirements                                               string
	QuestionCount                                              int
	Status, ErrorMessage                                       string
	CreatedAt, UpdatedAt                                       time.Time
}

// TaskLine is one deliverable of a task as entered or uploaded. Position counts from 1.
type TaskLine struct {
	ID                int64
	Position          int
	Name, Description string
}

// TaskSummary is a row of the estimates list.
type TaskSummary struct {
	ID, Title, ClientName, ClientHonorific, Status, Currency, Language string
	LineCount                                                          int
	CreatedAt                                                          time.Time
	TotalMinor                                                         *int64 // the latest revision's total, tax included; nil before the first
}

// taskRow is a tasks row as sqlx scans it; the exported Task carries no database tags.
type taskRow struct {
	ID              string    `db:"id"`
	Title           string    `db:"title"`
	ClientName      string    `db:"client_name"`
	ClientHonorific string    `db:"client_honorific"`
	Language        string    `db:"language"`
	Currency        string    `db:"currency"`
	TaxRateBP       int64     `db:"tax_rate_bp"`
	TaxRounding     string    `db:"tax_rounding"`
	UnitCostMinor   int64     `db:"unit_cost_minor"`
	Requirements    string    `db:"requirements"`
	QuestionCount   int       `db:"question_count"`
	Status          string    `db:"status"`
	ErrorMessage    string    `db:"error_message"`
	CreatedAt       time.Time `db:"created_at"`
	UpdatedAt       time.Time `db:"updated_at"`
}

// task converts the row. Times are put in UTC because pgx returns TIMESTAMPTZ in the local zone.
func (r taskRow) task() Task {
	return Task{
		ID:              r.ID,
		Title:           r.Title,
		ClientName:      r.ClientName,
		ClientHonorific: r.ClientHonorific,
		Language:        r.Language,
		Currency:        r.Currency,
		TaxRateBP:       r.TaxRateBP,
		TaxRounding:     r.TaxRounding,
		UnitCostMinor:   r.UnitCostMinor,
		Requirements:    r.Requirements,
		QuestionCount:   r.QuestionCount,
		Status:          r.Status,
		ErrorMessage:    r.ErrorMessage,
		CreatedAt:       r.CreatedAt.UTC(),
		UpdatedAt:       r.UpdatedAt.UTC(),
	}
}

type taskLineRow struct {
	ID          int64  `db:"id"`
	Position    int    `db:"position"`
	Name        string `db:"name"`
	Description string `db:"description"`
}

type taskSummaryRow struct {
	ID              string        `db:"id"`
	Title           string        `db:"title"`
	ClientName      string        `db:"client_name"`
	ClientHonorific string        `db:"client_honorific"`
	Status          string        `db:"status"`
	Currency        string        `db:"currency"`
	Language        string        `db:"language"`
	LineCount       int           `db:"line_count"`
	CreatedAt       time.Time     `db:"created_at"`
	TotalMinor      sql.NullInt64 `db:"total_minor"`
}

// newTaskID returns a random UUID (version 4, RFC 9562) in canonical lower-case form. Task ids
// appear in URLs, so they must not be guessable or reveal how many tasks exist.
func newTaskID() string {
	var b [16]byte
	// crypto/rand.Read never returns an error: it always fills b or crashes the program.
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // variant 10xx
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:36], b[10:16])
	return string(s[:])
}

// ValidTaskID reports whether id has the shape of a task id (canonical lower-case UUID), so
// handlers can 404 malformed ids without a query. Any UUID version is accepted; only the shape
// is checked.
func ValidTaskID(id string) bool {
	if len(id) != 36 {
		return false
	}
	for i := range len(id) {
		c := id[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
				return false
			}
		}
	}
	return true
}

const insertTaskQuery = `INSERT INTO tasks (id, title, client_name, client_honorific, language, currency,
	tax_rate_bp, tax_rounding, unit_cost_minor, requirements, question_count, status, created_at, updated_at, search_text)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

const insertTaskLineQuery = `INSERT INTO task_lines (task_id, position, name, description) VALUES (?, ?, ?, ?)`

// CreateTask stores the task and its lines in one transaction with status StatusGeneratingQuestions
// and returns its id: a random UUID (version 4, crypto/rand), never sequential. now is the creation
// time. It is stored in UTC and truncated to microseconds, the precision PostgreSQL keeps, so both
// engines return the same time. The database's CHECK constraints reject values outside the
// documented sets; nothing is stored then.
func (s *Store) CreateTask(ctx context.Context, t NewTask, now time.Time) (string, error) {
	if len(t.Lines) == 0 {
		return "", errors.New("store: create task: a task needs at least one line")
	}
	id := newTaskID()
	now = now.UTC().Truncate(time.Microsecond)
	err := s.WithTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, tx.Rebind(insertTaskQuery), id, t.Title, t.ClientName,
			t.ClientHonorific, t.Language, t.Currency, t.TaxRateBP, t.TaxRounding, t.UnitCostMinor,
			t.Requirements, t.QuestionCount, StatusGeneratingQuestions, now, now, searchText(t.Title, t.ClientName)); err != nil {
			return err
		}
		if err := insertTaskLines(ctx, tx, id, t.Lines); err != nil {
			return err
		}
		if t.QuestionsJobAttempts > 0 {
			return insertJob(ctx, tx, JobQuestions, id, jobRef{}, t.QuestionsJobAttempts, now)
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("store: create task: %w", err)
	}
	return id, nil
}

// insertTaskLines stores lines under taskID with positions 1, 2, … in their order. The statement
// is prepared once because an uploaded spreadsheet may hold many lines.
func insertTaskLines(ctx context.Context, tx *sqlx.Tx, taskID string, lines []NewLine) error {
	stmt, err := tx.PreparexContext(ctx, tx.Rebind(insertTaskLineQuery))
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, l := range lines {
		if _, err := stmt.ExecContext(ctx, taskID, i+1, l.Name, l.Description); err != nil {
			return fmt.Errorf("line %d: %w", i+1, err)
		}
	}
	return nil
}

const taskQuery = `SELECT id, title, client_name, client_honorific, language, currency, tax_rate_bp,
	tax_rounding, unit_cost_minor, requirements, question_count, status, error_message, created_at, updated_at
FROM tasks WHERE id = ?`

// Task returns one task; ErrNotFound when there is none, including for an id that is not a task id
// at all (see ValidTaskID), which is not looked up.
func (s *Store) Task(ctx context.Context, id string) (Task, error) {
	if !ValidTaskID(id) {
		return Task{}, fmt.Errorf("store: get task %q: %w", id, ErrNotFound)
	}
	var r taskRow
	err := s.db.GetContext(ctx, &r, s.db.Rebind(taskQuery), id)
	if errors.Is(err, sql.ErrNoRows) {
		return Task{}, fmt.Errorf("store: get task %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return Task{}, fmt.Errorf("store: get task %q: %w", id, err)
	}
	return r.task(), nil
}

const taskLinesQuery = `SELECT id, position, name, description FROM task_lines WHERE task_id = ? ORDER BY position`

// TaskLines returns the task's lines by position. A task that does not exist has no lines, so the
// result is then empty rather than ErrNotFound; call Task to tell the two apart.
func (s *Store) TaskLines(ctx context.Context, taskID string) ([]TaskLine, error) {
	if !ValidTaskID(taskID) {
		return []TaskLine{}, nil
	}
	var rows []taskLineRow
	if err := s.db.SelectContext(ctx, &rows, s.db.Rebind(taskLinesQuery), taskID); err != nil {
		return nil, fmt.Errorf("store: list task lines %q: %w", taskID, err)
	}
	lines := make([]TaskLine, len(rows))
	for i, r := range rows {
		lines[i] = TaskLine(r)
	}
	return lines, nil
}

// taskMatches is the search of ListTasks: the task's search text (migration 00007: title and
// client name, folded in Go) contains the query folded the same way. Its argument is the LIKE
// pattern (see ListTasks). ESCAPE is spelled out because SQLite's LIKE has no escape character by
// default.
const taskMatches = `search_text LIKE ? ESCAPE '\'`

// The statements of ListTasks, with and without a search (indexes: migration 00010). The page
// reads tasks_list_idx (created_at, id, search_text), which holds the list's order, the id that
// breaks ties in it and the search text:
//   - the derived table picks the page's ids from the index alone, walking it backwards with no
//     sort, so neither the rows that OFFSET skips nor the ones the search rejects are read from
//     the table;
//   - the outer query then reads those tasks by primary key, counts their lines (UNIQUE
//     (task_id, position) index) and reads their latest revision's kept total (UNIQUE (task_id,
//     number) index): a correlated subquery in the derived table would run for every skipped
//     row too. A derived table keeps no order, so the outer query sorts the page again.
//
// The id breaks ties between tasks created in the same microsecond so that pages never overlap or
// skip a task. The count reads tasks_search_idx (search_text), the narrowest index that has the
// search text. Without a search there is no WHERE at all: an always-true condition on a bound
// parameter is still evaluated row by row, and it kept COUNT(*) from counting an index.
const (
	listTasksSelect = `SELECT t.id, t.title, t.client_name, t.client_honorific, t.status, t.currency, t.language,
	(SELECT COUNT(*) FROM task_lines WHERE task_lines.task_id = page.id) AS line_count, t.created_at,
	` + latestTotalColumnSelect + ` AS total_minor
FROM (SELECT id, created_at FROM tasks `
	listTasksPage = `ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?) AS page
JOIN tasks t ON t.id = page.id
ORDER BY page.created_at DESC, page.id DESC`
	listTasksQuery   = listTasksSelect + listTasksPage
	searchTasksQuery = listTasksSelect + `WHERE ` + taskMatches + ` ` + listTasksPage
	countTasksQuery  = `SELECT COUNT(*) FROM tasks`
	countSearchQuery = countTasksQuery + ` WHERE ` + taskMatches
)

// ListTasks returns a page of tasks, newest first (created_at DESC, then id for a stable order),
// whose title or client name contains q, and the total number of matches. q is trimmed; an empty
// q matches every task. The match ignores case and compatibility forms (NFKC: 「Ａｃｍｅ」 finds
// "Acme", half-width ｶﾀｶﾅ finds カタカナ) alike on both databases, being made on text folded in Go, and
// LIKE's wildcards (% and _) and its escape character (\) in q match themselves. limit must be
// at least 1 and offset at least 0.
//
// The page and the total are two statements rather than one with COUNT(*) OVER (): the window
// makes the engine produce and sort every matching row before LIMIT applies, while the page query
// alone walks tasks_list_idx backwards and stops after offset+limit matching rows. The COUNT is
// skipped when the page itself shows where the list ends (a short page, or an empty first page).
// The two statements run outside a transaction, because on SQLite every transaction takes the
// write lock; a task created or deleted between them can make the total disagree slightly with
// the page, which a list page tolerates.
func (s *Store) ListTasks(ctx context.Context, q string, limit, offset int) ([]TaskSummary, int, error) {
	if limit < 1 || offset < 0 {
		return nil, 0, fmt.Errorf("store: list tasks: invalid page (limit %d, offset %d)", limit, offset)
	}
	list, count, search := listTasksQuery, countTasksQuery, []any{}
	if q = strings.TrimSpace(q); q != "" {
		list, count = searchTasksQuery, countSearchQuery
		search = []any{"%" + escapeLike(searchFold(q)) + "%"}
	}
	var rows []taskSummaryRow
	if err := s.db.SelectContext(ctx, &rows, s.db.Rebind(list), append(search, limit, offset)...); err != nil {
		return nil, 0, fmt.Errorf("store: list tasks: %w", err)
	}
	total := offset + len(rows)
	if len(rows) == limit || (len(rows) == 0 && offset > 0) {
		if err := s.db.GetContext(ctx, &total, s.db.Rebind(count), search...); err != nil {
			return nil, 0, fmt.Errorf("store: count tasks: %w", err)
		}
	}
	tasks := make([]TaskSummary, len(rows))
	for i, r := range rows {
		tasks[i] = TaskSummary{
			ID:              r.ID,
			Title:           r.Title,
			ClientName:      r.ClientName,
			ClientHonorific: r.ClientHonorific,
			Status:          r.Status,
			Currency:        r.Currency,
			Language:        r.Language,
			LineCount:       r.LineCount,
			CreatedAt:       r.CreatedAt.UTC(),
		}
		if r.TotalMinor.Valid {
			tasks[i].TotalMinor = &r.TotalMinor.Int64
		}
	}
	return tasks, total, nil
}

// likeEscaper makes LIKE's special characters literal with the escape character '\'. A Replacer
// works in one pass, so the backslashes it adds for % and _ are not escaped again.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// escapeLike returns s for use inside a LIKE pattern with ESCAPE '\', matching s literally.
func escapeLike(s string) string {
	return likeEscaper.Replace(s)
}

const deleteTaskQuery = `DELETE FROM tasks WHERE id = ?`

// DeleteTask removes the task and, through ON DELETE CASCADE, everything it owns (lines,
// questions, runs, estimates, jobs, revisions, chat, proposals); model calls are kept, detached.
// The audit record d is written in the same transaction. ErrNotFound when the task does not
// exist, including when another instance deleted it first: that deletion has its own record.
func (s *Store) DeleteTask(ctx context.Context, id string, d Deletion) error {
	if !ValidTaskID(id) {
		return fmt.Errorf("store: delete task %q: %w", id, ErrNotFound)
	}
	return s.deleteTask(ctx, id, d)
}

// deleteTask is DeleteTask for an id read from the database, which needs no validation.
func (s *Store) deleteTask(ctx context.Context, id string, d Deletion) error {
	if !d.valid() {
		return fmt.Errorf("store: delete task %q: unknown deleter %q", id, d.By)
	}
	err := s.WithTx(ctx, func(tx *sqlx.Tx) error {
		t, err := getOne[deletedTask](ctx, tx, deletedTaskQuery, id)
		if err != nil {
			return err
		}
		// On PostgreSQL a concurrent delete of the same task makes this one wait and then find
		// nothing: the task is gone once, with one record.
		res, err := tx.ExecContext(ctx, tx.Rebind(deleteTaskQuery), id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return cmp.Or(err, ErrNotFound)
		}
		return insertTaskDeletion(ctx, tx, id, t, d)
	})
	if err != nil {
		return fmt.Errorf("store: delete task %q: %w", id, err)
	}
	return nil
}
