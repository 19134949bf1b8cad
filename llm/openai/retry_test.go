package openai

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"estimator/llm"
	"estimator/llm/internal/sample"
)

func TestOpenAIRateLimitedHonoursRetryAfter(t *testing.T) {
	limited := fakeError(http.StatusTooManyRequests, "Rate limit reached", "rate_limit_exceeded")
	limited.header = map[string]string{"Retry-After": "2"}
	f := newFakeAPI(t, limited, fakeAnswer(validLine))
	e := newTestEngine(t, f, nil)
	if _, _, err := e.EstimateLine(context.Background(), sample.Task("ja"), 0); err != nil {
		t.Fatal(err)
	}
	if got := e.sleeps.list(); len(got) != 1 || got[0] != 2*time.Second {
		t.Errorf("waits = %v, want [2s]", got)
	}
}

func TestOpenAIRateLimitedAfterRetries(t *testing.T) {
	limited := fakeError(http.StatusTooManyRequests, "Rate limit reached", "rate_limit_exceeded")
	f := newFakeAPI(t, limited, limited, limited, limited)
	e := newTestEngine(t, f, nil)
	_, _, err := e.EstimateLine(context.Background(), sample.Task("ja"), 0)
	if errKind(t, err) != llm.KindRateLimited || !llm.IsUnavailable(err) {
		t.Errorf("err = %v, want rate_limited and unavailable", err)
	}
	if len(f.requests()) != 4 || len(e.sleeps.list()) != 3 {
		t.Errorf("%d requests, waits %v; want 4 requests and 3 backoffs", len(f.requests()), e.sleeps.list())
	}
}

func TestOpenAIInsufficientQuotaFailsAtOnce(t *testing.T) {
	f := newFakeAPI(t, fakeError(http.StatusTooManyRequests, "You exceeded your current quota", "insufficient_quota"))
	_, _, err := newTestEngine(t, f, nil).EstimateLine(context.Background(), sample.Task("ja"), 0)
	if errKind(t, err) != llm.KindRejected || len(f.requests()) != 1 {
		t.Errorf("err = %v after %d requests, want rejected after 1", err, len(f.requests()))
	}
}

func TestOpenAIServerErrorThenSuccess(t *testing.T) {
	f := newFakeAPI(t, fakeError(http.StatusInternalServerError, "The server had an error", ""), fakeAnswer(validLine))
	e := newTestEngine(t, f, nil)
	if _, _, err := e.EstimateLine(context.Background(), sample.Task("ja"), 0); err != nil {
		t.Fatal(err)
	}
	if got := e.sleeps.list(); len(got) != 1 || got[0] < retryBase/2 || got[0] > retryBase {
		t.Errorf("waits = %v, want one backoff within [0.5s, 1s]", got)
	}
}

func TestOpenAIServerErrorExhaustsRetries(t *testing.T) {
	boom := fakeError(http.StatusServiceUnavailable, "overloaded", "")
	f := newFakeAPI(t, boom, boom, boom, boom)
	e := newTestEngine(t, f, nil)
	_, _, err := e.EstimateLine(context.Background(), sample.Task("ja"), 0)
	if errKind(t, err) != llm.KindUnavailable || !llm.IsUnavailable(err) || errorsAs(t, err).Status != 503 {
		t.Fatalf("err = %v, want unavailable with status 503", err)
	}
	if n := len(f.requests()); n != 4 {
		t.Errorf("%d requests, want 1 + MaxRetries (3)", n)
	}
	for i, d := range e.sleeps.list() {
		step := retryBase << i
		if d < step/2 || d > step {
			t.Errorf("wait %d = %v, want within [%v, %v]", i, d, step/2, step)
		}
	}
	if msg := errorsAs(t, err).UserMessage(); strings.Contains(msg, "overloaded") || msg == "" {
		t.Errorf("user message %q", msg)
	}
}

func TestOpenAIRejectedAtOnce(t *testing.T) {
	key := "sk-proj-abcdefghijklmnop1234"
	msg := "Invalid schema for response_format 'estimate_line': key " + key + " is not allowed " + strings.Repeat("x", 400)
	f := newFakeAPI(t, fakeError(http.StatusBadRequest, msg, "invalid_request_error"))
	e := newTestEngine(t, f, func(c *Config) { c.APIKey = key })
	_, _, err := e.EstimateLine(context.Background(), sample.Task("ja"), 0)
	if errKind(t, err) != llm.KindRejected || llm.IsUnavailable(err) {
		t.Fatalf("err = %v, want rejected", err)
	}
	if len(f.requests()) != 1 || len(e.sleeps.list()) != 0 {
		t.Errorf("a 400 was retried")
	}
	// The provider's text may quote the prompt, the user's data: only its type and code are kept.
	user := errorsAs(t, err).UserMessage()
	if !strings.Contains(user, "invalid_request_error") || strings.Contains(user, "Invalid schema") || strings.Contains(err.Error(), "Invalid schema") ||
		strings.Contains(user, key) || strings.Contains(err.Error(), key) {
		t.Errorf("user message %q, error %q: want the error's type and code, not the provider's text", user, err)
	}
	if n := len([]rune(errorsAs(t, err).Message)); n > maxMessageRunes {
		t.Errorf("message has %d characters", n)
	}
}

func TestOpenAITimeout(t *testing.T) {
	f := newFakeAPI(t, fakeReply{status: 200, body: "{}", hold: make(chan struct{})})
	e := newTestEngine(t, f, func(c *Config) { c.Timeout, c.MaxRetries = 100*time.Millisecond, -1 })
	_, _, err := e.EstimateLine(context.Background(), sample.Task("ja"), 0)
	if errKind(t, err) != llm.KindTimeout || !llm.IsUnavailable(err) {
		t.Errorf("err = %v, want a timeout", err)
	}
}

func TestOpenAINetworkError(t *testing.T) {
	f := newFakeAPI(t)
	f.srv.Close()
	e := newTestEngine(t, f, func(c *Config) { c.MaxRetries = 1 })
	_, _, err := e.EstimateLine(context.Background(), sample.Task("ja"), 0)
	if errKind(t, err) != llm.KindUnavailable || len(e.sleeps.list()) != 1 {
		t.Errorf("err = %v, waits %v; want unavailable after one retry", err, e.sleeps.list())
	}
}

func TestOpenAICancelled(t *testing.T) {
	f := newFakeAPI(t, fakeReply{status: 200, body: "{}", hold: make(chan struct{})})
	e := newTestEngine(t, f, func(c *Config) { c.BreakerThreshold = 1 })
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-f.arrived; cancel() }()
	_, _, err := e.EstimateLine(ctx, sample.Task("ja"), 0)
	if !errors.Is(err, context.Canceled) || llm.IsUnavailable(err) {
		t.Errorf("err = %v, want cancelled and not unavailable", err)
	}
	if err := e.breaker.allow(); err != nil {
		t.Errorf("a cancelled call opened the breaker: %v", err)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		header map[string]string
		want   time.Duration
		ok     bool
	}{
		{"seconds", map[string]string{"Retry-After": "2"}, 2 * time.Second, true},
		{"date", map[string]string{"Retry-After": now.Add(7 * time.Second).Format(http.TimeFormat)}, 7 * time.Second, true},
		{"past date", map[string]string{"Retry-After": now.Add(-time.Hour).Format(http.TimeFormat)}, 0, true},
		{"capped", map[string]string{"Retry-After": "3600"}, retryAfterCap, true},
		{"capped date", map[string]string{"Retry-After": now.Add(time.Hour).Format(http.TimeFormat)}, retryAfterCap, true},
		{"milliseconds first", map[string]string{"Retry-After": "2", "Retry-After-Ms": "1500"}, 1500 * time.Millisecond, true},
		{"absent", nil, 0, false},
		{"garbage", map[string]string{"Retry-After": "soon"}, 0, false},
		{"negative", map[string]string{"Retry-After": "-3"}, 0, false},
	}
	for _, tc := range cases {
		h := http.Header{}
		for k, v := range tc.header {
			h.Set(k, v)
		}
		if got, ok := retryAfter(h, now); got != tc.want || ok != tc.ok {
			t.Errorf("%s: retryAfter = %v, %v; want %v, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

func TestBackoff(t *testing.T) {
	for attempt := range 10 {
		step := min(retryBase<<min(attempt, 5), retryCap)
		for range 50 {
			if d := backoff(attempt); d < step/2 || d > step {
				t.Fatalf("backoff(%d) = %v, want within [%v, %v]", attempt, d, step/2, step)
			}
		}
	}
}

func TestSanitize(t *testing.T) {
	cases := []struct{ in, key, want string }{
		{"bad key my-secret-key given", "my-secret-key", "bad key [redacted] given"},
		{"Incorrect API key provided: sk-abcdefghijklmnopqrstuvwxyz.", "", "Incorrect API key provided: sk-[redacted]."},
		{"task-sk-12 ask-abcdefghijklmnop", "", "task-sk-12 ask-abcdefghijklmnop"},
		{"line\nbreak\t\x00 and   spaces", "", "line break and spaces"},
	}
	for _, tc := range cases {
		if got := sanitize(tc.in, tc.key); got != tc.want {
			t.Errorf("sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := []rune(sanitize(strings.Repeat("あ", 500), "")); len(got) != maxMessageRunes || got[len(got)-1] != '…' {
		t.Errorf("long text cut to %d runes", len(got))
	}
}
