// Package llm is the estimating engine behind Estimator: the Engine interface that jobs and
// handlers call, the types it speaks, and the offline engine, a deterministic parametric model
// used when no language model is configured. Engines estimate effort in tenths of a
// person-day; money is computed elsewhere, in Go, and never by a model.
package llm

import (
	"context"
	"errors"
	"time"
)

// Engine is what jobs and handlers use to ask questions, estimate deliverables and propose
// adjustments. Implementations are safe for concurrent use: jobs estimate several lines of
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
	// Propose suggests ways to move the estimate towards req.TargetDeltaMinor. Engines that
	// cannot judge a negotiation return ErrNotSupported.
	Propose(ctx context.Context, req ProposalRequest) ([]Proposal, Usage, error)
}

// Usage is what a call cost, for the record of model calls. The offline engine reports its
// name, no tokens and no duration, so that its results stay byte-for-byte reproducible.
type Usage struct {
	Model        string
	InputTokens  int
	OutputTokens int
	Duration     time.Duration
}

// ErrNotSupported is returned by an engine for an operation it does not offer, such as
// negotiation by the offline engine; callers fall back to their own deterministic rules.
var ErrNotSupported = errors.New("llm: not supported by this engine")
