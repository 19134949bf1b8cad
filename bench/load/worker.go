package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
	"time"
)

// errorPause follows a transport error, so that a server that is down is not hammered by a
// reconnect loop that would only inflate the error count.
const errorPause = 10 * time.Millisecond

// work sends requests back to back on one client until the deadline passes or the shared budget
// runs out; a nil budget means no request limit. The deadline is checked between requests, so the
// request in flight completes and its connection stays open for the next phase; the per-request
// timeout bounds how far past the deadline that can run. ctx is only for an early stop (Ctrl-C):
// requests it cuts off are an artefact of stopping, not failures of the server, and are not
// counted.
func work(ctx context.Context, deadline time.Time, client *http.Client, target string, budget *atomic.Int64, t *tally) {
	for ctx.Err() == nil && time.Now().Before(deadline) {
		if budget != nil && budget.Add(-1) < 0 {
			return
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
		if err != nil {
			t.transportError(fmt.Errorf("build request: %w", err))
			return
		}
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			t.transportError(err)
			pause(ctx)
			continue
		}
		// Reading the body to EOF is what lets the transport reuse the connection.
		n, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		elapsed := time.Since(start)
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, context.Canceled) {
				return
			}
			t.transportError(fmt.Errorf("read body: %w", err))
			pause(ctx)
			continue
		}
		t.latencies = append(t.latencies, elapsed)
		t.requests++
		t.bytes += n
		t.statuses[resp.StatusCode]++
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			t.non2xx++
		}
	}
}

// pause waits errorPause or until ctx ends, whichever is first.
func pause(ctx context.Context) {
	timer := time.NewTimer(errorPause)
	defer timer.Stop()
	select {
	case <-ctx.Done():
	case <-timer.C:
	}
}
