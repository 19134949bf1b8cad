package openai

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"estimator/llm"
)

// fakeReply is one scripted answer of the fake OpenAI-compatible server.
type fakeReply struct {
	status int
	header map[string]string
	body   string
	// hold, when set, delays the answer until it is closed or the client gives up.
	hold chan struct{}
}

// fakeRequest is a request the fake server received.
type fakeRequest struct {
	path, query string
	header      http.Header
	body        map[string]any
}

// messages returns the roles and contents of the request's messages.
func (r fakeRequest) messages(tb testing.TB) (roles, contents []string) {
	tb.Helper()
	list, _ := r.body["messages"].([]any)
	for _, m := range list {
		m := m.(map[string]any)
		role, _ := m["role"].(string)
		content, _ := m["content"].(string)
		roles = append(roles, role)
		contents = append(contents, content)
	}
	return roles, contents
}

// fakeAPI is an OpenAI-compatible server answering from a script, as go-openai's own tests
// fake the API.
type fakeAPI struct {
	tb      testing.TB
	srv     *httptest.Server
	mu      sync.Mutex
	replies []fakeReply
	reqs    []fakeRequest
	arrived chan struct{} // one value per request received
}

func newFakeAPI(tb testing.TB, replies ...fakeReply) *fakeAPI {
	tb.Helper()
	f := &fakeAPI{tb: tb, replies: replies, arrived: make(chan struct{}, 100)}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	tb.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		f.tb.Errorf("request body is not JSON: %v", err)
	}
	f.mu.Lock()
	f.reqs = append(f.reqs, fakeRequest{path: r.URL.Path, query: r.URL.RawQuery, header: r.Header.Clone(), body: body})
	if len(f.replies) == 0 {
		f.mu.Unlock()
		f.tb.Errorf("unexpected request %d: the script has no reply left", len(f.reqs))
		http.Error(w, "no reply scripted", http.StatusTeapot)
		return
	}
	reply := f.replies[0]
	f.replies = f.replies[1:]
	f.mu.Unlock()
	f.arrived <- struct{}{}
	if reply.hold != nil {
		select {
		case <-reply.hold:
		case <-r.Context().Done():
			return
		}
	}
	for k, v := range reply.header {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(reply.status)
	io.WriteString(w, reply.body)
}

// requests returns the requests received so far.
func (f *fakeAPI) requests() []fakeRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]fakeRequest(nil), f.reqs...)
}

// fakeAnswer is a 200 reply whose first choice has content, with finish_reason stop.
func fakeAnswer(content string) fakeReply {
	return fakeAnswerWith(content, "stop", 100, 20)
}

// fakeAnswerWith is a 200 reply with the given finish reason and token usage.
func fakeAnswerWith(content, finish string, promptTokens, completionTokens int) fakeReply {
	body, _ := json.Marshal(map[string]any{
		"id": "chatcmpl-test", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini",
		"choices": []any{map[string]any{"index": 0, "finish_reason": finish,
			"message": map[string]any{"role": "assistant", "content": content}}},
		"usage": map[string]any{"prompt_tokens": promptTokens, "completion_tokens": completionTokens,
			"total_tokens": promptTokens + completionTokens},
	})
	return fakeReply{status: http.StatusOK, body: string(body)}
}

// fakeAnswerCached is a 200 reply whose usage also says how many of the prompt tokens the
// provider served from its cache, as OpenAI does in usage.prompt_tokens_details.
func fakeAnswerCached(content string, promptTokens, cachedTokens, completionTokens int) fakeReply {
	r := fakeAnswerWith(content, "stop", promptTokens, completionTokens)
	var body map[string]any
	_ = json.Unmarshal([]byte(r.body), &body)
	body["usage"].(map[string]any)["prompt_tokens_details"] = map[string]any{"cached_tokens": cachedTokens}
	raw, _ := json.Marshal(body)
	r.body = string(raw)
	return r
}

// fakeError is a reply with an OpenAI-style error body.
func fakeError(status int, message, code string) fakeReply {
	body, _ := json.Marshal(map[string]any{"error": map[string]any{
		"message": message, "type": "invalid_request_error", "code": code}})
	return fakeReply{status: status, body: string(body)}
}

// fakeClock is the injected Now: it stands still until the test moves it.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// sleepLog records the injected Sleep's waits instead of waiting.
type sleepLog struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleepLog) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleepLog) list() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// testEngine is an engine talking to f with a fake clock and recorded sleeps; adjust, when
// given, changes the configuration first.
type testEngine struct {
	*Engine
	api    *fakeAPI
	clock  *fakeClock
	sleeps *sleepLog
}

func newTestEngine(tb testing.TB, f *fakeAPI, adjust func(*Config)) testEngine {
	tb.Helper()
	clock := &fakeClock{t: time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)}
	s := &sleepLog{}
	cfg := Config{BaseURL: f.srv.URL + "/v1", Model: "gpt-4o-mini", Now: clock.now, Sleep: s.sleep}
	if adjust != nil {
		adjust(&cfg)
	}
	o, err := New(cfg)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return testEngine{Engine: o, api: f, clock: clock, sleeps: s}
}

// errKind returns the Kind of an engine error, failing the test for any other error.
func errKind(tb testing.TB, err error) string {
	tb.Helper()
	e, ok := err.(*llm.Error)
	if !ok {
		tb.Fatalf("error %v (%T) is not an *Error", err, err)
	}
	return e.Kind()
}

// lineJSON is a valid estimate_line answer with the given phases and range.
func lineJSON(phases [5]string, optimistic, pessimistic string) string {
	return fmt.Sprintf(`{"reasoning":"基本設計の画面20・帳票10を前提に工程別に積み上げた。",
"assumptions":["既存データの移行は範囲外とする。"],"risks":["帳票の追加要望が出る。"],
"phases":{"requirements":%s,"design":%s,"implementation":%s,"testing":%s,"documentation":%s},
"optimistic":%s,"pessimistic":%s,"confidence":"medium"}`,
		phases[0], phases[1], phases[2], phases[3], phases[4], optimistic, pessimistic)
}

// validLine is a valid estimate of 12.5 person-days, 10 to 16.5.
const validLine = `{"reasoning":"画面20・帳票10を前提に工程別に積み上げた。","assumptions":["既存データの移行は範囲外とする。"],` +
	`"risks":["帳票の追加要望が出る。"],"phases":{"requirements":1.5,"design":8,"implementation":0,"testing":2.0,` +
	`"documentation":1},"optimistic":10,"pessimistic":16.5,"confidence":"medium"}`
