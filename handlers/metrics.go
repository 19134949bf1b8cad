package handlers

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/gorilla/mux"
)

// metricsRoutes serves /metrics to Prometheus and has every matched route's template noted for
// the request metrics. Without metrics (METRICS_ENABLED off) it adds nothing: /metrics is then an
// unknown path like any other.
func (h *Handler) metricsRoutes(r *mux.Router) {
	if h.metrics == nil {
		return
	}
	r.Use(noteRoute)
	r.Handle("/metrics", h.metricsAuth(h.metrics.Handler(h.log))).Methods(http.MethodGet, http.MethodHead)
}

// noteRoute gives the status recorders around the router (see accessLog) the template of the
// route that matched, such as /tasks/{id}/estimate: the metrics count requests by route, never by
// path, which would make a series of every task id. mux calls its middleware only for a matched
// route; the router's own 404 and 405 answers keep no route and count as unmatched.
//
// The recorders are reached through the writer they wrapped, as http.ResponseController reaches
// the connection, rather than through the request's context: mux passes this handler a request
// of its own, which the outer middleware never sees, and a holder in the context would cost every
// request two allocations.
func noteRoute(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if route := mux.CurrentRoute(r); route != nil {
			if tmpl, err := route.GetPathTemplate(); err == nil {
				for rw := w; rw != nil; {
					if rec, ok := rw.(*statusRecorder); ok {
						rec.route = tmpl
					}
					u, ok := rw.(interface{ Unwrap() http.ResponseWriter })
					if !ok {
						break
					}
					rw = u.Unwrap()
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// metricsAuth lets only requests carrying METRICS_TOKEN as a bearer token through to next, when
// one is configured. The tokens are compared as hashes, in constant time, so neither the time
// taken nor the length compared tells anything about the token.
func (h *Handler) metricsAuth(next http.Handler) http.Handler {
	if h.metricsToken == "" {
		return next
	}
	want := sha256.Sum256([]byte(h.metricsToken))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		got := sha256.Sum256([]byte(strings.TrimSpace(token)))
		if !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, http.StatusText(http.StatusUnauthorized), http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
