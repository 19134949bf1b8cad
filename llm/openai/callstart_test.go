package openai

import (
	"context"
	"net/http"
	"testing"

	"estimator/llm"
	"estimator/llm/internal/sample"
)

// TestOpenAICallStart checks that the engine reports a call once, before its first request
// reaches the provider, with the model and an estimate of the prompt that is not below what
// the messages alone take; the repair does not report it again.
func TestOpenAICallStart(t *testing.T) {
	f := newFakeAPI(t, fakeAnswerWith(`{"reasoning":"x"}`, "stop", 1000, 50), fakeAnswer(validLine))
	e := newTestEngine(t, f, nil)
	var starts []llm.Usage
	ctx := llm.WithCallStart(context.Background(), func(estimate llm.Usage) {
		if n := len(f.requests()); n != 0 {
			t.Errorf("the start was reported after %d requests, want before the first", n)
		}
		starts = append(starts, estimate)
	})
	if _, _, err := e.EstimateLine(ctx, sample.Task("ja"), 0); err != nil {
		t.Fatal(err)
	}
	if len(starts) != 1 {
		t.Fatalf("the start was reported %d times, want once for the call and its repair", len(starts))
	}
	_, contents := f.requests()[0].messages(t)
	messages := 0
	for _, c := range contents {
		messages += llm.EstimateTokens(c)
	}
	if got := starts[0]; got.Model != "gpt-4o-mini" || got.InputTokens <= messages || got.OutputTokens != 0 {
		t.Errorf("estimate = %+v, want gpt-4o-mini with more than the %d input tokens of the messages (the schema is input too)",
			got, messages)
	}
}

// TestOpenAICallStartNotSent checks that an operation refused before sending reports no start:
// a prompt that cannot be built, an open breaker.
func TestOpenAICallStartNotSent(t *testing.T) {
	f := newFakeAPI(t, fakeError(http.StatusServiceUnavailable, "down", ""))
	e := newTestEngine(t, f, func(c *Config) { c.BreakerThreshold, c.MaxRetries = 1, -1 })
	// Without WithCallStart the engine works as before; this failure opens the breaker.
	if _, _, err := e.EstimateLine(context.Background(), sample.Task("ja"), 0); errKind(t, err) != llm.KindUnavailable {
		t.Fatalf("err = %v, want unavailable", err)
	}
	started := 0
	ctx := llm.WithCallStart(context.Background(), func(llm.Usage) { started++ })
	if _, _, err := e.EstimateLine(ctx, sample.Task("ja"), 99); err == nil {
		t.Fatal("a line out of range was estimated")
	}
	if _, _, err := e.EstimateLine(ctx, sample.Task("ja"), 0); err == nil {
		t.Fatal("a call went through an open breaker")
	}
	if started != 0 || len(f.requests()) != 1 {
		t.Errorf("%d starts reported and %d requests sent, want none after the first request", started, len(f.requests()))
	}
}
