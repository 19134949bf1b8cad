package openai

import (
	"context"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"estimator/llm"
	"estimator/llm/internal/sample"
)

// TestOpenAIBreaker: five failed calls open the breaker; calls then fail fast without a
// request; after the cooldown one trial goes through while others still fail fast; its
// success closes the breaker.
func TestOpenAIBreaker(t *testing.T) {
	boom := fakeError(http.StatusInternalServerError, "down", "")
	hold := make(chan struct{})
	trial := fakeAnswer(validLine)
	trial.hold = hold
	f := newFakeAPI(t, boom, boom, boom, boom, boom, trial, fakeAnswer(validLine))
	e := newTestEngine(t, f, func(c *Config) { c.MaxRetries = -1 })
	ctx, task := context.Background(), sample.Task("ja")

	for i := range 5 {
		if _, _, err := e.EstimateLine(ctx, task, 0); errKind(t, err) != llm.KindUnavailable {
			t.Fatalf("call %d: err = %v, want unavailable", i, err)
		}
	}
	_, _, err := e.EstimateLine(ctx, task, 0)
	if errKind(t, err) != llm.KindBreakerOpen || !llm.IsUnavailable(err) || len(f.requests()) != 5 {
		t.Fatalf("err = %v after %d requests, want breaker_open without a request", err, len(f.requests()))
	}
	if open, failures, until := e.BreakerState(); !open || failures != 5 || !until.Equal(e.clock.now().Add(60*time.Second)) {
		t.Errorf("BreakerState() = %v, %d, %s; want open after 5 failures until the cooldown ends", open, failures, until)
	}

	e.clock.advance(59 * time.Second)
	if _, _, err := e.EstimateLine(ctx, task, 0); errKind(t, err) != llm.KindBreakerOpen {
		t.Fatalf("before the cooldown: err = %v", err)
	}
	e.clock.advance(time.Second)
	done := make(chan error)
	go func() {
		_, _, err := e.EstimateLine(ctx, task, 0)
		done <- err
	}()
	for range 6 {
		<-f.arrived
	}
	if _, _, err := e.EstimateLine(ctx, task, 0); errKind(t, err) != llm.KindBreakerOpen {
		t.Errorf("during the trial: err = %v, want breaker_open", err)
	}
	close(hold)
	if err := <-done; err != nil {
		t.Fatalf("trial: %v", err)
	}
	if _, _, err := e.EstimateLine(ctx, task, 0); err != nil {
		t.Errorf("after a successful trial: %v", err)
	}
	if open, failures, until := e.BreakerState(); open || failures != 0 || !until.IsZero() {
		t.Errorf("after a successful trial: BreakerState() = %v, %d, %s; want closed", open, failures, until)
	}
}

func TestBreakerStates(t *testing.T) {
	clock := &fakeClock{t: time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)}
	b := newBreaker(2, time.Minute, clock.now)
	mustAllow := func(want bool) {
		t.Helper()
		if err := b.allow(); (err == nil) != want {
			t.Fatalf("allow() = %v, want allowed %v", err, want)
		}
	}
	mustAllow(true)
	b.done(failed)
	mustAllow(true)
	b.done(succeeded) // a success resets the count
	mustAllow(true)
	b.done(failed)
	mustAllow(true)
	b.done(inconclusive) // neither counts nor resets
	mustAllow(true)
	b.done(failed)
	mustAllow(false)

	clock.advance(time.Minute)
	mustAllow(true) // the trial
	mustAllow(false)
	b.done(failed) // the trial failed: open for another cooldown
	mustAllow(false)
	clock.advance(time.Minute)
	mustAllow(true)
	b.done(inconclusive) // a cancelled trial frees the slot
	mustAllow(true)
	b.done(succeeded)
	mustAllow(true)
	mustAllow(true)
}

func TestSleepContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		if err := sleepContext(context.Background(), 30*time.Second); err != nil || time.Since(start) != 30*time.Second {
			t.Errorf("slept %v, err %v", time.Since(start), err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := sleepContext(ctx, time.Minute); err != context.DeadlineExceeded || time.Since(start) != 31*time.Second {
			t.Errorf("cancelled sleep returned %v after %v", err, time.Since(start))
		}
	})
}
