package main

import "time"

// maxErrorSamples bounds the distinct transport error messages each worker keeps for the report.
const maxErrorSamples = 5

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
