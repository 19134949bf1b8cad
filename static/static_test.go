package static

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
)

func serve(t *testing.T, a *Assets, method, target string, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for _, h := range headers {
		name, value, _ := strings.Cut(h, ":")
		req.Header.Set(name, strings.TrimSpace(value))
	}
	rec := httptest.NewRecorder()
	a.Handler(http.NotFoundHandler()).ServeHTTP(rec, req)
	return rec
}

func TestHashedURLsAreImmutable(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"css/app.css", "js/app.js", "js/htmx.min.js", "img/favicon.svg"} {
		u := a.URL(name)
		if !regexp.MustCompile(`^/static/[0-9a-f]{12}/` + regexp.QuoteMeta(name) + `$`).MatchString(u) {
			t.Fatalf("URL(%q) = %q", name, u)
		}
		rec := serve(t, a, http.MethodGet, u)
		if rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("%s: %d, Cache-Control %q", u, rec.Code, rec.Header().Get("Cache-Control"))
		}
		if rec.Body.Len() == 0 || rec.Header().Get("Content-Type") == "" {
			t.Errorf("%s: empty body or no Content-Type", u)
		}
		// Revalidation against the ETag costs no body.
		if again := serve(t, a, http.MethodGet, u, "If-None-Match: "+rec.Header().Get("ETag")); again.Code != http.StatusNotModified {
			t.Errorf("%s: conditional GET = %d, want 304", u, again.Code)
		}
	}
}

func TestUnhashedAndStaleURLsRevalidate(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"/static/css/app.css", "/static/000000000000/css/app.css"} {
		rec := serve(t, a, http.MethodGet, u)
		if rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != "no-cache" {
			t.Errorf("%s: %d, Cache-Control %q, want 200 and no-cache", u, rec.Code, rec.Header().Get("Cache-Control"))
		}
	}
	for _, u := range []string{"/static/", "/static/css/", "/static/css", "/static/nope.js", "/static/../static.go", "/static/abcdefabcdef/nope.css"} {
		if rec := serve(t, a, http.MethodGet, u); rec.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", u, rec.Code)
		}
	}
}

func TestVendoredHtmxMatchesREADME(t *testing.T) {
	data, err := files.ReadFile("js/htmx.min.js")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	readme, err := os.ReadFile("README")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), hex.EncodeToString(sum[:])) {
		t.Errorf("static/README does not record the sha256 of js/htmx.min.js (%x)", sum)
	}
	if !strings.Contains(string(data), `version:"2.0.`) {
		t.Error("js/htmx.min.js is not htmx 2.0.x")
	}
}
