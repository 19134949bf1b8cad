package handlers

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/netip"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"estimator/i18n"
	"estimator/jobs"
	"estimator/llm/offline"
	"estimator/static"
	"estimator/store"
	"estimator/views"
)

// syncBuffer collects log output from concurrent requests.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

type testEnv struct {
	h      *Handler
	srv    *httptest.Server
	client *http.Client
	logs   *syncBuffer
	store  *store.Store
}

// testDeps returns real dependencies: a migrated temp-file SQLite, the embedded catalogs and
// assets, and a JSON logger writing into logs.
func testDeps(t testing.TB, logs io.Writer) Deps {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "test.db"), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	bundle, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(LogHandler(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	return Deps{
		Store:          st,
		Jobs:           jobs.New(st, offline.New(), log, jobs.Config{Workers: 2, Poll: 20 * time.Millisecond}),
		I18n:           bundle,
		Assets:         assets,
		Logger:         log,
		SessionSecret:  strings.Repeat("test-secret-", 4),
		DefaultLang:    i18n.Japanese,
		TaxRates:       map[string]int64{i18n.Japanese: 1000, i18n.English: 0},
		UnitCosts:      map[string]int64{"JPY": 40000, "USD": 50000},
		QuestionCount:  3,
		MaxUploadBytes: 10 << 20,
		Engine:         views.Engine{Offline: true},
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("::1/128")},
		AllowedHosts:   []string{"example.com"}, // httptest.NewRequest's host
		Version:        "test",
	}
}

// newTestEnv starts the real router on a test server. edit may change the dependencies first.
func newTestEnv(t testing.TB, edit func(*Deps)) *testEnv {
	t.Helper()
	logs := &syncBuffer{}
	d := testDeps(t, logs)
	if edit != nil {
		edit(&d)
	}
	h, err := newHandler(d)
	if err != nil {
		t.Fatal(err)
	}
	root, err := h.routes()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(root)
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{
		Jar: jar,
		// Tests look at redirects themselves.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return &testEnv{h: h, srv: srv, client: client, logs: logs, store: d.Store}
}

// do sends a request with optional headers ("Name: value" pairs) and returns the response with its
// body read.
func (e *testEnv) do(t testing.TB, method, path string, headers ...string) (*http.Response, string) {
	t.Helper()
	return e.send(t, method, path, nil, headers...)
}

// send is do with a request body. Later headers win, so callers may override defaults.
func (e *testEnv) send(t testing.TB, method, path string, body io.Reader, headers ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range headers {
		name, value, _ := strings.Cut(h, ":")
		req.Header.Set(name, strings.TrimSpace(value))
	}
	resp, err := e.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func (e *testEnv) get(t testing.TB, path string, headers ...string) (*http.Response, string) {
	t.Helper()
	return e.do(t, http.MethodGet, path, headers...)
}

func parseHTML(t *testing.T, body string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func wantStatus(t testing.TB, resp *http.Response, want int) {
	t.Helper()
	if resp.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, want)
	}
}
