package handlers

import (
	"net/http"
	"testing"
)

// TestDoubledUIPrefixRedirects: behind the predecessor's Apache, which maps / to /ui/, a /ui/
// address typed or bookmarked by hand arrives as /ui/ui/…. It is sent to its public address
// without /ui, which that Apache maps back to a page the app serves.
func TestDoubledUIPrefixRedirects(t *testing.T) {
	e := newTestEnv(t, nil)
	for in, want := range map[string]string{
		"/ui/ui/tasks?lang=en":   "/tasks?lang=en",
		"/ui/ui/":                "/",
		"/ui/ui":                 "/",
		"/ui/ui/ui/settings":     "/settings",
		"/ui/ui//evil.example/x": "/evil.example/x",
	} {
		resp, _ := e.get(t, in)
		wantStatus(t, resp, http.StatusMovedPermanently)
		if got := resp.Header.Get("Location"); got != want {
			t.Errorf("%s: Location %q, want %q", in, got, want)
		}
		// What the browser then asks for reaches the app as /ui/ + the target.
		if want != "/evil.example/x" {
			resp, _ = e.get(t, "/ui"+want)
			wantStatus(t, resp, http.StatusOK)
		}
	}
}
