package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// RouteUnmatched is the route of the requests no route matched: unknown paths of any number make
// one series, not one each.
const RouteUnmatched = "unmatched"

// Status codes outside [firstStatus, lastStatus] are counted as "other".
const (
	firstStatus = 100
	lastStatus  = 599
)

type httpMetrics struct {
	requests *prometheus.CounterVec   // route, method, status
	latency  *prometheus.HistogramVec // route
	// statuses holds the label of every status code from firstStatus, made once, so that counting
	// a request formats nothing.
	statuses []string
}

func newHTTPMetrics() httpMetrics {
	statuses := make([]string, lastStatus-firstStatus+1)
	for i := range statuses {
		statuses[i] = strconv.Itoa(firstStatus + i)
	}
	return httpMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Subsystem: "http", Name: "requests_total",
			Help: "HTTP requests answered, by route template (\"" + RouteUnmatched + "\" when none matched), method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Subsystem: "http", Name: "request_duration_seconds",
			Help: "Time from a request's arrival to the end of its answer, by route template.",
			// From a poll that found nothing new (about a millisecond) to the slowest document.
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route"}),
		statuses: statuses,
	}
}

// ObserveRequest counts one answered request: route is the template of the route that matched
// ("" for none), status what was sent (0 when the handler wrote nothing, which net/http sends as
// 200), elapsed how long it took.
func (m *Metrics) ObserveRequest(route, method string, status int, elapsed time.Duration) {
	if m == nil {
		return
	}
	if route == "" {
		route = RouteUnmatched
	}
	m.http.requests.WithLabelValues(route, methodLabel(method), m.http.statusLabel(status)).Inc()
	m.http.latency.WithLabelValues(route).Observe(elapsed.Seconds())
}

func (h httpMetrics) statusLabel(status int) string {
	if status == 0 {
		status = http.StatusOK
	}
	if status < firstStatus || status > lastStatus {
		return "other"
	}
	return h.statuses[status-firstStatus]
}

// methodLabel bounds the method label to the standard methods: a client may send any token.
func methodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return method
	}
	return "other"
}
