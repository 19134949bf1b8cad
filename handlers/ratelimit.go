package handlers

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"estimator/store"
)

// rateLimiter bounds, per client address, the requests that cost model calls. The allowance is
// kept in the database (store.TakeRate), so several instances share it.
type rateLimiter struct {
	store *store.Store
	limit store.RateLimit // Interval 0: no limit

	mu        sync.Mutex
	lastPurge time.Time
}

// purgeEvery is how often idle allowances are deleted; refusals stay listed for a day.
const (
	purgeEvery     = 10 * time.Minute
	keepRefusedFor = 24 * time.Hour
)

// rateLimitFor turns RATE_LIMIT_PER_MINUTE and RATE_LIMIT_BURST into an allowance; 0 per minute is
// no limit.
func rateLimitFor(perMinute, burst int) store.RateLimit {
	if perMinute <= 0 {
		return store.RateLimit{}
	}
	return store.RateLimit{Interval: time.Minute / time.Duration(perMinute), Burst: max(burst, 1)}
}

// limited wraps a handler whose request costs model calls: over the client's allowance it answers
// 429 with Retry-After, in the page, fragment or JSON the error path chooses, and the handler does
// not run.
func (h *Handler) limited(f appHandler) appHandler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if h.rates.limit.Interval <= 0 {
			return f(w, r)
		}
		now := time.Now()
		h.rates.purge(r.Context(), h.log, now)
		wait, err := h.rates.store.TakeRate(r.Context(), h.clientIP(r), h.rates.limit, now)
		if err != nil {
			return fmt.Errorf("rate limit: %w", err)
		}
		if wait > 0 {
			return &httpError{status: http.StatusTooManyRequests, titleKey: "error.rate_limited_title",
				bodyKey: "error.rate_limited_body", args: []any{"seconds", retryAfter(w, wait)}}
		}
		return f(w, r)
	}
}

// retryAfter sets Retry-After to wait in whole seconds, rounded up, and returns them for the
// message that says when to try again.
func retryAfter(w http.ResponseWriter, wait time.Duration) int {
	seconds := int((wait + time.Second - 1) / time.Second)
	w.Header().Set("Retry-After", strconv.Itoa(seconds))
	return seconds
}

// purge deletes the allowances that hold nothing any more, at most once every purgeEvery per
// process; a failure is only logged, the request goes on.
func (l *rateLimiter) purge(ctx context.Context, log *slog.Logger, now time.Time) {
	l.mu.Lock()
	due := now.Sub(l.lastPurge) >= purgeEvery
	if due {
		l.lastPurge = now
	}
	l.mu.Unlock()
	if !due {
		return
	}
	if _, err := l.store.ForgetRateLimits(ctx, now, keepRefusedFor); err != nil {
		log.WarnContext(ctx, "could not delete idle rate limits", "error", err)
	}
}
