package metrics_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"estimator/metrics"
	"estimator/metrics/metricstest"
	"estimator/store"
)

// fakeQueue answers the queue collector with fixed figures, or an error.
type fakeQueue struct {
	kinds []store.QueuedKind
	err   error
}

func (q fakeQueue) Queue(context.Context, time.Time) ([]store.QueuedKind, error) {
	return q.kinds, q.err
}

// TestNilMetricsCountNothing: with metrics off, the places that count need no check of their own.
func TestNilMetricsCountNothing(t *testing.T) {
	var m *metrics.Metrics
	m.ObserveRequest("/", http.MethodGet, http.StatusOK, time.Millisecond)
	m.ModelCall(store.ModelCall{Operation: store.JobQuestions, Status: store.CallOK})
	m.JobOutcome(store.JobQuestions, metrics.JobCompleted)
}

// TestRequestLabelsBounded: whatever method or status a request has, the labels take few values.
func TestRequestLabelsBounded(t *testing.T) {
	m := metrics.New(fakeQueue{})
	for _, method := range []string{"GET", "BREW", "PROPFIND", "get"} {
		m.ObserveRequest("/tasks/{id}", method, 0, time.Millisecond)
	}
	m.ObserveRequest("", http.MethodPost, 999, 3*time.Second)
	m.ObserveRequest("", http.MethodPost, http.StatusNotFound, time.Second)

	fams := metricstest.Read(t, m)
	const requests = "estimator_http_requests_total"
	for _, tc := range []struct {
		labels []string
		want   float64
	}{
		{[]string{"route", "/tasks/{id}", "method", "GET", "status", "200"}, 1},
		{[]string{"route", "/tasks/{id}", "method", "other", "status", "200"}, 3},
		{[]string{"route", metrics.RouteUnmatched, "method", "POST", "status", "other"}, 1},
		{[]string{"route", metrics.RouteUnmatched, "method", "POST", "status", "404"}, 1},
	} {
		if got := fams.Value(requests, tc.labels...); got != tc.want {
			t.Errorf("%s%v = %v, want %v", requests, tc.labels, got, tc.want)
		}
	}
	if n := fams.Series(requests); n != 4 {
		t.Errorf("%d request series, want 4", n)
	}
	if got := fams.Value("estimator_http_request_duration_seconds", "route", metrics.RouteUnmatched); got != 2 {
		t.Errorf("%v unmatched requests timed, want 2", got)
	}
}

// TestQueueReadAtScrape: the queue is read when scraped; when it cannot be, the other metrics are
// served all the same.
func TestQueueReadAtScrape(t *testing.T) {
	m := metrics.New(fakeQueue{kinds: []store.QueuedKind{
		{Kind: store.JobEstimateLine, Jobs: 12, OldestWait: 90 * time.Second},
		{Kind: store.JobQuestions, Jobs: 1, OldestWait: 5 * time.Second},
	}})
	fams := metricstest.Read(t, m)
	if got := fams.Value("estimator_queue_waiting_jobs", "kind", store.JobEstimateLine); got != 12 {
		t.Errorf("estimate_line jobs waiting = %v, want 12", got)
	}
	if got := fams.Value("estimator_queue_oldest_waiting_seconds"); got != 90 {
		t.Errorf("oldest wait = %v s, want 90", got)
	}
	for _, family := range []string{"go_goroutines", "process_cpu_seconds_total"} {
		if fams.Series(family) == 0 {
			t.Errorf("no %s: the runtime and process collectors are missing", family)
		}
	}

	broken := metrics.New(fakeQueue{err: errors.New("database is locked")})
	broken.JobOutcome(store.JobQuestions, metrics.JobCompleted)
	fams = metricstest.Read(t, broken)
	if fams.Series("estimator_queue_oldest_waiting_seconds") != 0 || fams.Value("estimator_jobs_total") != 1 {
		t.Errorf("with the queue unreadable: want the queue left out and the rest served, got %d families", len(fams))
	}
}
