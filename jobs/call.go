package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"estimator/llm"
	"estimator/store"
)

// callEngine makes one engine call for job, unless a spending cap is reached (checkCaps): under the job's lease (see keepLease), abandoned as
// soon as ctx ends or the lease is lost, and recorded as a model call from the moment the engine
// sends it (see callRecord) until it returns. check validates and repairs the result; its error
// fails the call like an engine error. It returns the result and the call's usage. The call never
// runs inside a database transaction.
func callEngine[T any](ctx context.Context, r *Runner, job store.Job, log *slog.Logger,
	call func(context.Context) (T, llm.Usage, error), check func(T) (T, error)) (T, llm.Usage, error) {
	if err := r.checkCaps(ctx, job); err != nil {
		var zero T
		return zero, llm.Usage{}, err
	}
	callCtx, stop := r.keepLease(ctx, job, log)
	rec := r.newCallRecord(ctx, job, log)
	start := time.Now()
	v, usage, err := abandonable(llm.WithCallStart(callCtx, rec.start), call)
	elapsed := time.Since(start)
	stop()
	recordID := rec.close()
	if err != nil && !errors.Is(err, errLeaseLost) && errors.Is(context.Cause(callCtx), errLeaseLost) {
		// The engine may report the cancellation its own way; say why it happened.
		err = fmt.Errorf("%w: %w", errLeaseLost, err)
	}
	if err == nil {
		v, err = check(v)
	}
	// Stopping, the call is left as it was recorded at its start, in flight; a runner labels it
	// lost once this one's lease has expired.
	if ctx.Err() == nil {
		r.recordCall(ctx, job, log, recordID, usage, elapsed, err)
	}
	return v, usage, err
}

// abandonable runs call and returns its result, or ctx's cause as soon as ctx ends, even if the
// call does not return: an engine that ignores cancellation must not keep a worker, or shutdown,
// waiting. An abandoned call finishes in the background and its result is dropped.
func abandonable[T any](ctx context.Context, call func(context.Context) (T, llm.Usage, error)) (T, llm.Usage, error) {
	type result struct {
		v     T
		usage llm.Usage
		err   error
	}
	done := make(chan result, 1) // buffered, so an abandoned call can still send and end
	go func() {
		v, usage, err := call(ctx)
		done <- result{v, usage, err}
	}()
	select {
	case res := <-done:
		return res.v, res.usage, res.err
	case <-ctx.Done():
		var zero T
		return zero, llm.Usage{}, context.Cause(ctx)
	}
}

// keepLease renews job's lease every Config.Renew until the returned stop is called. The
// returned context is cancelled with errLeaseLost when a renewal finds the job is no longer this
// worker's, so the engine call stops early. A renewal that fails for another reason (the database
// briefly unreachable) is retried at the next tick; if the lease expires meanwhile and another
// worker takes the job over, this worker's result is refused when it is written. stop returns
// after the renewing goroutine has ended.
func (r *Runner) keepLease(ctx context.Context, job store.Job, log *slog.Logger) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		ticker := time.NewTicker(r.cfg.Renew)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
			}
			err := r.store.RenewLease(ctx, job, r.cfg.Lease, r.cfg.Now())
			switch {
			case errors.Is(err, store.ErrConflict):
				log.Warn("lease lost; stopping the engine call")
				cancel(errLeaseLost)
				return
			case err != nil && ctx.Err() == nil:
				log.Warn("renew lease", "err", err)
			}
		}
	}()
	return ctx, func() {
		cancel(nil)
		<-ended
	}
}
