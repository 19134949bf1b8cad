package handlers

import (
	"net/http"
	"strings"
	"testing"
)

// TestRateLimitOnModelRoutes: past the burst, a request that costs model calls gets 429 with
// Retry-After and a translated page (or fragment for htmx) saying when to try again, and nothing
// is created; pages that cost nothing are never limited; another client address keeps its own
// allowance.
func TestRateLimitOnModelRoutes(t *testing.T) {
	e := newTestEnv(t, func(d *Deps) { d.RatePerMinute, d.RateBurst = 1, 2 })
	create := func(headers ...string) *http.Response {
		t.Helper()
		resp, _ := e.post(t, "/tasks?lang=ja", baseFields(rowFields("ログイン画面", "")...), nil, headers...)
		return resp
	}
	for i := range 2 {
		if resp := create(); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("request %d of the burst: status %d, want 303", i+1, resp.StatusCode)
		}
	}
	resp, body := e.post(t, "/tasks?lang=ja", baseFields(rowFields("ログイン画面", "")...), nil)
	wantStatus(t, resp, http.StatusTooManyRequests)
	if ra := resp.Header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("Retry-After %q", ra)
	}
	if !strings.Contains(body, "秒後にもう一度お試しください") {
		t.Errorf("the 429 page does not say when to try again:\n%s", body)
	}
	if resp := create("HX-Request: true"); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("htmx: status %d, want 429", resp.StatusCode)
	}
	if _, n, err := e.store.ListTasks(t.Context(), "", 10, 0); err != nil || n != 2 {
		t.Errorf("%d tasks stored (err %v), want the 2 allowed", n, err)
	}
	for range 5 {
		if resp, _ := e.get(t, "/tasks"); resp.StatusCode != http.StatusOK {
			t.Fatalf("the list was limited: %d", resp.StatusCode)
		}
	}
	if resp := create("X-Forwarded-For: 203.0.113.9"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("another client behind the trusted proxy: status %d, want 303", resp.StatusCode)
	}
}
