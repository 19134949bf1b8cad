package openai

import (
	"strconv"
	"sync"
	"time"

	"estimator/llm"
)

// breaker is a circuit breaker for one engine. After threshold consecutive failed calls it
// opens: calls fail at once with KindBreakerOpen instead of waiting through timeouts and
// retries against a service that is down. After cooldown it lets exactly one trial call
// through (half-open); the trial's success closes it, its failure opens it for another
// cooldown. A "call" is a whole operation with its retries, so one bad minute of 5xx answers
// counts once per estimate, not once per attempt.
type breaker struct {
	threshold int
	cooldown  time.Duration
	now       func() time.Time

	mu       sync.Mutex
	failures int       // consecutive failed calls while closed
	open     bool      // open or half-open
	openedAt time.Time // when it last opened
	trial    bool      // a half-open trial call is in flight
}

// outcome is what a finished call tells the breaker.
type outcome int

const (
	// succeeded: the service answered, even if the answer then failed validation.
	succeeded outcome = iota
	// failed: the service looked unavailable (see IsUnavailable).
	failed
	// inconclusive: the caller gave up, or the request itself was refused; neither says
	// anything about the service's health.
	inconclusive
)

func newBreaker(threshold int, cooldown time.Duration, now func() time.Time) *breaker {
	return &breaker{threshold: threshold, cooldown: cooldown, now: now}
}

// allow asks to start a call. It returns a KindBreakerOpen error while the breaker is open, or
// half-open with its trial call in flight. Every allowed call must be reported with done.
func (b *breaker) allow() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.open {
		return nil
	}
	wait := b.openedAt.Add(b.cooldown).Sub(b.now())
	if wait <= 0 && !b.trial {
		b.trial = true
		return nil
	}
	msg := "a trial call is in progress after " + strconv.Itoa(b.threshold) + " consecutive failed calls"
	if wait > 0 {
		msg = strconv.Itoa(b.threshold) + " consecutive calls failed; the next trial is in " + wait.Round(time.Second).String()
	}
	return &llm.Error{Category: llm.KindBreakerOpen, Message: msg}
}

// done reports the outcome of a call that allow let through.
func (b *breaker) done(o outcome) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch o {
	case succeeded:
		b.open, b.trial, b.failures = false, false, 0
	case failed:
		b.failures++
		if b.trial || (!b.open && b.failures >= b.threshold) {
			b.open, b.openedAt = true, b.now()
		}
		b.trial = false
	case inconclusive:
		// A cancelled trial must not leave the breaker half-open forever: the next call
		// becomes the trial.
		b.trial = false
	}
}

// state reads the breaker for monitoring: open (or half-open), the failed calls counted since the
// last success, and when the next trial call may go once open.
func (b *breaker) state() (open bool, failures int, until time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.open {
		until = b.openedAt.Add(b.cooldown)
	}
	return b.open, b.failures, until
}

// BreakerState reports the engine's circuit breaker for the admin page: whether it is open (or
// half-open, waiting for its trial call), the consecutive failed calls, and, when open, the time
// from which a trial call may go.
func (o *Engine) BreakerState() (open bool, failures int, until time.Time) {
	return o.breaker.state()
}
