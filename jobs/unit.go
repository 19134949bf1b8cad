package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"estimator/llm"
	"estimator/metrics"
	"estimator/store"
)

// errLeaseLost cancels a unit's engine call when its job is no longer this worker's: the lease
// was taken over after a renewal failed for too long, or the run was cancelled or replaced.
var errLeaseLost = errors.New("jobs: lease lost")

// errOutOfAttempts fails a job handed out again after its last allowed attempt was interrupted
// (its worker crashed or stopped), instead of trying it once more.
var errOutOfAttempts = errors.New("jobs: the last allowed attempt was interrupted")

// work runs one claimed job and records its outcome.
func (r *Runner) work(ctx context.Context, job store.Job) {
	log := r.log.With("job_id", job.ID, "task_id", job.TaskID, "kind", job.Kind, "attempt", job.Attempts)
	log.Debug("job claimed", "max_attempts", job.MaxAttempts)
	var err error
	switch {
	case job.Attempts > job.MaxAttempts:
		err = errOutOfAttempts
	case job.Kind == store.JobQuestions || job.Kind == store.JobQuestionsOffline:
		err = r.questions(ctx, job, log)
	case job.Kind == store.JobEstimateLine || job.Kind == store.JobEstimateLineOffline:
		err = r.estimateLine(ctx, job, log)
	case job.Kind == store.JobChat || job.Kind == store.JobChatOffline:
		err = r.chat(ctx, job, log)
	case job.Kind == store.JobNewLine || job.Kind == store.JobNewLineOffline:
		err = r.newLine(ctx, job, log)
	default:
		err = fmt.Errorf("jobs: unknown job kind %q", job.Kind)
	}
	r.settle(ctx, job, log, err)
}

// settle handles the end of a unit whose result, if any, the unit has already stored: err is nil
// then. Otherwise the attempt failed and the job is queued again after a backoff, or, out of
// attempts, failed for good with its line or task.
func (r *Runner) settle(ctx context.Context, job store.Job, log *slog.Logger, err error) {
	switch {
	case err == nil:
		log.Info("job done")
		r.cfg.Metrics.JobOutcome(job.Kind, metrics.JobCompleted)
		return
	case ctx.Err() != nil:
		// Stopping: the job keeps its lease, which expires, and it is taken over then, as after
		// a crash. Recording a failure would spend an attempt on a shutdown.
		log.Info("job abandoned on shutdown; its lease will expire")
		r.cfg.Metrics.JobOutcome(job.Kind, metrics.JobAbandoned)
		return
	case lostClaim(err):
		log.Info("job no longer ours; result discarded", "err", err)
		r.cfg.Metrics.JobOutcome(job.Kind, metrics.JobDiscarded)
		return
	}
	now := r.cfg.Now()
	outcome := metrics.JobRetried
	if job.Attempts < job.MaxAttempts && !isKind(err, llm.KindCostCap) {
		retryAt := now.Add(backoff(job.Attempts, r.cfg.Backoff))
		log.Warn("attempt failed; will retry", "err", err, "retry_at", retryAt)
		err = r.store.RetryJob(ctx, job, err.Error(), retryAt, now)
	} else {
		outcome = metrics.JobFailed
		log.Error("job failed", "err", err)
		err = r.store.FailJob(ctx, job, err.Error(), lineError(err), now)
	}
	switch {
	case err == nil:
		r.cfg.Metrics.JobOutcome(job.Kind, outcome)
	case !lostClaim(err) && ctx.Err() == nil:
		// The job keeps its lease, so it is taken over once the lease expires.
		log.Error("record job outcome", "err", err)
	}
}

// lostClaim reports whether err means the job is no longer this worker's to finish: the lease
// was taken over, the job was cancelled, or the task was deleted with its jobs.
func lostClaim(err error) bool {
	return errors.Is(err, errLeaseLost) || errors.Is(err, store.ErrConflict) || errors.Is(err, store.ErrNotFound)
}

// isKind reports whether err is an engine failure of kind. A reached spending cap fails the job at
// once: retrying within minutes would only be refused again.
func isKind(err error, kind string) bool {
	return lineError(err) == kind
}

// lineError is the code a failed line is stored with: the engine's own kind of failure when it
// has one (llm.Error: rate_limited, timeout, …), which the pages translate, otherwise "" so that
// the store records store.CodeEstimateFailed. Codes rather than messages, because the user reads
// them in their own language; the technical text stays on the job for the logs.
func lineError(err error) string {
	var k interface{ Kind() string }
	if errors.As(err, &k) {
		return k.Kind()
	}
	return ""
}
