package openai

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Retry timing. 5xx answers and network failures back off exponentially from retryBase,
// doubling up to retryCap; a 429 waits as long as the provider's Retry-After asks, but never
// more than retryAfterCap, so that one throttled call cannot hold a worker for minutes (the
// OpenAI SDKs draw the line at the same 60 s).
const (
	retryBase     = time.Second
	retryCap      = 30 * time.Second
	retryAfterCap = 60 * time.Second
)

// backoff is the wait before retry number attempt (0 for the first retry): the exponential
// step with "equal jitter", a random point in its upper half. Jitter keeps the workers of a
// batch that failed together from retrying together; keeping half the step keeps the
// retries from being spent inside the provider's cool-down.
func backoff(attempt int) time.Duration {
	d := retryCap
	if attempt < 5 { // 1 s << 5 already exceeds the cap
		d = min(retryBase<<attempt, retryCap)
	}
	return d/2 + rand.N(d/2+1)
}

// retryAfter reads how long a 429 answer asks to wait: "retry-after-ms" (sent by OpenAI and
// Azure, more precise) or else "Retry-After" in seconds or as an HTTP date, capped at
// retryAfterCap. ok is false when neither is present or readable, so that the caller falls
// back to backoff.
func retryAfter(h http.Header, now time.Time) (d time.Duration, ok bool) {
	if ms, err := strconv.ParseInt(strings.TrimSpace(h.Get("Retry-After-Ms")), 10, 64); err == nil && ms >= 0 {
		return time.Duration(min(ms, retryAfterCap.Milliseconds())) * time.Millisecond, true
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil && secs >= 0 {
		return time.Duration(min(secs, int64(retryAfterCap/time.Second))) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		return min(max(at.Sub(now), 0), retryAfterCap), true
	}
	return 0, false
}

// sleepContext waits for d or until ctx is done, whichever comes first. It is the default of
// Config.Sleep.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
