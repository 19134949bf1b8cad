package jobs

import (
	"context"
	"log/slog"
	"sync"

	"estimator/llm"
	"estimator/store"
)

// callRecord is the model_calls row of one engine call. It is stored as in flight when the engine
// reports that it is about to send (llm.WithCallStart), because the provider bills the request
// from then on: a process killed during the call leaves the row behind, counted, and a later
// runner labels it lost (see markLostCalls). callEngine completes it when the call returns.
type callRecord struct {
	r   *Runner
	ctx context.Context // the unit's: the row is written even as the call's own context ends
	job store.Job
	log *slog.Logger

	mu     sync.Mutex
	id     int64 // the row; 0 until it is stored
	closed bool  // callEngine is done with the call
}

func (r *Runner) newCallRecord(ctx context.Context, job store.Job, log *slog.Logger) *callRecord {
	return &callRecord{r: r, ctx: ctx, job: job, log: log}
}

// start stores the call as in flight with the usage estimated from its prompt, priced so that the
// call already counts. It runs on the engine's goroutine and the request waits for it. A failure
// to store is logged and the call goes on; it is then recorded whole when it returns. A start
// after close is not recorded: the call was abandoned, with its context ended, so the engine will
// not send it.
func (c *callRecord) start(estimate llm.Usage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed || c.id != 0 {
		return
	}
	call, _ := c.r.modelCall(c.job, estimate)
	id, err := c.r.store.StartModelCall(c.ctx, call, c.r.cfg.Now())
	if err != nil {
		c.log.Error("record model call start", "err", err)
		return
	}
	c.id = id
}

// close ends the time in which a start is recorded and returns the row's id, 0 when no start was
// stored: the engine sent nothing billable (the offline engine), failed before sending, or the
// row could not be written.
func (c *callRecord) close() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	return c.id
}
