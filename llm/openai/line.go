package openai

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"estimator/llm"
)

// EstimateLine asks the model to estimate t.Lines[line], phase by phase. The messages before
// the last one are the same for every line of the task, so a provider that caches prompt
// prefixes bills them once per task rather than once per line.
func (o *Engine) EstimateLine(ctx context.Context, t llm.Task, line int) (llm.LineEstimate, llm.Usage, error) {
	if line < 0 || line >= len(t.Lines) {
		return llm.LineEstimate{}, llm.Usage{Model: o.model}, &llm.Error{Category: llm.KindRejected,
			Message: fmt.Sprintf("line %d out of range: the task has %d lines", line, len(t.Lines))}
	}
	c, err := o.lineConversation(t, line)
	if err != nil {
		return llm.LineEstimate{}, llm.Usage{Model: o.model}, &llm.Error{Category: llm.KindRejected, Message: "the prompt could not be built", Err: err}
	}
	var out llm.LineEstimate
	usage, err := o.run(ctx, c, func(content string) error {
		var a lineAnswer
		if err := decodeAnswer(content, &a); err != nil {
			return err
		}
		est, err := a.validate()
		if err != nil {
			return err
		}
		out = est
		return nil
	})
	if err != nil {
		return llm.LineEstimate{}, usage, err
	}
	return out, usage, nil
}

// lineConversation is what EstimateLine sends: the last message names the line by its number
// alone (1-based, as in the shared context), so that everything before that number is the same
// for every line of the task.
func (o *Engine) lineConversation(t llm.Task, line int) (conversation, error) {
	return o.prompts.build(opEstimateLine, newPromptInput(t, o.sizer), lineSchema(), o.schemaInText,
		lastMessage{Vars: struct{ No int }{line + 1}})
}

// lineAnswer is the answer of the estimate_line operation. Figures stay decimal text until
// validate converts them (see parseTenths).
type lineAnswer struct {
	Reasoning   string       `json:"reasoning"`
	Assumptions []string     `json:"assumptions"`
	Risks       []string     `json:"risks"`
	Phases      phasesAnswer `json:"phases"`
	Optimistic  json.Number  `json:"optimistic"`
	Pessimistic json.Number  `json:"pessimistic"`
	Confidence  string       `json:"confidence"`
}

// lineSchema describes lineAnswer, the reasoning first, so that the model writes the basis
// of its figures before the figures. It gives the shape only: what each field means and its
// bounds are in the system prompt, in the task's language, and sent once rather than twice.
func lineSchema() jsonSchema {
	return schemaObject("",
		stringField("reasoning", ""),
		schemaField("assumptions", schemaArray("", jsonSchema{Type: "string"})),
		schemaField("risks", schemaArray("", jsonSchema{Type: "string"})),
		schemaField("phases", phasesSchema("")),
		numberField("optimistic", ""),
		numberField("pessimistic", ""),
		enumField("confidence", "", llm.ConfidenceLow, llm.ConfidenceMedium, llm.ConfidenceHigh),
	)
}

// validate checks every bound and returns the estimate in tenths.
//
// A range that does not contain the sum of the phases is repaired, not refused: the smaller
// of the two totals becomes the optimistic one, the larger the pessimistic one, and the
// range is widened to include the sum. That only reorders and widens what the model said, so
// it invents nothing, and it saves a model call for a slip that models make often.
func (a lineAnswer) validate() (llm.LineEstimate, error) {
	var p problems
	phases := a.Phases.tenths(&p, "phases")
	phasesValid := len(p) == 0
	e := llm.LineEstimate{
		Phases:      phases,
		Optimistic:  parseTenths(&p, "optimistic", a.Optimistic, maxTotalTenths),
		Pessimistic: parseTenths(&p, "pessimistic", a.Pessimistic, maxTotalTenths),
		Confidence:  strings.ToLower(strings.TrimSpace(a.Confidence)),
		Reasoning:   checkText(&p, "reasoning", a.Reasoning, maxReasoningRunes),
		Assumptions: checkList(&p, "assumptions", a.Assumptions),
		Risks:       checkList(&p, "risks", a.Risks),
	}
	var sum int64
	for _, v := range e.Phases {
		sum += v
	}
	if sum == 0 && phasesValid {
		p.addf("all phases are 0; a deliverable takes effort in at least one phase")
	}
	if !slices.Contains([]string{llm.ConfidenceLow, llm.ConfidenceMedium, llm.ConfidenceHigh}, e.Confidence) {
		p.addf("confidence = %q is not one of low, medium, high", a.Confidence)
	}
	if err := p.err(); err != nil {
		return llm.LineEstimate{}, err
	}
	e.Optimistic, e.Pessimistic = min(e.Optimistic, e.Pessimistic, sum), max(e.Optimistic, e.Pessimistic, sum)
	return e, nil
}
