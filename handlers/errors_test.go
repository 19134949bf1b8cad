package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestNotFound(t *testing.T) {
	e := newTestEnv(t, nil)
	for _, tc := range []struct{ lang, title string }{{"ja", "ページが見つかりません"}, {"en", "Page not found"}} {
		resp, body := e.get(t, "/no/such/page?lang="+tc.lang)
		wantStatus(t, resp, http.StatusNotFound)
		doc := parseHTML(t, body)
		if doc.Find("html").Length() != 1 || doc.Find("#error").Length() != 1 {
			t.Fatalf("%s: want a whole page with #error", tc.lang)
		}
		if got := doc.Find("#error h1").Text(); got != tc.title {
			t.Errorf("%s: title %q, want %q", tc.lang, got, tc.title)
		}
		if ref := doc.Find("#error .reference").Text(); !strings.Contains(ref, resp.Header.Get("X-Request-ID")) {
			t.Errorf("%s: the page does not quote the request ID: %q", tc.lang, ref)
		}
	}
	for _, p := range []string{"/static/nope.css", "/static/0123456789ab/css/nope.css", "/ui/nothing"} {
		resp, _ := e.get(t, p)
		wantStatus(t, resp, http.StatusNotFound)
	}
}

func TestErrorFragmentForHtmx(t *testing.T) {
	e := newTestEnv(t, nil)
	resp, body := e.get(t, "/missing?lang=en", "HX-Request: true")
	wantStatus(t, resp, http.StatusNotFound)
	doc := parseHTML(t, body)
	if strings.Contains(body, "<html") || doc.Find("#error [data-error-message]").Length() != 1 {
		t.Errorf("want the fragment alone with [data-error-message], got %q", body)
	}
	if vary := strings.Join(resp.Header.Values("Vary"), ", "); !strings.Contains(vary, "HX-Request") {
		t.Errorf("Vary = %q, want HX-Request", vary)
	}
	// Boosted navigation and history restores get whole pages.
	for _, h := range []string{"HX-Boosted: true", "HX-History-Restore-Request: true"} {
		_, body := e.get(t, "/missing", "HX-Request: true", h)
		if !strings.Contains(body, "<html") {
			t.Errorf("%s: want a whole page", h)
		}
	}
}

func TestNotFoundUnderAPIIsJSON(t *testing.T) {
	e := newTestEnv(t, nil)
	resp, body := e.get(t, "/api/v1/nothing?lang=en")
	wantStatus(t, resp, http.StatusNotFound)
	var got map[string]string
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("not JSON: %q", body)
	}
	if got["error"] == "" || got["request_id"] != resp.Header.Get("X-Request-ID") {
		t.Errorf("body = %v", got)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	e := newTestEnv(t, nil)
	resp, body := e.do(t, http.MethodPut, "/?lang=en", "Sec-Fetch-Site: same-origin")
	wantStatus(t, resp, http.StatusMethodNotAllowed)
	if allow := resp.Header.Get("Allow"); allow != "GET, HEAD" {
		t.Errorf("Allow = %q, want GET, HEAD", allow)
	}
	if got := parseHTML(t, body).Find("#error h1").Text(); got == "" {
		t.Error("no error page")
	}
}

func TestPanicBecomesA500Page(t *testing.T) {
	e := newTestEnv(t, nil)
	boom, err := e.h.middleware(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	if err != nil {
		t.Fatal(err)
	}
	rec := httptestRecorder(t, boom, "/anything?lang=en")
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", rec.Code)
	}
	if got := parseHTML(t, rec.Body.String()).Find("#error h1").Text(); got != "Something went wrong" {
		t.Errorf("title %q", got)
	}
	if logs := e.logs.String(); !strings.Contains(logs, `"panic":"boom"`) || !strings.Contains(logs, `"request_id"`) {
		t.Errorf("the panic was not logged with its request ID:\n%s", logs)
	}
	// For htmx the 500 is the fragment, whose message app.js shows in the status region.
	rec = httptestRecorder(t, boom, "/anything?lang=ja", "HX-Request: true")
	if rec.Code != http.StatusInternalServerError || strings.Contains(rec.Body.String(), "<html") ||
		parseHTML(t, rec.Body.String()).Find("[data-error-message]").Text() == "" {
		t.Errorf("htmx 500: status %d, body %q", rec.Code, rec.Body.String())
	}
	// The real server keeps serving.
	resp, _ := e.get(t, "/health")
	wantStatus(t, resp, http.StatusOK)
}

func TestClientGoneIsNotAnError(t *testing.T) {
	e := newTestEnv(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodGet, "/", nil).WithContext(ctx)
	rec := httptest.NewRecorder()
	e.h.serveError(rec, req, fmt.Errorf("render: %w", context.Canceled))
	if rec.Body.Len() != 0 {
		t.Errorf("wrote %q to a client that is gone", rec.Body.String())
	}
	if logs := e.logs.String(); strings.Contains(logs, `"level":"ERROR"`) || !strings.Contains(logs, "client gone") {
		t.Errorf("want one debug line, got:\n%s", logs)
	}
}
