package handlers

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkPollUnchanged is one poll of an open task page while nothing changed: the answer is
// 204 No Content after reading the task's version. 200 pages polling every second make 200 of
// these a second.
func BenchmarkPollUnchanged(b *testing.B) {
	e, path := benchTask(b, 9)
	benchPollUnchanged(b, e, path, e.srv.Config.Handler)
}

// benchPollUnchanged polls the task at path through handler, as BenchmarkPollUnchanged describes.
func benchPollUnchanged(b *testing.B, e *testEnv, path string, handler http.Handler) {
	version, err := e.store.TaskVersion(context.Background(), strings.TrimPrefix(path, "/tasks/"))
	if err != nil {
		b.Fatal(err)
	}
	url := path + "/estimate?status=estimated&version=" + strconv.FormatInt(version, 10)
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, url, nil)
		req.Header.Set("HX-Request", "true")
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusNoContent {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
