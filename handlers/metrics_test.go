package handlers

import (
	"crypto/rand"
	"net/http"
	"strings"
	"testing"
	"time"

	"estimator/jobs"
	"estimator/llm/offline"
	"estimator/metrics"
	"estimator/metrics/metricstest"
	"estimator/store"
)

// metricsEnv is a test environment with METRICS_ENABLED and METRICS_TOKEN token, whose workers
// count in the same metrics.
func metricsEnv(t *testing.T, token string) *testEnv {
	t.Helper()
	return newTestEnv(t, func(d *Deps) {
		m := metrics.New(d.Store)
		d.Metrics, d.MetricsToken = m, token
		d.Jobs = jobs.New(d.Store, offline.New(), d.Logger, jobs.Config{Workers: 2, Poll: 20 * time.Millisecond, Metrics: m})
	})
}

// scrape reads /metrics as Prometheus does, with optional headers ("Name: value").
func (e *testEnv) scrape(t *testing.T, headers ...string) metricstest.Families {
	t.Helper()
	resp, body := e.get(t, "/metrics", headers...)
	wantStatus(t, resp, http.StatusOK)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Fatalf("/metrics Content-Type %q, want Prometheus's text format", ct)
	}
	return metricstest.Parse(t, strings.NewReader(body))
}

// TestMetricsOffByDefault: without METRICS_ENABLED, /metrics is an unknown path.
func TestMetricsOffByDefault(t *testing.T) {
	e := newTestEnv(t, nil)
	for _, path := range []string{"/metrics", "/ui/metrics"} {
		resp, _ := e.get(t, path)
		wantStatus(t, resp, http.StatusNotFound)
	}
}

// TestMetricsCountTheWork follows a task from creation to its offline estimate and reads every
// family the operators are promised: requests by route template, latency, the queue, model
// calls, jobs, the runtime.
func TestMetricsCountTheWork(t *testing.T) {
	e := metricsEnv(t, "")
	resp, _ := e.post(t, "/tasks", baseFields(rowFields("要件定義書", "", "基本設計書", "")...), nil)
	wantStatus(t, resp, http.StatusSeeOther)
	path := resp.Header.Get("Location")
	id := strings.TrimPrefix(path, "/tasks/")

	// No worker runs yet: the questions wait in the queue.
	fams := e.scrape(t)
	if got := fams.Value("estimator_queue_waiting_jobs", "kind", store.JobQuestions); got != 1 {
		t.Errorf("questions jobs waiting = %v, want 1", got)
	}

	e.startWorkers(t)
	e.waitStatus(t, id, store.StatusAwaitingAnswers)
	e.answer(t, path, "", "", "")
	e.waitStatus(t, id, store.StatusEstimated)
	e.get(t, path)
	e.get(t, "/ui"+path)
	e.get(t, "/api/v1/health")

	// A job is counted just after its result is stored: wait for the last one.
	deadline := time.Now().Add(10 * time.Second)
	for fams = e.scrape(t); fams.Value("estimator_jobs_total", "outcome", metrics.JobCompleted) < 3; fams = e.scrape(t) {
		if time.Now().After(deadline) {
			t.Fatalf("jobs completed = %v, want 3", fams.Value("estimator_jobs_total", "outcome", metrics.JobCompleted))
		}
		time.Sleep(20 * time.Millisecond)
	}
	for _, tc := range []struct {
		family string
		labels []string
		want   float64
	}{
		{"estimator_http_requests_total", []string{"route", "/tasks", "method", "POST", "status", "303"}, 1},
		{"estimator_http_requests_total", []string{"route", "/tasks/{id}", "method", "GET", "status", "200"}, 2},
		{"estimator_http_requests_total", []string{"route", "/tasks/{id}/answers", "method", "POST"}, 1},
		{"estimator_http_request_duration_seconds", []string{"route", "/tasks/{id}"}, 2},
		{"estimator_http_requests_total", []string{"route", "/api/v1/health", "method", "GET", "status", "200"}, 1},
		{"estimator_model_calls_total", []string{"operation", store.JobQuestions, "outcome", store.CallOK}, 1},
		{"estimator_model_calls_total", []string{"operation", store.JobEstimateLine, "outcome", store.CallOK}, 2},
		{"estimator_model_tokens_total", []string{"type", "prompt"}, 0}, // the offline engine uses none
		{"estimator_model_cost_usd_total", nil, 0},
		{"estimator_jobs_total", []string{"kind", store.JobQuestions, "outcome", metrics.JobCompleted}, 1},
		{"estimator_jobs_total", []string{"kind", store.JobEstimateLine, "outcome", metrics.JobCompleted}, 2},
		{"estimator_queue_oldest_waiting_seconds", nil, 0},
	} {
		if fams.Series(tc.family, tc.labels...) == 0 {
			t.Errorf("no series %s%q", tc.family, tc.labels)
		} else if got := fams.Value(tc.family, tc.labels...); got != tc.want {
			t.Errorf("%s%q = %v, want %v", tc.family, tc.labels, got, tc.want)
		}
	}
	if fams.Series("estimator_http_requests_total", "route", "/tasks/"+id) != 0 {
		t.Error("a request is counted under its path instead of its route template")
	}
	for _, family := range []string{"go_goroutines", "go_memstats_heap_alloc_bytes", "process_resident_memory_bytes"} {
		if fams.Series(family) == 0 {
			t.Errorf("no %s", family)
		}
	}
}

// TestMetricsUnknownPathsOneSeries: requests to any number of unknown paths, or with made-up
// methods, add one series each, however many paths they name.
func TestMetricsUnknownPathsOneSeries(t *testing.T) {
	e := metricsEnv(t, "")
	for range 100 {
		e.get(t, "/no-such-page/"+rand.Text())
	}
	for range 3 {
		e.do(t, "BREW", "/"+rand.Text())
	}
	fams := e.scrape(t)
	const requests = "estimator_http_requests_total"
	unmatched := []string{"route", metrics.RouteUnmatched}
	if n := fams.Series(requests, unmatched...); n != 2 {
		t.Errorf("%d series of unmatched requests, want 2 (GET and other methods)", n)
	}
	if got := fams.Value(requests, append(unmatched, "method", "GET", "status", "404")...); got != 100 {
		t.Errorf("unmatched GET 404 = %v, want 100", got)
	}
	if got := fams.Value(requests, append(unmatched, "method", "other")...); got != 3 {
		t.Errorf("unmatched requests with another method = %v, want 3", got)
	}
	if n := fams.Series("estimator_http_request_duration_seconds", unmatched...); n != 1 {
		t.Errorf("%d latency series of unmatched requests, want 1", n)
	}
}

// TestMetricsBearerToken: with METRICS_TOKEN, /metrics answers only the right bearer token, and
// the pages do not need it.
func TestMetricsBearerToken(t *testing.T) {
	const token = "scrape-token-0123456789"
	e := metricsEnv(t, token)
	for _, auth := range []string{"", "Bearer", "Bearer wrong-token-0123456789", "Basic " + token, "Bearer " + token + "x"} {
		resp, body := e.get(t, "/metrics", "Authorization: "+auth)
		wantStatus(t, resp, http.StatusUnauthorized)
		if !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") || strings.Contains(body, "go_goroutines") {
			t.Errorf("Authorization %q: WWW-Authenticate %q, body %.40q", auth, resp.Header.Get("WWW-Authenticate"), body)
		}
	}
	for _, auth := range []string{"Bearer " + token, "bearer " + token} {
		if fams := e.scrape(t, "Authorization: "+auth); fams.Series("go_goroutines") == 0 {
			t.Errorf("Authorization %q: no metrics", auth)
		}
	}
	resp, _ := e.get(t, "/")
	wantStatus(t, resp, http.StatusOK)
}
