package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// RunAnswer is a question and its answer as a run used them. An unanswered question has Answer "".
type RunAnswer struct {
	Question  string `json:"question"`
	Rationale string `json:"rationale"`
	Answer    string `json:"answer"`
}

// answersSnapshot returns the task's questions and answers, in position order, as the JSON that
// estimate_runs.answers keeps: answers can be edited after a run, and the run must still say what
// it rested on.
func answersSnapshot(ctx context.Context, tx *sqlx.Tx, taskID string) (string, error) {
	var qs []questionRow
	if err := tx.SelectContext(ctx, &qs, tx.Rebind(questionsQuery), taskID); err != nil {
		return "", err
	}
	list := make([]RunAnswer, len(qs))
	for i, q := range qs {
		list[i] = RunAnswer{Question: q.Text, Rationale: q.Rationale, Answer: q.Answer.String}
	}
	b, err := json.Marshal(list)
	return string(b), err
}

const runAnswersQuery = `SELECT answers FROM estimate_runs WHERE id = ?`

// runAnswers reads and decodes the answers a run used; ErrNotFound when there is no such run.
func runAnswers(ctx context.Context, q sqlx.ExtContext, runID int64) ([]RunAnswer, error) {
	raw, err := getOne[string](ctx, q, runAnswersQuery, runID)
	if err != nil {
		return nil, err
	}
	list := []RunAnswer{}
	if err := json.Unmarshal([]byte(raw), &list); err != nil {
		return nil, err
	}
	return list, nil
}

// RunAnswers returns the questions and answers the run was started with, in question order (see
// Revision.RunID for the run an estimate rests on). ErrNotFound when there is no such run.
func (s *Store) RunAnswers(ctx context.Context, runID int64) ([]RunAnswer, error) {
	list, err := runAnswers(ctx, s.db, runID)
	if err != nil {
		return nil, fmt.Errorf("store: get answers of run %d: %w", runID, err)
	}
	return list, nil
}

// restoreAnswers gives the task's questions the answers run runID used, when the questions are
// still the ones that run answered (the same texts in the same order); otherwise, or without a run
// (runID 0), the answers stay as they are.
func restoreAnswers(ctx context.Context, tx *sqlx.Tx, taskID string, runID int64, now time.Time) error {
	if runID == 0 {
		return nil
	}
	used, err := runAnswers(ctx, tx, runID)
	if err != nil {
		return err
	}
	var qs []questionRow
	if err := tx.SelectContext(ctx, &qs, tx.Rebind(questionsQuery), taskID); err != nil {
		return err
	}
	if len(qs) != len(used) {
		return nil
	}
	for i, q := range qs {
		if q.Text != used[i].Question {
			return nil
		}
	}
	for i, q := range qs {
		if q.Answer.Valid && q.Answer.String == used[i].Answer {
			continue
		}
		if _, err := tx.ExecContext(ctx, tx.Rebind(answerQuery), used[i].Answer, now, taskID, q.Position); err != nil {
			return fmt.Errorf("answer %d: %w", q.Position, err)
		}
	}
	return nil
}
