package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// pollInterval is how often the health endpoint is tried: fine enough that polling adds at most
// a couple of milliseconds to a start time of a few hundred.
const pollInterval = 2 * time.Millisecond

// errExited means the process ended before it ever answered healthy.
var errExited = errors.New("server exited before it was healthy")

// waitHealthy polls url until it answers 200, the server exits, or the timeout passes.
func waitHealthy(ctx context.Context, url string, timeout time.Duration, exited <-chan error) error {
	client := &http.Client{
		Timeout: 250 * time.Millisecond,
		// A fresh connection per poll, and no proxy: this is a local probe like a supervisor's.
		Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true},
	}
	defer client.CloseIdleConnections()
	deadline := time.After(timeout)
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for {
		if healthy(ctx, client, url) {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-exited:
			return fmt.Errorf("%w: %v", errExited, err)
		case <-deadline:
			return fmt.Errorf("not healthy at %s within %s", url, timeout)
		case <-tick.C:
		}
	}
}

func healthy(ctx context.Context, client *http.Client, url string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false
	}
	resp, err := client.Do(req)
	if err != nil {
		return false // typically "connection refused" until the server listens
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}
