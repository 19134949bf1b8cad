package eval

import (
	"context"
	"errors"

	"estimator/llm"
)

// fakeEngine answers every line with the same figures and fails the lines named fail, as an
// engine whose model refused them would.
type fakeEngine struct {
	est  llm.LineEstimate
	fail string
}

// tenDays is the fake's estimate of every line: 10.0 person-days split 10/30/30/30/0 %, range
// 8.0–14.0.
var tenDays = llm.LineEstimate{Phases: [5]int64{10, 30, 30, 30, 0}, Optimistic: 80, Pessimistic: 140}

func (fakeEngine) Name() string  { return "fake" }
func (fakeEngine) Offline() bool { return false }

func (fakeEngine) Questions(context.Context, llm.Task, int) ([]llm.Question, llm.Usage, error) {
	return nil, llm.Usage{}, llm.ErrNotSupported
}

func (f fakeEngine) EstimateLine(_ context.Context, t llm.Task, line int) (llm.LineEstimate, llm.Usage, error) {
	usage := llm.Usage{Model: "fake", InputTokens: 100, OutputTokens: 20}
	if t.Lines[line].Name == f.fail {
		return llm.LineEstimate{}, usage, errors.New("the model refused")
	}
	return f.est, usage, nil
}

func (fakeEngine) Chat(context.Context, llm.ChatRequest) (llm.ChatReply, llm.Usage, error) {
	return llm.ChatReply{}, llm.Usage{}, llm.ErrNotSupported
}
