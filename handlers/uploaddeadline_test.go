package handlers

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestSlowUploadRoutes: with the server's read and write timeouts far shorter than a body takes
// to arrive, an upload route still receives it whole and answers, while another route cuts the
// same slow body off. (The timeouts stand in for main.go's minute; the body for a file over a
// slow link.)
func TestSlowUploadRoutes(t *testing.T) {
	const timeout, pace = 500 * time.Millisecond, 300 * time.Millisecond // the body takes 1.2 s
	h, err := newHandler(testDeps(t, &syncBuffer{}))
	if err != nil {
		t.Fatal(err)
	}
	root, err := h.routes()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(root)
	srv.Config.ReadTimeout, srv.Config.WriteTimeout = timeout, timeout
	srv.Start()
	t.Cleanup(srv.Close)
	e := &testEnv{h: h, srv: srv, client: &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}

	ct, body := multipartBody(t, baseFields(), &upload{"sample_input.csv", readTestdata(t, "sample_input.csv")})
	resp, page, err := rawPost(t, srv.URL, "/tasks/import", ct, body, pace, "Sec-Fetch-Site: same-origin")
	if err != nil {
		t.Fatalf("slow upload: %v", err)
	}
	wantStatus(t, resp, http.StatusOK)
	if n := parseHTML(t, page).Find(`input[name="name"][value!=""]`).Length(); n != 9 {
		t.Errorf("the slow upload gave %d rows, want the sample's 9", n)
	}

	// Answers are no upload: sent at once they are read (409: the task has no questions yet);
	// sent as slowly they are cut off at the server's read timeout.
	resp, _ = e.post(t, "/tasks", baseFields(rowFields("要件定義書", "")...), nil)
	answers := resp.Header.Get("Location") + "/answers"
	form := "application/x-www-form-urlencoded"
	resp, _, err = rawPost(t, srv.URL, answers, form, []byte("answer="+strings.Repeat("a", 500)), 0, "Sec-Fetch-Site: same-origin")
	if err != nil || resp.StatusCode != http.StatusConflict {
		t.Fatalf("answers sent at once: %v, %v; want 409", resp, err)
	}
	resp, _, err = rawPost(t, srv.URL, answers, form, []byte("answer="+strings.Repeat("a", 500)), pace, "Sec-Fetch-Site: same-origin")
	if err == nil && resp.StatusCode != http.StatusBadRequest {
		t.Errorf("slow answers: status %d, want the request cut off", resp.StatusCode)
	}
}
