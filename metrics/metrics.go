// Package metrics is what the application tells Prometheus: HTTP requests by route, model calls
// with their tokens and cost, jobs by outcome, the job queue, and the Go runtime and process.
//
// Everything is registered on a registry this package creates for the application (New), never
// on the client library's default one: nothing is global, so tests, and several servers in one
// process, each count their own. Every label takes its values from a small fixed set (route
// templates, job kinds, outcomes), never from what a client sends, so the number of series stays
// bounded whatever the traffic.
package metrics

import (
	"log/slog"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// namespace prefixes the name of every metric of the application's own.
const namespace = "estimator"

// maxScrapes bounds the scrapes served at once: each one reads the database (the queue).
const maxScrapes = 4

// Metrics counts for Prometheus. A nil *Metrics counts nothing, so the application runs with
// METRICS_ENABLED off, and tests that do not look at metrics build their jobs and handlers,
// without a check at every place that counts.
type Metrics struct {
	registry *prometheus.Registry
	http     httpMetrics
	model    modelMetrics
	jobs     *prometheus.CounterVec
}

// New returns the application's metrics, with a registry of their own that also reads queue at
// every scrape. The set of metrics is fixed, so registering them cannot fail but by a mistake in
// this package, which every test would show: New panics then.
func New(queue Queue) *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		http:     newHTTPMetrics(),
		model:    newModelMetrics(),
		jobs:     newJobMetrics(),
	}
	m.registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		newQueueCollector(queue),
		m.http.requests, m.http.latency,
		m.model.calls, m.model.errors, m.model.tokens, m.model.cost,
		m.jobs,
	)
	return m
}

// Handler serves the metrics in Prometheus's text format. A figure that cannot be read (the
// queue, when the database does not answer) is logged and left out of the scrape, rather than
// failing it whole.
func (m *Metrics) Handler(log *slog.Logger) http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{
		ErrorLog:            slog.NewLogLogger(log.Handler(), slog.LevelError),
		ErrorHandling:       promhttp.ContinueOnError,
		MaxRequestsInFlight: maxScrapes,
	})
}
