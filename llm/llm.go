// Package llm is the estimating engine behind Estimator as jobs and handlers see it: the Engine
// interface, the types both engines speak (tasks, estimates, the chat and its proposals, usage,
// *Error), the reading of a chat message that both start from (ParseIntent), and the texts
// jobs store beside their results. The engines are its subpackages: openai talks to an
// OpenAI-compatible API, offline is a deterministic parametric model used when no language
// model is configured. Engines estimate effort in tenths of a person-day; money is computed
// elsewhere, in Go, and never by a model.
package llm

import (
	"context"
	"errors"
	"time"
)

// Engine is what jobs and handlers use to ask questions, estimate deliverables and negotiate
// the estimate in a chat. Implementations are safe for concurrent use: jobs estimate several lines of
// one task at the same time.
type Engine interface {
	// Name is "offline", or the model name, for the record of model calls.
	Name() string
	// Offline reports whether results come from the offline calculation model, so that the UI
	// and the documents can label them as such.
	Offline() bool
	// Questions returns n clarifying questions (n is 1–5) about the task, each with the reason
	// it matters for the estimate, in the task's language.
	Questions(ctx context.Context, t Task, n int) ([]Question, Usage, error)
	// EstimateLine estimates t.Lines[line] (0-based), phase by phase, in the task's language.
	EstimateLine(ctx context.Context, t Task, line int) (LineEstimate, Usage, error)
	// Chat answers one turn of the negotiation chat about the revision in req: proposals for
	// a change of price or scope, an answer to a question about the estimate, or a short
	// reply. One turn costs at most one model call (and its one repair).
	Chat(ctx context.Context, req ChatRequest) (ChatReply, Usage, error)
}

// Usage is what a call cost, for the record of model calls. The offline engine reports its
// name, no tokens and no duration, so that its results stay byte-for-byte reproducible.
type Usage struct {
	Model       string
	InputTokens int
	// CachedInputTokens is the part of InputTokens that the provider served from its prompt
	// cache, billed at a lower rate; 0 when it does not say.
	CachedInputTokens int
	OutputTokens      int
	Duration          time.Duration
}

// WithCallStart returns a context under which an engine calls start just before it sends an
// operation's first request to a model, with the usage expected from the prompt alone: the model
// and the input tokens estimated with EstimateTokens. A provider bills a request once it is sent,
// whether or not the caller lives to read the answer, so a caller that accounts for cost records
// the call here rather than after it returns. start is called at most once per operation (its
// retries and repair are counted only by the Usage returned), on the engine's goroutine, and the
// request waits for it, so it must be quick. An operation that sends nothing never calls it: the
// offline engine's, and one refused before sending (an open breaker, a prompt that cannot be
// built).
func WithCallStart(ctx context.Context, start func(estimate Usage)) context.Context {
	return context.WithValue(ctx, callStartKey{}, start)
}

type callStartKey struct{}

// StartCall is what an engine calls just before it sends an operation's first request: it passes
// estimate to the function WithCallStart put into ctx, if any.
func StartCall(ctx context.Context, estimate Usage) {
	if start, ok := ctx.Value(callStartKey{}).(func(Usage)); ok {
		start(estimate)
	}
}

// ErrNotSupported is returned by an engine for an operation it does not offer; callers fall
// back to their own deterministic rules. Both engines, openai and offline, offer every
// operation, but engines standing in for them (in tests, or a provider without a chat) may not.
var ErrNotSupported = errors.New("llm: not supported by this engine")
