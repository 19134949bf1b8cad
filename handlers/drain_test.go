package handlers

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
)

// TestRefusedBodyAnswerReachesAProxy: a proxy sends the whole body before it reads the answer. A
// body far over the limit, or refused before it is read, is still read to its end (within
// maxDrainBytes), so the proxy gets the app's page instead of a reset connection (which Apache
// turns into its own 502).
func TestRefusedBodyAnswerReachesAProxy(t *testing.T) {
	e := newTestEnv(t, func(d *Deps) { d.MaxUploadBytes = 1 << 20 }) // the body limit is 5 MiB
	// 40 MiB: far more than the socket buffers hold, so an unread rest cannot hide in them.
	big := &upload{"big.csv", bytes.Repeat([]byte("成果物,説明\n"), 40<<20/17)}
	ct, body := multipartBody(t, baseFields(), big)
	for _, tc := range []struct {
		name    string
		headers []string
		status  int
		text    string
	}{
		{"over the limit", []string{"Sec-Fetch-Site: same-origin"}, http.StatusRequestEntityTooLarge, "1 MB"},
		{"cross-origin", []string{"Sec-Fetch-Site: cross-site", "Origin: https://evil.example"}, http.StatusForbidden, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, page, err := rawPost(t, e.srv.URL, "/tasks?lang=en", ct, body, 0, tc.headers...)
			if err != nil {
				t.Fatalf("no answer: %v", err)
			}
			if resp.StatusCode != tc.status || !strings.Contains(page, "<html") || !strings.Contains(page, tc.text) {
				t.Errorf("status %d, want %d with the app's page saying %q:\n%.300s", resp.StatusCode, tc.status, tc.text, page)
			}
		})
	}
}
