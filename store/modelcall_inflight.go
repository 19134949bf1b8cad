package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// A model call is recorded in two steps, because the provider bills a request as soon as it is
// sent: StartModelCall just before sending, FinishModelCall when the call returns. A process
// killed in between leaves the call in flight, with its estimate, and MarkLostModelCalls later
// labels it lost; either way it counts with the cost of its task and in the spending totals.

const startModelCallQuery = `INSERT INTO model_calls (task_id, job_id, operation, provider, model, prompt_tokens,
	cost_micro_usd, status, estimated, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, 'in_flight', true, ?)
RETURNING id`

// StartModelCall records c as in flight from now and returns its id for FinishModelCall. It is
// called just before the request is sent, when only the prompt is known: c.InputTokens and
// c.CostMicroUSD are estimated from it, and stored as estimated. c.CachedInputTokens,
// OutputTokens, Duration, Status and Error are ignored: only the provider's answer tells them.
// c.JobID is required, because the job's lease is what tells a call still in flight from a lost
// one (see MarkLostModelCalls).
func (s *Store) StartModelCall(ctx context.Context, c ModelCall, now time.Time) (int64, error) {
	if c.JobID == 0 {
		return 0, errors.New("store: start model call: a job is required to tell a lost call from a running one")
	}
	taskID := sql.NullString{String: c.TaskID, Valid: c.TaskID != ""}
	var id int64
	err := s.db.GetContext(ctx, &id, s.db.Rebind(startModelCallQuery), taskID, c.JobID, c.Operation, c.Provider,
		c.Model, c.InputTokens, c.CostMicroUSD, dbTime(now))
	if err != nil {
		return 0, fmt.Errorf("store: start model call: %w", err)
	}
	return id, nil
}

// unfinishedCall is the condition under which a call may still be finished: it is in flight, or
// was taken for lost while its worker, alive, could not renew its lease. Argument: id.
const unfinishedCall = `id = ? AND status IN ('in_flight', 'lost')`

const finishModelCallQuery = `UPDATE model_calls
SET model = ?, prompt_tokens = ?, cached_prompt_tokens = ?, completion_tokens = ?, cost_micro_usd = ?, duration_ms = ?,
	status = ?, error = ?, estimated = false
WHERE ` + unfinishedCall

// finishEstimatedModelCallQuery keeps the model, tokens and cost recorded at the start.
const finishEstimatedModelCallQuery = `UPDATE model_calls SET duration_ms = ?, status = ?, error = ? WHERE ` + unfinishedCall

// FinishModelCall completes the call id started with c's outcome: c.Status (CallOK or CallError),
// Error and Duration. When usage came back (c has tokens), c's model, tokens (cached ones
// included) and cost replace the estimate. When none did (the call failed before the provider
// reported any, or was abandoned), the estimate stays, still marked estimated: the request may
// have been billed all the same.
// A lost call can be finished too, its worker having been alive after all. ErrConflict when the
// call is not in flight or lost: already finished, or no such call.
func (s *Store) FinishModelCall(ctx context.Context, id int64, c ModelCall) error {
	if c.Status != CallOK && c.Status != CallError {
		return fmt.Errorf("store: finish model call %d: status %q is not an outcome", id, c.Status)
	}
	query, args := finishEstimatedModelCallQuery, []any{c.Duration.Milliseconds(), c.Status, c.Error, id}
	if c.InputTokens > 0 || c.OutputTokens > 0 {
		query, args = finishModelCallQuery, []any{c.Model, c.InputTokens, c.CachedInputTokens, c.OutputTokens,
			c.CostMicroUSD, c.Duration.Milliseconds(), c.Status, c.Error, id}
	}
	res, err := s.db.ExecContext(ctx, s.db.Rebind(query), args...)
	if err != nil {
		return fmt.Errorf("store: finish model call %d: %w", id, err)
	}
	if err := oneRow(res); err != nil {
		return fmt.Errorf("store: finish model call %d: %w", id, err)
	}
	return nil
}

// markLostModelCallsQuery relies on model_calls_in_flight_idx: only the calls in flight are read.
const markLostModelCallsQuery = `UPDATE model_calls SET status = 'lost'
WHERE status = 'in_flight' AND NOT EXISTS (
	SELECT 1 FROM jobs
	WHERE jobs.id = model_calls.job_id AND jobs.status = 'running' AND jobs.lease_expires_at >= ?)`

// MarkLostModelCalls labels lost the calls in flight that no worker can finish any more, and
// returns how many. A call is lost when its job is no longer running (it was finished, retried,
// cancelled or deleted), or when the job's lease had expired at now: a worker renews the lease of
// its job for as long as its call runs, however long the provider takes, so an expired lease
// means the worker stopped (killed, shut down, or cut off from the database). No age limit is
// used, because a slow call with a live worker is not lost however old it is.
//
// A lost call keeps its estimate and goes on counting; only its label changes. So the rule may
// err late, never early: a call abandoned by a crashed worker whose job another worker has since
// taken over, with a fresh lease, stays in flight until that job's attempt ends. And if a worker
// that only could not renew for a while finishes a call marked lost, FinishModelCall records the
// real figures.
func (s *Store) MarkLostModelCalls(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, s.db.Rebind(markLostModelCallsQuery), dbTime(now))
	if err != nil {
		return 0, fmt.Errorf("store: mark lost model calls: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: mark lost model calls: %w", err)
	}
	return n, nil
}
