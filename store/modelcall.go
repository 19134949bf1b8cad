package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Model call statuses (the CHECK constraint's values). A call is in flight from just before its
// request is sent until it returns (see StartModelCall); it is lost when it never will.
const (
	CallInFlight = "in_flight"
	CallOK       = "ok"
	CallError    = "error"
	CallLost     = "lost"
)

// ModelCall is one call to an engine, recorded for the cost shown with a result and for spending
// caps. It holds no user text: Error is a classification, not the provider's message.
type ModelCall struct {
	TaskID                    string // "" when the call belongs to no task
	JobID                     int64  // 0 when no job made the call
	Operation                 string // the job kind, or "chat", …
	Provider, Model           string
	InputTokens, OutputTokens int
	CachedInputTokens         int // the part of InputTokens served from the provider's prompt cache
	CostMicroUSD              int64
	Duration                  time.Duration
	Status                    string // CallOK or CallError; StartModelCall sets CallInFlight
	Error                     string
}

// Usage sums the model calls of a task.
type Usage struct {
	Calls                     int
	InputTokens, OutputTokens int
	CostMicroUSD              int64
	// Estimated counts the calls whose tokens and cost were estimated from the prompt because no
	// usage came back: calls still in flight, lost ones, and some that failed. They are included
	// in the sums above, so a page can say the total includes that many estimates.
	Estimated int
}

const insertModelCallQuery = `INSERT INTO model_calls (task_id, job_id, operation, provider, model, prompt_tokens,
	cached_prompt_tokens, completion_tokens, cost_micro_usd, duration_ms, status, error, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// RecordModelCall stores c, made at now, once it has returned. It is for calls that were not
// recorded when they started (see StartModelCall): those that sent nothing billable, such as the
// offline engine's, or that failed before sending.
func (s *Store) RecordModelCall(ctx context.Context, c ModelCall, now time.Time) error {
	taskID := sql.NullString{String: c.TaskID, Valid: c.TaskID != ""}
	_, err := s.db.ExecContext(ctx, s.db.Rebind(insertModelCallQuery), taskID, nullID(c.JobID), c.Operation,
		c.Provider, c.Model, c.InputTokens, c.CachedInputTokens, c.OutputTokens, c.CostMicroUSD, c.Duration.Milliseconds(),
		c.Status, c.Error, dbTime(now))
	if err != nil {
		return fmt.Errorf("store: record model call: %w", err)
	}
	return nil
}

// taskUsageQuery casts the sums because PostgreSQL's SUM over BIGINT is NUMERIC. It reads every
// status: in-flight and lost calls were sent, so they are billed like the others.
const taskUsageQuery = `SELECT COUNT(*) AS calls,
	CAST(COALESCE(SUM(prompt_tokens), 0) AS BIGINT) AS input_tokens,
	CAST(COALESCE(SUM(completion_tokens), 0) AS BIGINT) AS output_tokens,
	CAST(COALESCE(SUM(cost_micro_usd), 0) AS BIGINT) AS cost_micro_usd,
	CAST(COALESCE(SUM(CASE WHEN estimated THEN 1 ELSE 0 END), 0) AS BIGINT) AS estimated
FROM model_calls WHERE task_id = ?`

type usageRow struct {
	Calls        int   `db:"calls"`
	InputTokens  int   `db:"input_tokens"`
	OutputTokens int   `db:"output_tokens"`
	CostMicroUSD int64 `db:"cost_micro_usd"`
	Estimated    int   `db:"estimated"`
}

// TaskUsage sums every model call made for the task, failed, in-flight and lost ones included:
// they cost too. A task without calls, or one that does not exist, has zero usage.
func (s *Store) TaskUsage(ctx context.Context, taskID string) (Usage, error) {
	if !ValidTaskID(taskID) {
		return Usage{}, nil
	}
	var r usageRow
	if err := s.db.GetContext(ctx, &r, s.db.Rebind(taskUsageQuery), taskID); err != nil {
		return Usage{}, fmt.Errorf("store: get task usage %q: %w", taskID, err)
	}
	return Usage(r), nil
}
