package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

const (
	// maxErrorSamples bounds the distinct transport error messages each worker keeps for the report.
	maxErrorSamples = 5
	// errorPause follows a transport error, so that a server that is down is not hammered by a
	// reconnect loop that would only inflate the error count.
	errorPause = 10 * time.Millisecond
)

// tally is one worker's results. Each worker owns its tally, so recording needs no locks.
type tally struct {
	latencies []time.Duration // completed responses, any status
	requests  int64           // completed responses, any status
	non2xx    int64
	transport int64 // requests that got no response: refused, reset, timed out…
	bytes     int64 // response body bytes
	statuses  map[int]int64
	errors    map[string]int64 // sample of transport error messages
}

func newTally(capacity int) *tally {
	return &tally{
		// Preallocated so that appending in the hot loop does not allocate and copy.
		latencies: make([]time.Duration, 0, capacity),
		statuses:  make(map[int]int64),
		errors:    make(map[string]int64),
	}
}

func (t *tally) transportError(err error) {
	t.transport++
	msg := err.Error()
	if _, ok := t.errors[msg]; ok || len(t.errors) < maxErrorSamples {
		t.errors[msg]++
	}
}

// newClient gives one worker its own connection: a private transport that keeps one idle
// connection to the target and reuses it, so the number of TCP connections equals -c.
func newClient(timeout time.Duration) *http.Client {
	dialer := &net.Dialer{Timeout: timeout, Control: dialGuard}
	tr := &http.Transport{
		Proxy:               nil, // never through a proxy: the request must go straight to loopback
		DialContext:         dialer.DialContext,
		MaxIdleConns:        1,
		MaxIdleConnsPerHost: 1,
		MaxConnsPerHost:     1,
		IdleConnTimeout:     time.Minute,
		DisableCompression:  true, // measure the bytes the server sends for a plain client
	}
	return &http.Client{
		Transport: tr,
		Timeout:   timeout,
		// A redirect is reported as its own 3xx status rather than followed elsewhere.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// work sends requests back to back on one client until ctx ends or the shared budget runs out.
// A nil budget means no request limit. Requests cut off by the end of ctx are not counted: they
// are an artefact of stopping, not failures of the server.
func work(ctx context.Context, client *http.Client, target string, budget *atomic.Int64, t *tally) {
	for ctx.Err() == nil {
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
