package main

import (
	"context"
	"io"
	"net/http"
	"time"
)

// probeCapacity preallocates each probe connection's latencies (about ten minutes at 100/s).
const probeCapacity = 1 << 16

// probeTally is one probe connection's results; each connection owns its tally, so recording
// takes no lock.
type probeTally struct {
	latencies []time.Duration // completed responses, any status
	non2xx    int64
	transport int64 // requests without a response
}

// probe sends GET requests on one keep-alive connection until stop is closed: every `every`
// (paced, as a monitor or a browser tab would) or back to back when every is 0. path gives the
// k-th request's path. Pacing uses a ticker, so a slow response delays the next request instead
// of bunching requests up; latencies are of the requests actually sent.
func probe(ctx context.Context, stop <-chan struct{}, base string, every time.Duration, path func(k int) string) *probeTally {
	t := &probeTally{latencies: make([]time.Duration, 0, probeCapacity)}
	c := newClient(1, 10*time.Second)
	defer c.CloseIdleConnections()
	var tick <-chan time.Time
	if every > 0 {
		ticker := time.NewTicker(every)
		defer ticker.Stop()
		tick = ticker.C
	}
	for k := 0; ; k++ {
		select {
		case <-stop:
			return t
		case <-ctx.Done():
			return t
		default:
		}
		t.once(ctx, c, base+path(k))
		if tick != nil {
			select {
			case <-stop:
				return t
			case <-ctx.Done():
				return t
			case <-tick:
			}
		}
	}
}

// once sends one request and records it.
func (t *probeTally) once(ctx context.Context, c *http.Client, target string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		t.transport++
		return
	}
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		if ctx.Err() == nil {
			t.transport++
		}
		return
	}
	// Reading to EOF lets the connection be reused; the latency includes the whole body.
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		t.transport++
		return
	}
	t.latencies = append(t.latencies, time.Since(start))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		t.non2xx++
	}
}
