package llm

import (
	"context"
	"fmt"
)

// Offline is the engine used when no language model is configured: a documented parametric
// model (OFFLINE.md) that detects each deliverable's kind from keywords, scales a base effort
// by the sizes and complexity stated in the task, and splits it into phases. It is
// deterministic: the same task always gives the same questions and estimates, to the byte.
type Offline struct{}

// NewOffline returns the offline engine.
func NewOffline() *Offline { return &Offline{} }

// Name returns "offline".
func (o *Offline) Name() string { return offlineName }

// Offline returns true: results are labelled as coming from the calculation model.
func (o *Offline) Offline() bool { return true }

// EstimateLine estimates t.Lines[line] with the offline model. Its reasoning starts by saying
// that it is an offline estimate, then shows every step of the calculation.
func (o *Offline) EstimateLine(ctx context.Context, t Task, line int) (LineEstimate, Usage, error) {
	if err := ctx.Err(); err != nil {
		return LineEstimate{}, offlineUsage(), err
	}
	if line < 0 || line >= len(t.Lines) {
		return LineEstimate{}, offlineUsage(), fmt.Errorf("llm: line %d out of range: the task has %d lines", line, len(t.Lines))
	}
	c := calculate(t, line)
	l := languageOf(t.Language)
	return LineEstimate{
		Phases:      c.phases,
		Optimistic:  c.optimistic,
		Pessimistic: c.pessimistic,
		Confidence:  spreads[c.conf.level].label,
		Reasoning:   c.reasoning(l),
		Assumptions: c.assumptions(l),
		Risks:       c.risks(l),
	}, offlineUsage(), nil
}

const offlineName = "offline"

// offlineUsage is the usage of every offline call: no tokens, and no duration, which would
// make two otherwise identical results differ.
func offlineUsage() Usage { return Usage{Model: offlineName} }
