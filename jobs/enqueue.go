package jobs

import (
	"context"

	"estimator/store"
)

// The methods below are how handlers queue work: each stores the jobs with this Runner's
// Config.MaxAttempts and wakes the Runner, so the first result appears without waiting for a
// poll. Their errors are the store's (ErrNotFound, ErrConflict).

// MaxAttempts is how many times a job queued through this Runner is tried; handlers pass it to
// store.CreateTask, which queues the first job in the task's own transaction.
func (r *Runner) MaxAttempts() int { return r.cfg.MaxAttempts }

// EnqueueQuestions queues the generation of the task's questions; see store.EnqueueQuestions.
func (r *Runner) EnqueueQuestions(ctx context.Context, taskID string) error {
	if err := r.store.EnqueueQuestions(ctx, taskID, r.cfg.MaxAttempts, r.cfg.Now()); err != nil {
		return err
	}
	r.Kick()
	return nil
}

// EnqueueOfflineQuestions is EnqueueQuestions with the offline engine, whatever engine is
// configured.
func (r *Runner) EnqueueOfflineQuestions(ctx context.Context, taskID string) error {
	if err := r.store.EnqueueOfflineQuestions(ctx, taskID, r.cfg.MaxAttempts, r.cfg.Now()); err != nil {
		return err
	}
	r.Kick()
	return nil
}

// StartRunForAnswers starts estimating the task with the answers just saved, unless its latest
// run used the same ones; see store.StartRunForAnswers.
func (r *Runner) StartRunForAnswers(ctx context.Context, taskID string) (store.Run, error) {
	run, err := r.store.StartRunForAnswers(ctx, taskID, r.cfg.MaxAttempts, r.cfg.Now())
	if err != nil {
		return store.Run{}, err
	}
	r.Kick()
	return run, nil
}

// RetryLines queues the failed lines at positions (all failed lines when empty) of the task's
// latest run again, with the offline engine when offline is set; see store.RetryLines.
func (r *Runner) RetryLines(ctx context.Context, taskID string, positions []int, offline bool) (int, error) {
	n, err := r.store.RetryLines(ctx, taskID, positions, offline, r.cfg.MaxAttempts, r.cfg.Now())
	if err != nil {
		return 0, err
	}
	if n > 0 {
		r.Kick()
	}
	return n, nil
}

// PostMessage stores the user's chat message with a pending reply and queues the reply, with the
// offline rules when offline; see store.PostMessage.
func (r *Runner) PostMessage(ctx context.Context, taskID string, base int, content string, offline bool) (store.ChatMessage, store.ChatMessage, error) {
	user, reply, err := r.store.PostMessage(ctx, taskID, base, content, offline, r.cfg.MaxAttempts, r.cfg.Now())
	if err != nil {
		return user, reply, err
	}
	r.Kick()
	return user, reply, nil
}

// QueueNewLine adds a deliverable to the estimate, to be estimated by the engine (the offline
// engine when offline); see store.QueueNewLine.
func (r *Runner) QueueNewLine(ctx context.Context, taskID string, base int, name, description string, offline bool) error {
	if _, err := r.store.QueueNewLine(ctx, taskID, base, name, description, offline, r.cfg.MaxAttempts, r.cfg.Now()); err != nil {
		return err
	}
	r.Kick()
	return nil
}

// RetryNewLine queues the estimate of an added deliverable again; see store.RetryNewLine.
func (r *Runner) RetryNewLine(ctx context.Context, taskID string, taskLineID int64, offline bool) error {
	if err := r.store.RetryNewLine(ctx, taskID, taskLineID, offline, r.cfg.MaxAttempts, r.cfg.Now()); err != nil {
		return err
	}
	r.Kick()
	return nil
}

// RetryReply queues a failed chat reply again; see store.RetryReply.
func (r *Runner) RetryReply(ctx context.Context, taskID string, messageID int64, offline bool) error {
	if err := r.store.RetryReply(ctx, taskID, messageID, offline, r.cfg.MaxAttempts, r.cfg.Now()); err != nil {
		return err
	}
	r.Kick()
	return nil
}
