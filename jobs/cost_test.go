package jobs

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"estimator/llm"
)

func TestPriceCost(t *testing.T) {
	p := DefaultPrices()["gpt-4o-mini"]
	tests := []struct {
		in, out int
		want    int64
	}{
		{0, 0, 0},
		{1000, 200, 270}, // 150 000 + 120 000 millionths of a micro-USD per token, summed
		{1, 0, 1},        // 0.15 micro-USD rounds up: a call is never free
		{1_000_000, 1_000_000, 750_000},
	}
	for _, tt := range tests {
		if got := p.cost(llm.Usage{InputTokens: tt.in, OutputTokens: tt.out}); got != tt.want {
			t.Errorf("cost(%d in, %d out) = %d, want %d", tt.in, tt.out, got, tt.want)
		}
	}
	if got := (Price{}).cost(llm.Usage{InputTokens: 5000}); got != 0 {
		t.Errorf("an unpriced model cost %d, want 0", got)
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
