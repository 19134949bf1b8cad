package handlers

import (
	"testing"

	"estimator/metrics"
)

// BenchmarkPollUnchangedWithMetrics is BenchmarkPollUnchanged with METRICS_ENABLED: what counting
// adds to the most frequent request.
func BenchmarkPollUnchangedWithMetrics(b *testing.B) {
	e, path := benchTask(b, 9)
	e.h.metrics = metrics.New(e.store)
	root, err := e.h.routes()
	if err != nil {
		b.Fatal(err)
	}
	benchPollUnchanged(b, e, path, root)
}
