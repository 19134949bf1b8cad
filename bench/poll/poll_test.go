package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"
)

// TestPollerFollowsChanges: a poller polls the URL its page names, counts 204 as nothing
// changed, follows the URL a changed fragment names, and stops when the page polls no more.
func TestPollerFollowsChanges(t *testing.T) {
	var polls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/tasks/a":
			w.Write([]byte(`<section id="estimate" data-status="estimating" hx-get="/tasks/a/estimate?version=1&amp;status=x" hx-trigger="every 1s"></section>`))
		case r.URL.Query().Get("version") == "1" && polls.Add(1) == 1:
			w.WriteHeader(http.StatusNoContent)
		case r.URL.Query().Get("version") == "1":
			w.Write([]byte(`<section id="estimate" data-status="estimating" hx-get="/tasks/a/estimate?version=2" hx-trigger="every 1s"></section>`))
		default:
			w.Write([]byte(`<section id="estimate" data-status="estimated"></section>`))
		}
	}))
	defer srv.Close()
	base, _ := url.Parse(srv.URL + "/tasks/a")
	tl := newTally()
	p := &poller{client: srv.Client(), base: base, tally: tl}
	ctx := context.Background()
	if err := p.open(ctx, base.String()); err != nil {
		t.Fatal(err)
	}
	if want := srv.URL + "/tasks/a/estimate?version=1&status=x"; p.next != want {
		t.Fatalf("poll URL %q, want %q", p.next, want)
	}
	for i, want := range []bool{true, true, false} {
		if got := p.poll(ctx, base.String()); got != want {
			t.Fatalf("poll %d: go on %v, want %v", i+1, got, want)
		}
	}
	r := summarize(options{pages: 1, interval: time.Second, duration: time.Second}, tl, 0)
	if r.Requests != 3 || r.Statuses[http.StatusNoContent] != 1 || r.Statuses[http.StatusOK] != 2 || r.Changes != 2 {
		t.Errorf("report %+v", r)
	}
}
