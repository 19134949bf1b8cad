// Package offline is the estimating engine used when no language model is configured or it is
// chosen explicitly: a deterministic parametric model anchored on public data, documented with
// its tables and a worked example in OFFLINE.md, and rule-based answers to the chat.
package offline

import (
	"context"
	"fmt"

	"estimator/llm"
)

// Engine is the llm.Engine used when no language model is configured: a documented parametric
// model (OFFLINE.md) that sizes the whole system from what the task states, turns the size into
// effort with public Japanese project data, and gives each deliverable its part. It is
// deterministic: the same task always gives the same questions and estimates, to the byte.
type Engine struct {
	productivity int64  // per-mille applied to the public figures
	sizer        *Sizer // the system of the task whose lines are being estimated, sized once
}

// New returns the offline engine with the productivity factor of the public figures.
func New() *Engine { return NewWithProductivity(DefaultProductivity) }

// NewWithProductivity returns the offline engine with a productivity factor, per-mille of the
// public (enterprise) figures: 600 for a team that needs 0.6 of their effort.
func NewWithProductivity(permille int64) *Engine {
	if permille <= 0 {
		permille = DefaultProductivity
	}
	return &Engine{productivity: permille, sizer: NewSizer()}
}

// Name returns "offline".
func (o *Engine) Name() string { return offlineName }

// Offline returns true: results are labelled as coming from the calculation model.
func (o *Engine) Offline() bool { return true }

// EstimateLine estimates t.Lines[line] with the offline model. Its reasoning starts by saying
// that it is an offline estimate, then shows every step of the calculation.
func (o *Engine) EstimateLine(ctx context.Context, t llm.Task, line int) (llm.LineEstimate, llm.Usage, error) {
	if err := ctx.Err(); err != nil {
		return llm.LineEstimate{}, offlineUsage(), err
	}
	if line < 0 || line >= len(t.Lines) {
		return llm.LineEstimate{}, offlineUsage(), fmt.Errorf("llm: line %d out of range: the task has %d lines", line, len(t.Lines))
	}
	c := calculate(o.sizer.system(t, o.productivity), line)
	l := languageOf(t.Language)
	return llm.LineEstimate{
		Phases:      c.phases,
		Optimistic:  c.optimistic,
		Pessimistic: c.pessimistic,
		Confidence:  c.stage.confidence,
		Reasoning:   c.reasoning(l),
		Assumptions: c.assumptions(l),
		Risks:       c.risks(l),
	}, offlineUsage(), nil
}

const offlineName = "offline"

// offlineUsage is the usage of every offline call: no tokens, and no duration, which would
// make two otherwise identical results differ.
func offlineUsage() llm.Usage { return llm.Usage{Model: offlineName} }
