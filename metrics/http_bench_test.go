package metrics_test

import (
	"net/http"
	"testing"
	"time"

	"estimator/metrics"
)

// BenchmarkObserveRequest is what counting adds to every request.
func BenchmarkObserveRequest(b *testing.B) {
	m := metrics.New(fakeQueue{})
	for b.Loop() {
		m.ObserveRequest("/tasks/{id}/estimate", http.MethodGet, http.StatusNoContent, time.Millisecond)
	}
}
