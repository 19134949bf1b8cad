package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Job kinds: what a job does. The jobs table has no CHECK on kind, so a new kind needs no
// migration.
const (
	JobQuestions = "questions" // generate the task's clarifying questions
	// JobQuestionsOffline generates them with the offline engine, whatever engine is configured:
	// the user's choice when the model cannot be used (a spending cap, an outage).
	JobQuestionsOffline = "questions_offline"
	JobEstimateLine     = "estimate_line" // estimate one line of one run
	// JobEstimateLineOffline estimates one line with the offline engine, whatever engine is
	// configured: what the user asks for explicitly when the model cannot be used.
	JobEstimateLineOffline = "estimate_line_offline"
	// JobChat computes the assistant's reply to a chat message (Job.MessageID); JobChatOffline
	// does it with the offline engine, whatever engine is configured.
	JobChat        = "chat"
	JobChatOffline = "chat_offline"
)

// The statuses finishJob writes. The others of the CHECK constraint are written by the queries
// themselves: queued (insertJob, RetryJob), running (ClaimJob), cancelled (cancelRun).
const (
	jobDone   = "done"
	jobFailed = "failed"
)

// Job is a claimed unit of background work. Owner and Attempts identify this claim: every write
// that finishes the job checks both, so a worker whose lease was taken over cannot write.
type Job struct {
	ID          int64
	Kind        string
	TaskID      string
	RunID       int64 // 0 for a job outside an estimation run (questions)
	TaskLineID  int64 // 0 for a job that is not about one line
	MessageID   int64 // the reply a chat job computes; 0 for other kinds
	Attempts    int   // including this one
	MaxAttempts int
	Owner       string
	LeaseUntil  time.Time
}

type jobRow struct {
	ID          int64         `db:"id"`
	Kind        string        `db:"kind"`
	TaskID      string        `db:"task_id"`
	RunID       sql.NullInt64 `db:"run_id"`
	TaskLineID  sql.NullInt64 `db:"task_line_id"`
	Attempts    int           `db:"attempts"`
	MaxAttempts int           `db:"max_attempts"`
	Owner       string        `db:"lease_owner"`
	LeaseUntil  sql.NullTime  `db:"lease_expires_at"`
	Payload     string        `db:"payload"`
}

func (r jobRow) job() (Job, error) {
	p, err := decodePayload(r.Payload)
	if err != nil {
		return Job{}, fmt.Errorf("job %d: %w", r.ID, err)
	}
	return Job{
		ID:          r.ID,
		Kind:        r.Kind,
		TaskID:      r.TaskID,
		RunID:       r.RunID.Int64,
		TaskLineID:  r.TaskLineID.Int64,
		MessageID:   p.MessageID,
		Attempts:    r.Attempts,
		MaxAttempts: r.MaxAttempts,
		Owner:       r.Owner,
		LeaseUntil:  r.LeaseUntil.Time.UTC(),
	}, nil
}

// jobRef names what a job is about; a zero field names nothing. RunID and TaskLineID are columns
// (with foreign keys, so a job goes with its run or line); MessageID travels in the payload.
type jobRef struct {
	RunID, TaskLineID, MessageID int64
}

// jobPayload is the JSON of jobs.payload: what a job needs beyond the columns.
type jobPayload struct {
	MessageID int64 `json:"message_id,omitempty"`
}

// decodePayload reads a job's payload; keys it does not know are ignored.
func decodePayload(s string) (jobPayload, error) {
	var p jobPayload
	err := json.Unmarshal([]byte(s), &p)
	return p, err
}

// dbTime is how every time goes into the database: UTC, so SQLite's stored text sorts in time
// order, and truncated to microseconds, the precision PostgreSQL keeps, so both engines return
// what was written.
func dbTime(t time.Time) time.Time {
	return t.UTC().Truncate(time.Microsecond)
}

const insertJobQuery = `INSERT INTO jobs (kind, task_id, run_id, task_line_id, payload, status, max_attempts,
	run_after, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?)`

// insertJob queues a job about ref that is due at once.
func insertJob(ctx context.Context, tx *sqlx.Tx, kind, taskID string, ref jobRef, maxAttempts int, now time.Time) error {
	if maxAttempts < 1 {
		return fmt.Errorf("max attempts %d: a job needs at least one attempt", maxAttempts)
	}
	payload, err := json.Marshal(jobPayload{MessageID: ref.MessageID})
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, tx.Rebind(insertJobQuery), kind, taskID, nullID(ref.RunID), nullID(ref.TaskLineID),
		string(payload), maxAttempts, now, now, now)
	return err
}

// nullID stores 0 as NULL, for optional references.
func nullID(id int64) sql.NullInt64 {
	return sql.NullInt64{Int64: id, Valid: id != 0}
}

// jobDue selects the job a worker claims next: among the queued ones whose backoff has passed,
// and the running ones whose lease expired because their worker crashed or lost the database,
//   - questions, chat replies and added lines first, because a person is waiting for them;
//   - then round the tasks: the task whose jobs have been claimed least often goes next, so a
//     small task submitted behind big ones gets the next free workers instead of waiting for every
//     earlier line, and big tasks advance together; among those, the task with the fewest jobs
//     running now (leases not expired). Both are counted in the database, so several instances
//     share the order;
//   - then the oldest.
//
// The counts read the jobs_task_id_idx index, for the due rows only.
const jobDue = `SELECT id FROM jobs
	WHERE (status = 'queued' AND run_after <= ?) OR (status = 'running' AND lease_expires_at < ?)
	ORDER BY CASE WHEN kind IN ('questions', 'questions_offline', 'chat', 'chat_offline', 'new_line', 'new_line_offline') THEN 0 ELSE 1 END,
		(SELECT COUNT(*) FROM jobs served WHERE served.task_id = jobs.task_id AND served.attempts > 0),
		(SELECT COUNT(*) FROM jobs busy WHERE busy.task_id = jobs.task_id AND busy.status = 'running' AND busy.lease_expires_at >= ?),
		run_after, id
	LIMIT 1`

const claimJobSet = `UPDATE jobs
SET status = 'running', lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1, updated_at = ?
WHERE id = (`

const claimJobReturning = `)
RETURNING id, kind, task_id, run_id, task_line_id, attempts, max_attempts, lease_owner, lease_expires_at, payload`

// The claim differs by engine only in how the chosen row is locked. On PostgreSQL, FOR UPDATE
// SKIP LOCKED makes concurrent claimers (other workers, other instances) pass over a row that one
// of them is taking instead of waiting for it and then finding it gone. SQLite has no row locks
// and needs none: the transaction holds the database's only write lock from BEGIN IMMEDIATE, so
// claims run one after another.
const (
	claimJobSQLite   = claimJobSet + jobDue + claimJobReturning
	claimJobPostgres = claimJobSet + jobDue + ` FOR UPDATE SKIP LOCKED` + claimJobReturning
)

// ClaimJob takes the next due job for owner: it marks the job running, leases it until now+lease
// and counts the attempt, all in one statement. A job whose previous lease expired is claimed
// again with its attempts counted on, so the caller sees Attempts > MaxAttempts when the last
// allowed attempt was lost and must fail the job rather than run it. ErrNotFound when nothing is
// due.
func (s *Store) ClaimJob(ctx context.Context, owner string, lease time.Duration, now time.Time) (Job, error) {
	if owner == "" || lease <= 0 {
		return Job{}, fmt.Errorf("store: claim job: owner %q and lease %v: both are required", owner, lease)
	}
	query := claimJobSQLite
	if s.dialect == DialectPostgres {
		query = claimJobPostgres
	}
	now = dbTime(now)
	var r jobRow
	err := s.WithTx(ctx, func(tx *sqlx.Tx) error {
		return tx.GetContext(ctx, &r, tx.Rebind(query), owner, dbTime(now.Add(lease)), now, now, now, now)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return Job{}, fmt.Errorf("store: claim job: %w", ErrNotFound)
	}
	if err != nil {
		return Job{}, fmt.Errorf("store: claim job: %w", err)
	}
	job, err := r.job()
	if err != nil {
		return Job{}, fmt.Errorf("store: claim job: %w", err)
	}
	return job, nil
}

// ownJob is the condition under which a worker may still write for its claim: the job is running
// under the same owner and attempt. Arguments: id, owner, attempts.
const ownJob = `id = ? AND status = 'running' AND lease_owner = ? AND attempts = ?`

const renewLeaseQuery = `UPDATE jobs SET lease_expires_at = ?, updated_at = ? WHERE ` + ownJob

// RenewLease extends the lease of a job the caller still holds to now+lease. ErrConflict when the
// claim is no longer the caller's: the lease expired and another worker claimed the job, or the
// job was cancelled. The caller should then stop working on it.
func (s *Store) RenewLease(ctx context.Context, job Job, lease time.Duration, now time.Time) error {
	res, err := s.db.ExecContext(ctx, s.db.Rebind(renewLeaseQuery), dbTime(now.Add(lease)), dbTime(now),
		job.ID, job.Owner, job.Attempts)
	if err != nil {
		return fmt.Errorf("store: renew lease of job %d: %w", job.ID, err)
	}
	if err := oneRow(res); err != nil {
		return fmt.Errorf("store: renew lease of job %d: %w", job.ID, err)
	}
	return nil
}

const finishJobQuery = `UPDATE jobs SET status = ?, lease_expires_at = NULL, last_error = ?, updated_at = ? WHERE ` + ownJob

// finishJob ends the caller's claim on job with status (done or failed). It is the first write of
// every transaction that records a job's outcome, so the outcome and the end of the claim commit
// together or not at all: ErrConflict when the claim is no longer the caller's.
func finishJob(ctx context.Context, tx *sqlx.Tx, job Job, status, lastError string, now time.Time) error {
	res, err := tx.ExecContext(ctx, tx.Rebind(finishJobQuery), status, lastError, now, job.ID, job.Owner, job.Attempts)
	if err != nil {
		return err
	}
	return oneRow(res)
}

// oneRow turns an UPDATE that matched no row into ErrConflict.
func oneRow(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrConflict
	}
	return nil
}

const retryJobQuery = `UPDATE jobs
SET status = 'queued', lease_owner = '', lease_expires_at = NULL, run_after = ?, last_error = ?, updated_at = ?
WHERE ` + ownJob

// RetryJob puts a job whose attempt failed back in the queue, due again at retryAt. detail is the
// technical reason, kept for the logs; it is never shown to the user. ErrConflict when the claim
// is no longer the caller's.
func (s *Store) RetryJob(ctx context.Context, job Job, detail string, retryAt, now time.Time) error {
	res, err := s.db.ExecContext(ctx, s.db.Rebind(retryJobQuery), dbTime(retryAt), detail, dbTime(now),
		job.ID, job.Owner, job.Attempts)
	if err != nil {
		return fmt.Errorf("store: retry job %d: %w", job.ID, err)
	}
	if err := oneRow(res); err != nil {
		return fmt.Errorf("store: retry job %d: %w", job.ID, err)
	}
	return nil
}

// FailJob ends a job that will not be tried again, and fails what it was for in the same
// transaction, so no line, task or reply waits for a job that no longer runs: an estimate_line job
// fails its line with lineError, a code the pages translate (empty means CodeEstimateFailed), then
// the run's outcome is settled (see CompleteLineJob); a chat job fails its reply with lineError
// (empty means CodeChatFailed); a questions job fails its task with CodeQuestionsFailed, or
// CodeCostCap when lineError is that. detail is
// the technical reason, kept on the job for the logs and never shown. ErrConflict when the claim
// is no longer the caller's; nothing is written then.
func (s *Store) FailJob(ctx context.Context, job Job, detail, lineError string, now time.Time) error {
	now = dbTime(now)
	err := s.WithTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := lockTask(ctx, tx, job.TaskID, now); err != nil {
			return err
		}
		if err := finishJob(ctx, tx, job, jobFailed, detail, now); err != nil {
			return err
		}
		switch job.Kind {
		case JobEstimateLine, JobEstimateLineOffline:
			if lineError == "" {
				lineError = CodeEstimateFailed
			}
			return failLine(ctx, tx, job, lineError, now)
		case JobChat, JobChatOffline:
			if lineError == "" {
				lineError = CodeChatFailed
			}
			return failReply(ctx, tx, job, lineError)
		case JobQuestions, JobQuestionsOffline:
			return failQuestions(ctx, tx, job.TaskID, lineError, now)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: fail job %d: %w", job.ID, err)
	}
	return nil
}
