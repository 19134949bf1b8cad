package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// CodeQuestionsFailed is the task's error message when its questions could not be generated. It
// is a code rather than prose, so the HTTP layer shows it in the visitor's language.
const CodeQuestionsFailed = "questions_failed"

// CodeCostCap is the error of a line, reply or task refused because the spending cap on model
// calls is reached (the engines' kind of the same name).
const CodeCostCap = "cost_cap"

// NewQuestion is a clarifying question as the engine wrote it.
type NewQuestion struct{ Text, Rationale string }

// Question is a stored clarifying question. Position counts from 1. Answer is nil until the
// question is answered; an empty answer means the user does not know.
type Question struct {
	ID         int64
	Position   int
	Text       string
	Rationale  string
	Answer     *string
	AnsweredAt *time.Time
}

type questionRow struct {
	ID         int64          `db:"id"`
	Position   int            `db:"position"`
	Text       string         `db:"text"`
	Rationale  string         `db:"rationale"`
	Answer     sql.NullString `db:"answer"`
	AnsweredAt sql.NullTime   `db:"answered_at"`
}

func (r questionRow) question() Question {
	q := Question{ID: r.ID, Position: r.Position, Text: r.Text, Rationale: r.Rationale}
	if r.Answer.Valid {
		q.Answer = &r.Answer.String
	}
	if r.AnsweredAt.Valid {
		t := r.AnsweredAt.Time.UTC()
		q.AnsweredAt = &t
	}
	return q
}

const questionsQuery = `SELECT id, position, text, rationale, answer, answered_at
FROM questions WHERE task_id = ? ORDER BY position`

// Questions returns the task's questions by position; none while they are being generated, or for
// a task that does not exist (call Task to tell the two apart).
func (s *Store) Questions(ctx context.Context, taskID string) ([]Question, error) {
	if !ValidTaskID(taskID) {
		return []Question{}, nil
	}
	var rows []questionRow
	if err := s.db.SelectContext(ctx, &rows, s.db.Rebind(questionsQuery), taskID); err != nil {
		return nil, fmt.Errorf("store: list questions %q: %w", taskID, err)
	}
	qs := make([]Question, len(rows))
	for i, r := range rows {
		qs[i] = r.question()
	}
	return qs, nil
}

const (
	questionJobsActiveQuery = `SELECT COUNT(*) FROM jobs WHERE task_id = ? AND kind IN ('questions', 'questions_offline') AND status IN ('queued', 'running')`
	taskRunCountQuery       = `SELECT COUNT(*) FROM estimate_runs WHERE task_id = ?`
	generateQuestionsQuery  = `UPDATE tasks SET status = 'generating_questions', error_message = '', updated_at = ? WHERE id = ?`
)

// EnqueueQuestions queues the job that generates the task's questions and sets the task's status
// to generating_questions: right after CreateTask, or again after the generation failed. It is
// idempotent: when such a job is already queued or running, nothing changes. ErrNotFound when
// the task does not exist; ErrConflict once the task has been estimated, because the answers of
// an estimate must stay the ones it was made with.
func (s *Store) EnqueueQuestions(ctx context.Context, taskID string, maxAttempts int, now time.Time) error {
	return s.enqueueQuestions(ctx, JobQuestions, taskID, maxAttempts, now)
}

// EnqueueOfflineQuestions is EnqueueQuestions with the offline engine (JobQuestionsOffline).
func (s *Store) EnqueueOfflineQuestions(ctx context.Context, taskID string, maxAttempts int, now time.Time) error {
	return s.enqueueQuestions(ctx, JobQuestionsOffline, taskID, maxAttempts, now)
}

func (s *Store) enqueueQuestions(ctx context.Context, kind, taskID string, maxAttempts int, now time.Time) error {
	if !ValidTaskID(taskID) {
		return fmt.Errorf("store: enqueue questions %q: %w", taskID, ErrNotFound)
	}
	now = dbTime(now)
	err := s.WithTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := lockTask(ctx, tx, taskID, now); err != nil {
			return err
		}
		var active, runs int
		if err := tx.GetContext(ctx, &active, tx.Rebind(questionJobsActiveQuery), taskID); err != nil {
			return err
		}
		if active > 0 {
			return nil
		}
		if err := tx.GetContext(ctx, &runs, tx.Rebind(taskRunCountQuery), taskID); err != nil {
			return err
		}
		if runs > 0 {
			return ErrConflict
		}
		if _, err := tx.ExecContext(ctx, tx.Rebind(generateQuestionsQuery), now, taskID); err != nil {
			return err
		}
		return insertJob(ctx, tx, kind, taskID, jobRef{}, maxAttempts, now)
	})
	if err != nil {
		return fmt.Errorf("store: enqueue questions %q: %w", taskID, err)
	}
	return nil
}

const (
	deleteQuestionsQuery = `DELETE FROM questions WHERE task_id = ?`
	insertQuestionQuery  = `INSERT INTO questions (task_id, position, text, rationale, created_at) VALUES (?, ?, ?, ?, ?)`
	questionsReadyQuery  = `UPDATE tasks SET status = 'awaiting_answers', error_message = '', updated_at = ?
WHERE id = ? AND status = 'generating_questions'`
)

// CompleteQuestionsJob finishes a claimed questions job: in one transaction it ends the claim,
// replaces the task's questions with qs (positions 1, 2, … in order) and sets the task's status
// to awaiting_answers. A task that is no longer generating questions keeps its questions and
// status; the job still ends. ErrConflict when the claim is no longer the caller's; nothing is
// written then.
func (s *Store) CompleteQuestionsJob(ctx context.Context, job Job, qs []NewQuestion, now time.Time) error {
	now = dbTime(now)
	err := s.WithTx(ctx, func(tx *sqlx.Tx) error {
		status, err := lockTask(ctx, tx, job.TaskID, now)
		if err != nil {
			return err
		}
		if err := finishJob(ctx, tx, job, jobDone, "", now); err != nil {
			return err
		}
		if status != StatusGeneratingQuestions {
			return nil
		}
		if err := replaceQuestions(ctx, tx, job.TaskID, qs, now); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, tx.Rebind(questionsReadyQuery), now, job.TaskID)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: complete questions job %d: %w", job.ID, err)
	}
	return nil
}

// replaceQuestions deletes the task's questions, with their answers, and stores qs in order.
func replaceQuestions(ctx context.Context, tx *sqlx.Tx, taskID string, qs []NewQuestion, now time.Time) error {
	if _, err := tx.ExecContext(ctx, tx.Rebind(deleteQuestionsQuery), taskID); err != nil {
		return err
	}
	stmt, err := tx.PreparexContext(ctx, tx.Rebind(insertQuestionQuery))
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, q := range qs {
		if _, err := stmt.ExecContext(ctx, taskID, i+1, q.Text, q.Rationale, now); err != nil {
			return fmt.Errorf("question %d: %w", i+1, err)
		}
	}
	return nil
}

const questionsFailedQuery = `UPDATE tasks SET status = 'failed', error_message = ?, updated_at = ?
WHERE id = ? AND status = 'generating_questions'`

// failQuestions fails a task whose questions could not be generated, unless it has moved on:
// with CodeCostCap when that was why, which the page explains, otherwise CodeQuestionsFailed.
func failQuestions(ctx context.Context, tx *sqlx.Tx, taskID, reason string, now time.Time) error {
	if reason != CodeCostCap {
		reason = CodeQuestionsFailed
	}
	_, err := tx.ExecContext(ctx, tx.Rebind(questionsFailedQuery), reason, now, taskID)
	return err
}

const (
	questionCountQuery = `SELECT COUNT(*) FROM questions WHERE task_id = ?`
	answerQuery        = `UPDATE questions SET answer = ?, answered_at = ? WHERE task_id = ? AND position = ?`
)

// SaveAnswers stores the answers to the task's questions, answers[i] for position i+1, replacing
// earlier answers; an empty answer records that the user does not know. ErrConflict when the
// number of answers differs from the number of questions (a form rendered for other questions);
// nothing is written then.
func (s *Store) SaveAnswers(ctx context.Context, taskID string, answers []string, now time.Time) error {
	if !ValidTaskID(taskID) {
		return fmt.Errorf("store: save answers %q: %w", taskID, ErrNotFound)
	}
	now = dbTime(now)
	err := s.WithTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := lockTask(ctx, tx, taskID, now); err != nil {
			return err
		}
		var n int
		if err := tx.GetContext(ctx, &n, tx.Rebind(questionCountQuery), taskID); err != nil {
			return err
		}
		if n != len(answers) {
			return fmt.Errorf("%d answers for %d questions: %w", len(answers), n, ErrConflict)
		}
		for i, a := range answers {
			if _, err := tx.ExecContext(ctx, tx.Rebind(answerQuery), a, now, taskID, i+1); err != nil {
				return fmt.Errorf("answer %d: %w", i+1, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: save answers %q: %w", taskID, err)
	}
	return nil
}
