package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"estimator/estimate"
)

// Run statuses (the CHECK constraint's values). A run stays running until it is settled: every
// line done (finished, with a revision), failed lines dropped (finished, with a revision from
// the rest), or cancelled. A run whose remaining lines all failed is still running: its lines
// can be retried.
const (
	RunRunning   = "running"
	RunFinished  = "finished"
	RunCancelled = "cancelled"
)

// Line estimate statuses (the CHECK constraint's values).
const (
	LinePending   = "pending"
	LineDone      = "done"
	LineFailed    = "failed"
	LineCancelled = "cancelled"
)

// Error codes stored for the user. They are codes rather than prose, so the HTTP layer shows them
// in the visitor's language.
const (
	// CodeEstimateFailed is a failed line's error when the engine gave no user-safe reason.
	CodeEstimateFailed = "estimate_failed"
	// CodeLinesFailed is the task's error message when some lines failed and none is pending.
	CodeLinesFailed = "lines_failed"
)

// Run is one estimation pass over a task's lines, numbered 1, 2, … per task.
type Run struct {
	ID         int64
	TaskID     string
	Number     int
	Status     string
	StartedAt  time.Time
	FinishedAt *time.Time // nil while running
}

// LineValues is an estimate of one line as a worker stores it. Phases are tenths of a
// person-day indexed by estimate.Phase; Source is "ai" or "offline".
type LineValues struct {
	Phases                  [estimate.PhaseCount]int64
	Optimistic, Pessimistic int64
	Confidence, Reasoning   string
	Assumptions, Risks      []string
	Source, Model           string
}

// LineResult is one line of a run with its estimate. Only a done line carries numbers; a failed
// line carries Error, a code for the pages to translate (CodeEstimateFailed or the engine's kind
// of failure, such as rate_limited).
type LineResult struct {
	LineID            int64 // the task line's id
	Position          int
	Name, Description string
	Status            string
	LineValues
	Error     string
	UpdatedAt time.Time
}

type runRow struct {
	ID         int64        `db:"id"`
	TaskID     string       `db:"task_id"`
	Number     int          `db:"number"`
	Status     string       `db:"status"`
	StartedAt  time.Time    `db:"started_at"`
	FinishedAt sql.NullTime `db:"finished_at"`
}

func (r runRow) run() Run {
	run := Run{ID: r.ID, TaskID: r.TaskID, Number: r.Number, Status: r.Status, StartedAt: r.StartedAt.UTC()}
	if r.FinishedAt.Valid {
		t := r.FinishedAt.Time.UTC()
		run.FinishedAt = &t
	}
	return run
}

// lineRow is a line estimate joined with its task line, as LatestRun and revisions read it.
type lineRow struct {
	LineID      int64     `db:"task_line_id"`
	Position    int       `db:"position"`
	Name        string    `db:"name"`
	Description string    `db:"description"`
	Status      string    `db:"status"`
	Req         int64     `db:"requirements_tenths"`
	Design      int64     `db:"design_tenths"`
	Impl        int64     `db:"implementation_tenths"`
	Testing     int64     `db:"testing_tenths"`
	Docs        int64     `db:"documentation_tenths"`
	Optimistic  int64     `db:"optimistic_tenths"`
	Pessimistic int64     `db:"pessimistic_tenths"`
	Confidence  string    `db:"confidence"`
	Reasoning   string    `db:"reasoning"`
	Assumptions string    `db:"assumptions"`
	Risks       string    `db:"risks"`
	Source      string    `db:"source"`
	Model       string    `db:"model"`
	Error       string    `db:"error"`
	UpdatedAt   time.Time `db:"updated_at"`
}

func (r lineRow) result() (LineResult, error) {
	assumptions, risks, err := decodeNotes(r.Position, r.Assumptions, r.Risks)
	if err != nil {
		return LineResult{}, err
	}
	return LineResult{
		LineID:      r.LineID,
		Position:    r.Position,
		Name:        r.Name,
		Description: r.Description,
		Status:      r.Status,
		LineValues: LineValues{
			Phases:      [estimate.PhaseCount]int64{r.Req, r.Design, r.Impl, r.Testing, r.Docs},
			Optimistic:  r.Optimistic,
			Pessimistic: r.Pessimistic,
			Confidence:  r.Confidence,
			Reasoning:   r.Reasoning,
			Assumptions: assumptions,
			Risks:       risks,
			Source:      r.Source,
			Model:       r.Model,
		},
		Error:     r.Error,
		UpdatedAt: r.UpdatedAt.UTC(),
	}, nil
}

// encodeList stores a list of strings as a JSON array; nil becomes [], never null.
func encodeList(list []string) (string, error) {
	if list == nil {
		list = []string{}
	}
	b, err := json.Marshal(list)
	return string(b), err
}

// decodeList reads a JSON array of strings; the result is never nil.
// decodeNotes decodes a line's assumptions and risks, stored as JSON lists.
func decodeNotes(position int, assumptions, risks string) ([]string, []string, error) {
	a, err := decodeList(assumptions)
	if err != nil {
		return nil, nil, fmt.Errorf("line %d assumptions: %w", position, err)
	}
	r, err := decodeList(risks)
	if err != nil {
		return nil, nil, fmt.Errorf("line %d risks: %w", position, err)
	}
	return a, r, nil
}

func decodeList(s string) ([]string, error) {
	if list, ok := decodePlainList(s); ok {
		return list, nil
	}
	list := []string{}
	if err := json.Unmarshal([]byte(s), &list); err != nil {
		return nil, err
	}
	return list, nil
}

const lockTaskQuery = `UPDATE tasks SET updated_at = ? WHERE id = ? RETURNING status`

// lockTask marks the task as changed and returns its status. It is the first statement of every
// transaction that changes a task's runs, lines, job outcomes or questions: on PostgreSQL the
// row lock it takes makes those transactions run one at a time per task, so the counts that settle
// a run are never stale (SQLite's write lock already serializes them). Taking this lock first
// everywhere also gives every such transaction the same lock order, so they cannot deadlock.
// ErrNotFound when the task does not exist.
func lockTask(ctx context.Context, tx *sqlx.Tx, taskID string, now time.Time) (string, error) {
	var status string
	err := tx.GetContext(ctx, &status, tx.Rebind(lockTaskQuery), now, taskID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return status, err
}

const (
	runningRunsQuery = `SELECT id FROM estimate_runs WHERE task_id = ? AND status = 'running'`
	nextRunQuery     = `SELECT COALESCE(MAX(number), 0) + 1 FROM estimate_runs WHERE task_id = ?`
	insertRunQuery   = `INSERT INTO estimate_runs (task_id, number, status, answers, started_at) VALUES (?, ?, 'running', ?, ?)
RETURNING id, task_id, number, status, started_at, finished_at`
	// The two statements below are expanded by sqlx.In for the task lines to estimate.
	insertPendingLinesQuery = `INSERT INTO line_estimates (run_id, task_line_id, status, created_at, updated_at)
SELECT ?, id, 'pending', ?, ? FROM task_lines WHERE id IN (?)`
	// Jobs are inserted in line order so that workers, which take the oldest first, start with
	// the first lines and the page fills in from the top.
	insertLineJobsQuery = `INSERT INTO jobs (kind, task_id, run_id, task_line_id, status, max_attempts, run_after,
	created_at, updated_at)
SELECT 'estimate_line', task_id, ?, id, 'queued', ?, ?, ?, ? FROM task_lines WHERE id IN (?) ORDER BY position`
	setTaskStatusQuery = `UPDATE tasks SET status = ?, error_message = ?, updated_at = ? WHERE id = ?`
)

// StartRun starts estimating the task afresh, in one transaction: a running run of the task is
// cancelled with its pending lines and unfinished jobs; run n+1 is created with the questions and
// answers as they are now (see RunAnswers) and one pending line estimate and one queued
// estimate_line job (maxAttempts attempts) per line to estimate; the task's status becomes
// estimating. The lines to estimate are every task line until the task has a revision, then the
// deliverables of its latest revision (see linesToEstimate). Earlier runs keep their rows and
// earlier revisions stay. ErrNotFound when the task does not exist; ErrConflict while its
// questions are being generated.
func (s *Store) StartRun(ctx context.Context, taskID string, maxAttempts int, now time.Time) (Run, error) {
	return s.startRun(ctx, taskID, maxAttempts, now, false)
}

// StartRunForAnswers is StartRun for answers a person just sent: when the task's latest run
// (running or finished) used exactly the answers the task has now, that run stands and is
// returned, and nothing is started. A double submit, a second tab or twenty identical posts make
// one run and pay for one set of calls; the check and the start are one transaction.
func (s *Store) StartRunForAnswers(ctx context.Context, taskID string, maxAttempts int, now time.Time) (Run, error) {
	return s.startRun(ctx, taskID, maxAttempts, now, true)
}

func (s *Store) startRun(ctx context.Context, taskID string, maxAttempts int, now time.Time, keepSame bool) (Run, error) {
	if !ValidTaskID(taskID) {
		return Run{}, fmt.Errorf("store: start run %q: %w", taskID, ErrNotFound)
	}
	if maxAttempts < 1 {
		return Run{}, fmt.Errorf("store: start run %q: max attempts %d: a job needs at least one attempt", taskID, maxAttempts)
	}
	now = dbTime(now)
	var r runRow
	err := s.WithTx(ctx, func(tx *sqlx.Tx) error {
		status, err := lockTask(ctx, tx, taskID, now)
		if err != nil {
			return err
		}
		if status == StatusGeneratingQuestions {
			return ErrConflict
		}
		answers, err := answersSnapshot(ctx, tx, taskID)
		if err != nil {
			return err
		}
		if keepSame {
			latest, err := latestRunTx(ctx, tx, taskID)
			switch {
			case err == nil && latest.Status != RunCancelled:
				used, err := getOne[string](ctx, tx, runAnswersQuery, latest.ID)
				if err != nil || used == answers {
					r = latest
					return err
				}
			case err != nil && !errors.Is(err, ErrNotFound):
				return err
			}
		}
		var running []int64
		if err := tx.SelectContext(ctx, &running, tx.Rebind(runningRunsQuery), taskID); err != nil {
			return err
		}
		for _, id := range running {
			if err := cancelRun(ctx, tx, id, now); err != nil {
				return err
			}
		}
		var number int
		if err := tx.GetContext(ctx, &number, tx.Rebind(nextRunQuery), taskID); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &r, tx.Rebind(insertRunQuery), taskID, number, answers, now); err != nil {
			return err
		}
		lineIDs, err := linesToEstimate(ctx, tx, taskID)
		if err != nil {
			return err
		}
		if err := execIn(ctx, tx, insertPendingLinesQuery, r.ID, now, now, lineIDs); err != nil {
			return err
		}
		if err := execIn(ctx, tx, insertLineJobsQuery, r.ID, maxAttempts, now, now, now, lineIDs); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, tx.Rebind(setTaskStatusQuery), StatusEstimating, "", now, taskID)
		return err
	})
	if err != nil {
		return Run{}, fmt.Errorf("store: start run %q: %w", taskID, err)
	}
	return r.run(), nil
}

// execIn runs a statement whose "IN (?)" takes a slice argument, expanded by sqlx.In.
func execIn(ctx context.Context, tx *sqlx.Tx, query string, args ...any) error {
	query, args, err := sqlx.In(query, args...)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, tx.Rebind(query), args...)
	return err
}

const renameTaskLineQuery = `UPDATE task_lines SET name = ?, description = ? WHERE id = ?`

// linesToEstimate returns the ids of the task lines a new run estimates, in task order: all of
// them until the task has a revision. Then a re-estimate is an estimate of what the latest
// revision shows: only the task lines it has, each first renamed to the name and description it
// has there, so a deliverable renamed or added in a revision is estimated as it is now, and one
// removed is not estimated again.
func linesToEstimate(ctx context.Context, tx *sqlx.Tx, taskID string) ([]int64, error) {
	var lines []taskLineRow
	if err := tx.SelectContext(ctx, &lines, tx.Rebind(taskLinesQuery), taskID); err != nil {
		return nil, err
	}
	latest, err := getOne[revisionRow](ctx, tx, latestRevisionQuery, taskID)
	if errors.Is(err, ErrNotFound) {
		ids := make([]int64, len(lines))
		for i, l := range lines {
			ids[i] = l.ID
		}
		return ids, nil
	}
	if err != nil {
		return nil, err
	}
	shown, err := getRevisionLineRows(ctx, tx, latest.ID)
	if err != nil {
		return nil, err
	}
	byKey := make(map[string]revisionLineRow, len(shown))
	for _, l := range shown {
		byKey[l.LineKey] = l
	}
	var ids []int64
	for _, l := range lines {
		rl, ok := byKey[lineKey(l.ID)]
		if !ok {
			continue
		}
		if rl.Name != l.Name || rl.Description != l.Description {
			if _, err := tx.ExecContext(ctx, tx.Rebind(renameTaskLineQuery), rl.Name, rl.Description, l.ID); err != nil {
				return nil, err
			}
		}
		ids = append(ids, l.ID)
	}
	return ids, nil
}

const (
	cancelRunJobsQuery = `UPDATE jobs SET status = 'cancelled', lease_expires_at = NULL, updated_at = ?
WHERE run_id = ? AND status IN ('queued', 'running')`
	cancelRunLinesQuery = `UPDATE line_estimates SET status = 'cancelled', updated_at = ? WHERE run_id = ? AND status = 'pending'`
	endRunQuery         = `UPDATE estimate_runs SET status = ?, finished_at = ? WHERE id = ?`
)

// cancelRun cancels a run with its pending lines and its queued and running jobs. A worker that
// is running one of those jobs loses its claim: its next lease renewal fails, which stops its
// engine call, and it can no longer write a result.
func cancelRun(ctx context.Context, tx *sqlx.Tx, runID int64, now time.Time) error {
	if _, err := tx.ExecContext(ctx, tx.Rebind(cancelRunJobsQuery), now, runID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, tx.Rebind(cancelRunLinesQuery), now, runID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, tx.Rebind(endRunQuery), RunCancelled, now, runID)
	return err
}

const (
	latestRunQuery = `SELECT id, task_id, number, status, started_at, finished_at
FROM estimate_runs WHERE task_id = ? ORDER BY number DESC LIMIT 1`
	// lineColumns are a line estimate's columns but its notes; lineNotes are the notes:
	// reasoning, assumptions and risks, most of a line's bytes.
	lineColumns = `SELECT le.task_line_id, tl.position, tl.name, tl.description, le.status,
	le.requirements_tenths, le.design_tenths, le.implementation_tenths, le.testing_tenths,
	le.documentation_tenths, le.optimistic_tenths, le.pessimistic_tenths, le.confidence,
	le.source, le.model, le.error, le.updated_at, `
	lineNotes = `le.reasoning, le.assumptions, le.risks`
	lineFrom  = `
FROM line_estimates le JOIN task_lines tl ON tl.id = le.task_line_id
`
	// lineSelect reads line estimates with their task lines; a WHERE clause on le follows.
	lineSelect = lineColumns + lineNotes + lineFrom
	// runLinesQuery reads a run's progress: no page of a run shows the notes, which reach the
	// pages through the revision the run makes.
	runLinesQuery = lineColumns + withoutNotes + lineFrom + `WHERE le.run_id = ? ORDER BY tl.position`
	// withoutNotes stands in for the notes where they are not shown.
	withoutNotes = `'' AS reasoning, '[]' AS assumptions, '[]' AS risks`
)

// LatestRun returns the task's most recent run and its lines by position, without each line's
// reasoning, assumptions and risks (empty; see runLinesQuery). ErrNotFound when the task has no
// run. The run and its lines are read by two statements outside a transaction,
// because on SQLite every transaction takes the write lock and progress is polled often; a line
// finishing in between can make the run look one step behind its lines, never the reverse of a
// stored state.
func (s *Store) LatestRun(ctx context.Context, taskID string) (Run, []LineResult, error) {
	if !ValidTaskID(taskID) {
		return Run{}, nil, fmt.Errorf("store: get latest run %q: %w", taskID, ErrNotFound)
	}
	var r runRow
	err := s.db.GetContext(ctx, &r, s.db.Rebind(latestRunQuery), taskID)
	if errors.Is(err, sql.ErrNoRows) {
		return Run{}, nil, fmt.Errorf("store: get latest run %q: %w", taskID, ErrNotFound)
	}
	if err != nil {
		return Run{}, nil, fmt.Errorf("store: get latest run %q: %w", taskID, err)
	}
	lines, err := s.runLines(ctx, r.ID)
	if err != nil {
		return Run{}, nil, fmt.Errorf("store: get latest run %q: %w", taskID, err)
	}
	return r.run(), lines, nil
}

// runLines reads a run's lines by position.
func (s *Store) runLines(ctx context.Context, runID int64) ([]LineResult, error) {
	var rows []lineRow
	if err := s.db.SelectContext(ctx, &rows, s.db.Rebind(runLinesQuery), runID); err != nil {
		return nil, err
	}
	lines := make([]LineResult, len(rows))
	for i, row := range rows {
		l, err := row.result()
		if err != nil {
			return nil, err
		}
		lines[i] = l
	}
	return lines, nil
}

const saveLineQuery = `UPDATE line_estimates
SET status = 'done', requirements_tenths = ?, design_tenths = ?, implementation_tenths = ?, testing_tenths = ?,
	documentation_tenths = ?, optimistic_tenths = ?, pessimistic_tenths = ?, confidence = ?, reasoning = ?,
	assumptions = ?, risks = ?, source = ?, model = ?, error = '', updated_at = ?
WHERE run_id = ? AND task_line_id = ? AND status = 'pending'
	AND run_id IN (SELECT id FROM estimate_runs WHERE status = 'running')`

// CompleteLineJob finishes a claimed estimate_line job with the line's estimate, in one
// transaction: it ends the claim, stores v on the line, and settles the run. When no line is
// pending any more, a run whose lines are all done finishes: the task becomes estimated and gets
// a revision (reason initial) made from the run's lines; a run with failed lines makes the task
// failed with CodeLinesFailed, waiting for a retry or for the failed lines to be dropped.
// ErrConflict when the claim is no longer the caller's (lease taken over, or run cancelled or
// replaced); nothing is written then, so a unit's result is stored at most once.
func (s *Store) CompleteLineJob(ctx context.Context, job Job, v LineValues, now time.Time) error {
	assumptions, err := encodeList(v.Assumptions)
	if err != nil {
		return fmt.Errorf("store: complete line job %d: %w", job.ID, err)
	}
	risks, err := encodeList(v.Risks)
	if err != nil {
		return fmt.Errorf("store: complete line job %d: %w", job.ID, err)
	}
	now = dbTime(now)
	err = s.WithTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := lockTask(ctx, tx, job.TaskID, now); err != nil {
			return err
		}
		if err := finishJob(ctx, tx, job, jobDone, "", now); err != nil {
			return err
		}
		p := v.Phases
		if _, err := tx.ExecContext(ctx, tx.Rebind(saveLineQuery), p[0], p[1], p[2], p[3], p[4], v.Optimistic,
			v.Pessimistic, v.Confidence, v.Reasoning, assumptions, risks, v.Source, v.Model, now,
			job.RunID, job.TaskLineID); err != nil {
			return err
		}
		return settleRun(ctx, tx, job.TaskID, job.RunID, now)
	})
	if err != nil {
		return fmt.Errorf("store: complete line job %d: %w", job.ID, err)
	}
	return nil
}

const failLineQuery = `UPDATE line_estimates SET status = 'failed', error = ?, updated_at = ?
WHERE run_id = ? AND task_line_id = ? AND status = 'pending'`

// failLine fails the job's line with the error code and settles the run.
func failLine(ctx context.Context, tx *sqlx.Tx, job Job, code string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, tx.Rebind(failLineQuery), code, now, job.RunID, job.TaskLineID); err != nil {
		return err
	}
	return settleRun(ctx, tx, job.TaskID, job.RunID, now)
}

const (
	runStatusQuery  = `SELECT status FROM estimate_runs WHERE id = ?`
	lineCountsQuery = `SELECT
	COALESCE(SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), 0) AS pending,
	COALESCE(SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END), 0) AS done,
	COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0) AS failed
FROM line_estimates WHERE run_id = ?`
)

type lineCounts struct {
	Pending int `db:"pending"`
	Done    int `db:"done"`
	Failed  int `db:"failed"`
}

// countLines counts a run's lines by status.
func countLines(ctx context.Context, tx *sqlx.Tx, runID int64) (lineCounts, error) {
	var c lineCounts
	err := tx.GetContext(ctx, &c, tx.Rebind(lineCountsQuery), runID)
	return c, err
}

// settleRun decides what a running run's lines mean for the task once none is pending: all done
// finishes the run with a revision and the task is estimated; any failed makes the task failed
// until the user retries or drops the failed lines. A run that is not running (cancelled or
// replaced) no longer speaks for the task and is left alone. The revision is made only here and in
// DropFailedLines, each time together with the run's change to finished, so a run yields at most
// one revision.
func settleRun(ctx context.Context, tx *sqlx.Tx, taskID string, runID int64, now time.Time) error {
	var status string
	if err := tx.GetContext(ctx, &status, tx.Rebind(runStatusQuery), runID); err != nil {
		return err
	}
	if status != RunRunning {
		return nil
	}
	c, err := countLines(ctx, tx, runID)
	if err != nil {
		return err
	}
	switch {
	case c.Pending > 0:
		return nil
	case c.Failed > 0:
		_, err := tx.ExecContext(ctx, tx.Rebind(setTaskStatusQuery), StatusFailed, CodeLinesFailed, now, taskID)
		return err
	}
	return finishRun(ctx, tx, taskID, runID, now)
}

// finishRun makes the revision from the run's done lines, marks the run finished and the task
// estimated.
func finishRun(ctx context.Context, tx *sqlx.Tx, taskID string, runID int64, now time.Time) error {
	if err := createRevisionFromRun(ctx, tx, taskID, runID, now); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, tx.Rebind(endRunQuery), RunFinished, now, runID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, tx.Rebind(setTaskStatusQuery), StatusEstimated, "", now, taskID)
	return err
}

// latestRunTx reads the task's latest run inside a transaction; ErrNotFound when there is none.
func latestRunTx(ctx context.Context, tx *sqlx.Tx, taskID string) (runRow, error) {
	var r runRow
	err := tx.GetContext(ctx, &r, tx.Rebind(latestRunQuery), taskID)
	if errors.Is(err, sql.ErrNoRows) {
		return runRow{}, ErrNotFound
	}
	return r, err
}

const (
	failedLinesQuery = `SELECT task_line_id FROM line_estimates WHERE run_id = ? AND status = 'failed'`
	// failedLinesAtQuery is expanded by sqlx.In for the positions.
	failedLinesAtQuery = `SELECT le.task_line_id FROM line_estimates le JOIN task_lines tl ON tl.id = le.task_line_id
WHERE le.run_id = ? AND le.status = 'failed' AND tl.position IN (?)`
	requeueLineQuery = `UPDATE line_estimates SET status = 'pending', error = '', updated_at = ?
WHERE run_id = ? AND task_line_id = ?`
)

// RetryLines gives failed lines of the task's latest run another series of attempts: each goes
// back to pending with a new queued job (maxAttempts attempts), and the task's status becomes
// estimating again. positions picks lines by position; empty means every failed line. Positions
// of lines that have not failed are ignored, so a repeated request is harmless. It returns how
// many lines were queued. offline asks for the offline engine, whatever engine is configured: the
// user's explicit choice when the model cannot be used. ErrNotFound when the task has no run;
// ErrConflict when its latest run is finished or cancelled.
func (s *Store) RetryLines(ctx context.Context, taskID string, positions []int, offline bool, maxAttempts int, now time.Time) (int, error) {
	kind := JobEstimateLine
	if offline {
		kind = JobEstimateLineOffline
	}
	now = dbTime(now)
	var lineIDs []int64
	err := s.withRunningRun(ctx, taskID, now, func(tx *sqlx.Tx, run runRow) error {
		var err error
		query, args := failedLinesQuery, []any{run.ID}
		if len(positions) > 0 {
			if query, args, err = sqlx.In(failedLinesAtQuery, run.ID, positions); err != nil {
				return err
			}
		}
		if err := tx.SelectContext(ctx, &lineIDs, tx.Rebind(query), args...); err != nil {
			return err
		}
		if len(lineIDs) == 0 {
			return nil
		}
		for _, lineID := range lineIDs {
			if _, err := tx.ExecContext(ctx, tx.Rebind(requeueLineQuery), now, run.ID, lineID); err != nil {
				return err
			}
			if err := insertJob(ctx, tx, kind, taskID, jobRef{RunID: run.ID, TaskLineID: lineID}, maxAttempts, now); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, tx.Rebind(setTaskStatusQuery), StatusEstimating, "", now, taskID)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: retry lines %q: %w", taskID, err)
	}
	return len(lineIDs), nil
}

// CancelRun stops the task's running run: queued and running jobs are cancelled (a worker in the
// middle of one stops at its next lease renewal and its result is discarded), pending lines are
// cancelled, and lines already done or failed keep their state. The task goes back to estimated
// when it has an earlier revision to show, otherwise to awaiting_answers. With a revision, the
// answers go back to the ones its run used (see restoreAnswers), so the answers form shows what the
// shown estimate rests on. ErrNotFound when the task has no run; ErrConflict when its latest run
// is not running.
func (s *Store) CancelRun(ctx context.Context, taskID string, now time.Time) error {
	now = dbTime(now)
	err := s.withRunningRun(ctx, taskID, now, func(tx *sqlx.Tx, run runRow) error {
		if err := cancelRun(ctx, tx, run.ID, now); err != nil {
			return err
		}
		status := StatusAwaitingAnswers
		latest, err := getOne[revisionRow](ctx, tx, latestRevisionQuery, taskID)
		switch {
		case err == nil:
			status = StatusEstimated
			if err := restoreAnswers(ctx, tx, taskID, latest.RunID, now); err != nil {
				return err
			}
		case !errors.Is(err, ErrNotFound):
			return err
		}
		_, err = tx.ExecContext(ctx, tx.Rebind(setTaskStatusQuery), status, "", now, taskID)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: cancel run %q: %w", taskID, err)
	}
	return nil
}

// DropFailedLines settles the task's latest run without its failed lines: the revision is made
// from the lines that are done, the run finishes and the task becomes estimated. It is the user's
// explicit choice; the failed lines are not estimated and appear in no revision. ErrNotFound when
// the task has no run; ErrConflict unless the latest run is running with no line pending, at least
// one failed and at least one done.
func (s *Store) DropFailedLines(ctx context.Context, taskID string, now time.Time) error {
	now = dbTime(now)
	err := s.withRunningRun(ctx, taskID, now, func(tx *sqlx.Tx, run runRow) error {
		c, err := countLines(ctx, tx, run.ID)
		if err != nil {
			return err
		}
		if c.Pending > 0 || c.Failed == 0 || c.Done == 0 {
			return ErrConflict
		}
		return finishRun(ctx, tx, taskID, run.ID, now)
	})
	if err != nil {
		return fmt.Errorf("store: drop failed lines %q: %w", taskID, err)
	}
	return nil
}

// withRunningRun runs fn in a transaction holding the task's lock, with the task's latest run,
// which must still be running: what every action on a run in progress starts with. ErrNotFound
// when the task or its run does not exist; ErrConflict when the run is finished or cancelled.
func (s *Store) withRunningRun(ctx context.Context, taskID string, now time.Time, fn func(tx *sqlx.Tx, run runRow) error) error {
	if !ValidTaskID(taskID) {
		return ErrNotFound
	}
	return s.WithTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := lockTask(ctx, tx, taskID, now); err != nil {
			return err
		}
		run, err := latestRunTx(ctx, tx, taskID)
		if err != nil {
			return err
		}
		if run.Status != RunRunning {
			return ErrConflict
		}
		return fn(tx, run)
	})
}
