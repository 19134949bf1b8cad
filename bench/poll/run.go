package main

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"estimator/bench/internal/cputime"
	"estimator/bench/internal/loopback"
	"estimator/bench/internal/stats"
)

// report is what a run measured.
type report struct {
	Pages       int         `json:"pages"`
	Interval    string      `json:"interval"`
	Duration    string      `json:"duration"`
	Requests    int         `json:"requests"`
	Statuses    map[int]int `json:"statuses"`
	Failures    int         `json:"failures"`
	P50Millis   float64     `json:"p50_ms"`
	P99Millis   float64     `json:"p99_ms"`
	ServerCores float64     `json:"server_cores"` // CPU-seconds per second; 0 without -pid
	Changes     int         `json:"changes"`
	// SpreadMillis is, over the changes every page saw, the most time between the first page
	// and the last page seeing one: within one poll interval when every page keeps up.
	SpreadMillis float64 `json:"max_spread_ms"`
}

func run(ctx context.Context, o options) (report, error) {
	base, err := url.Parse(o.page)
	if err != nil {
		return report{}, err
	}
	t := newTally()
	pollers := make([]*poller, o.pages)
	dialer := &net.Dialer{Timeout: 5 * time.Second, Control: loopback.DialGuard}
	transport := &http.Transport{DialContext: dialer.DialContext, MaxIdleConnsPerHost: o.pages}
	for i := range pollers {
		pollers[i] = &poller{client: &http.Client{Transport: transport, Timeout: 10 * time.Second}, base: base, tally: t}
		if err := pollers[i].open(ctx, o.page); err != nil {
			return report{}, err
		}
	}
	ctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	cpu0, _ := cpuOf(o.pid)
	start := time.Now()
	var wg sync.WaitGroup
	for i, p := range pollers {
		// Pages opened at different moments poll at different moments: spread them over the interval.
		offset := o.interval * time.Duration(i) / time.Duration(len(pollers))
		wg.Go(func() { pollEvery(ctx, p, o.page, offset, o.interval) })
	}
	wg.Wait()
	wall := time.Since(start)
	cpu1, _ := cpuOf(o.pid)
	return summarize(o, t, (cpu1-cpu0).Seconds()/wall.Seconds()), nil
}

func cpuOf(pid int) (time.Duration, error) {
	if pid == 0 {
		return 0, nil
	}
	return cputime.Process(pid)
}

// pollEvery polls after offset and then every interval until ctx ends or polling stops.
func pollEvery(ctx context.Context, p *poller, page string, offset, interval time.Duration) {
	timer := time.NewTimer(offset)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
		if !p.poll(ctx, page) {
			return
		}
		timer.Reset(interval)
	}
}

func summarize(o options, t *tally, serverCores float64) report {
	t.mu.Lock()
	defer t.mu.Unlock()
	r := report{Pages: o.pages, Interval: o.interval.String(), Duration: o.duration.String(),
		Requests: len(t.latencies), Statuses: t.statuses, Failures: t.failures, ServerCores: serverCores}
	slices.Sort(t.latencies)
	r.P50Millis = stats.Millis(stats.Percentile(t.latencies, 50))
	r.P99Millis = stats.Millis(stats.Percentile(t.latencies, 99))
	for _, s := range t.seen {
		r.Changes++
		r.SpreadMillis = max(r.SpreadMillis, stats.Millis(s[1].Sub(s[0])))
	}
	return r
}
