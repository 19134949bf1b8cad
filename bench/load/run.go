package main

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"estimator/bench/internal/cputime"
)

const (
	// assumedPeakRate (requests/s over all connections) sizes the latency buffers up front, so a
	// run on this kind of machine never grows them mid-measurement.
	assumedPeakRate = 50_000
	// maxPrealloc caps the buffers (8 bytes an entry, 32 MiB in all) when -n or -d is huge;
	// past it the slices simply grow.
	maxPrealloc = 4 << 20
	// warmupCapacity is enough for the warmup's discarded latencies to start without growing.
	warmupCapacity = 1024
)

// options are the validated command-line settings.
type options struct {
	target      string
	conns       int
	duration    time.Duration
	warmup      time.Duration
	timeout     time.Duration
	maxRequests int64 // 0: bounded by duration only
	json        bool
}

// perWorkerCapacity is each worker's share of the expected number of latencies.
func perWorkerCapacity(conns int, d time.Duration, maxRequests int64) int {
	total := int64(d.Seconds() * assumedPeakRate)
	if maxRequests > 0 && maxRequests < total {
		total = maxRequests
	}
	total = min(total, maxPrealloc)
	return int(total/int64(conns)) + 1
}

// run warms the connections up, then measures with the same clients, so the measured phase
// starts on open, reused connections rather than timing TCP handshakes.
func run(ctx context.Context, o options) summary {
	clients := make([]*http.Client, o.conns)
	for i := range clients {
		clients[i] = newClient(o.timeout)
	}
	defer func() {
		for _, c := range clients {
			c.CloseIdleConnections()
		}
	}()

	if o.warmup > 0 {
		discard := make([]*tally, o.conns)
		for i := range discard {
			discard[i] = newTally(warmupCapacity)
		}
		phase(ctx, clients, o.target, o.warmup, nil, discard)
	}

	tallies := make([]*tally, o.conns)
	capacity := perWorkerCapacity(o.conns, o.duration, o.maxRequests)
	for i := range tallies {
		tallies[i] = newTally(capacity)
	}
	var budget *atomic.Int64
	if o.maxRequests > 0 {
		budget = new(atomic.Int64)
		budget.Store(o.maxRequests)
	}
	before := cputime.Take()
	elapsed := phase(ctx, clients, o.target, o.duration, budget, tallies)
	s := summarize(o, elapsed, tallies)
	s.CPU = usageBetween(before, cputime.Take(), elapsed)
	return s
}

// phase runs one goroutine per client, starting requests for d, and returns the wall time until
// the last response arrived: the span the counted requests really took.
func phase(ctx context.Context, clients []*http.Client, target string, d time.Duration, budget *atomic.Int64, tallies []*tally) time.Duration {
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for i, c := range clients {
		wg.Go(func() { work(ctx, deadline, c, target, budget, tallies[i]) })
	}
	wg.Wait()
	return time.Since(start)
}
