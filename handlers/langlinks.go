package handlers

import (
	"net/http"
	"net/url"
	"path"

	"github.com/gorilla/mux"
)

// langPage is the address the language links of a response lead to, before ?lang= is set: the
// request's own for a GET. The answer to a POST (a 409, a 422) is not a page that can be fetched,
// and a link to a POST-only route would answer 405, so its links lead to the nearest page above
// it: POST /tasks/{id}/answers → /tasks/{id}.
func langPage(router *mux.Router, r *http.Request) *url.URL {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return r.URL
	}
	// Cleaned, so that "//evil.example/x" cannot become a link to another site.
	p := path.Clean("/" + r.URL.Path)
	for ; p != "/"; p = path.Dir(p) {
		probe := &http.Request{Method: http.MethodGet, URL: &url.URL{Path: p}, Host: r.Host, Header: http.Header{}}
		var match mux.RouteMatch
		if router.Match(probe, &match) && match.MatchErr == nil {
			break
		}
	}
	return &url.URL{Path: p}
}
