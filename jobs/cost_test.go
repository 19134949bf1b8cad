package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"estimator/llm"
	"estimator/llm/openai"
	"estimator/store"
)

func TestPriceCost(t *testing.T) {
	p := DefaultPrices()["gpt-4o-mini"]
	tests := []struct {
		in, cached, out int
		want            int64
	}{
		{0, 0, 0, 0},
		{1000, 0, 200, 270}, // 150 000 + 120 000 millionths of a micro-USD per token, summed
		{1, 0, 0, 1},        // 0.15 micro-USD rounds up: a call is never free
		{1_000_000, 0, 1_000_000, 750_000},
		// 976 uncached at 0.15, 1,024 cached at 0.075 and 100 out at 0.60: 283.2, rounded up.
		{2000, 1024, 100, 284},
		{1, 1, 0, 1}, // 0.075 rounds up too
		{1_000_000, 1_000_000, 0, 75_000},
		{100, 500, 0, 8}, // a cached count above the input counts as all of it: 7.5
		{100, -5, 0, 15}, // and a negative one as none
	}
	for _, tt := range tests {
		if got := p.Cost(llm.Usage{InputTokens: tt.in, CachedInputTokens: tt.cached, OutputTokens: tt.out}); got != tt.want {
			t.Errorf("cost(%d in, %d cached, %d out) = %d, want %d", tt.in, tt.cached, tt.out, got, tt.want)
		}
	}
	// Without a cached rate, cached input costs as much as the rest.
	noCache := Price{InputPerMillionMicroUSD: 150_000, OutputPerMillionMicroUSD: 600_000}
	if got := noCache.Cost(llm.Usage{InputTokens: 1000, CachedInputTokens: 1000}); got != 150 {
		t.Errorf("cached input without a cached rate cost %d, want 150", got)
	}
	if got := (Price{}).Cost(llm.Usage{InputTokens: 5000, CachedInputTokens: 4000}); got != 0 {
		t.Errorf("an unpriced model cost %d, want 0", got)
	}
}

// TestCachedTokensRecorded follows cached tokens end to end: an OpenAI-compatible server that
// reports them in usage.prompt_tokens_details, the openai engine, a questions job, and the
// model_calls row, which keeps them and prices them at the cached rate.
func TestCachedTokensRecorded(t *testing.T) {
	const answer = `{"questions":[{"text":"How many users?","rationale":"Load drives the design."}]}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":"x","object":"chat.completion","created":1,"model":"gpt-4o-mini",`+
			`"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":%q}}],`+
			`"usage":{"prompt_tokens":2000,"completion_tokens":100,"total_tokens":2100,`+
			`"prompt_tokens_details":{"cached_tokens":1536}}}`, answer)
	}))
	t.Cleanup(srv.Close)
	engine, err := openai.New(openai.Config{BaseURL: srv.URL + "/v1", Model: "gpt-4o-mini", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "cached.db"), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	id, err := s.CreateTask(ctx, store.NewTask{Title: "Shop", ClientName: "ACME", Language: "en", Currency: "USD",
		TaxRounding: "down", UnitCostMinor: 50000, QuestionCount: 1,
		Lines: []store.NewLine{{Name: "Login", Description: "email and password"}}}, now)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EnqueueQuestions(ctx, id, 3, now); err != nil {
		t.Fatal(err)
	}
	job, err := s.ClaimJob(ctx, "worker-1", 30*time.Second, now)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := New(s, engine, log, Config{}).questions(ctx, job, log); err != nil {
		t.Fatal(err)
	}
	// 464 uncached at 0.15, 1,536 cached at 0.075 and 100 out at 0.60 micro-USD: 244.8, rounded
	// up; without the cache it would be 360. The store's own tests read the cached count back.
	want := store.Usage{Calls: 1, InputTokens: 2000, OutputTokens: 100, CostMicroUSD: 245}
	if u, err := s.TaskUsage(ctx, id); err != nil || u != want {
		t.Errorf("TaskUsage = %+v, %v; want %+v", u, err, want)
	}
}

func TestErrorClass(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&llm.Error{Category: llm.KindRateLimited, Message: "quota for user text"}, llm.KindRateLimited},
		{fmt.Errorf("wrapped: %w", &llm.Error{Category: llm.KindTimeout}), llm.KindTimeout},
		{fmt.Errorf("%w: %w", errLeaseLost, context.Canceled), "lease_lost"},
		{context.DeadlineExceeded, "timeout"},
		{context.Canceled, "cancelled"},
		{fmt.Errorf("%w: no effort", errInvalidResult), "invalid_result"},
		{errors.New("something the provider said about the requirements"), "error"},
	}
	for _, tt := range tests {
		if got := errorClass(tt.err); got != tt.want {
			t.Errorf("errorClass(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestLineError(t *testing.T) {
	rejected := &llm.Error{Category: llm.KindRejected, Message: "bad request"}
	if got := lineError(fmt.Errorf("attempt: %w", rejected)); got != llm.KindRejected {
		t.Errorf("lineError(llm.Error) = %q, want its kind %q", got, llm.KindRejected)
	}
	if got := lineError(errors.New("dial tcp: connection refused")); got != "" {
		t.Errorf("lineError(plain error) = %q, want \"\" so that the store records its code", got)
	}
}

func TestConfigDefaults(t *testing.T) {
	c := Config{}.withDefaults()
	if c.Workers != 8 || c.Lease != 30*time.Second || c.Renew != 10*time.Second || c.Poll != 500*time.Millisecond ||
		c.MaxAttempts != 3 || c.Backoff != time.Second || c.Now == nil || c.Prices["gpt-4o-mini"].InputPerMillionMicroUSD != 150_000 {
		t.Errorf("defaults = %+v", c)
	}
	if c := (Config{Lease: 3 * time.Second, Renew: 5 * time.Second}).withDefaults(); c.Renew != time.Second {
		t.Errorf("Renew %v with a 3 s lease, want 1 s: a renewal must come before the lease ends", c.Renew)
	}
}
