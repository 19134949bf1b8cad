package openai

import (
	"context"
	"fmt"

	"estimator/llm"
)

// Questions asks the model for n clarifying questions (n is clamped to 1–5, as the offline
// engine does), each with the reason it matters for the estimate.
func (o *Engine) Questions(ctx context.Context, t llm.Task, n int) ([]llm.Question, llm.Usage, error) {
	n = min(max(n, 1), openAIMaxQuestions)
	c, err := o.questionsConversation(t, n)
	if err != nil {
		return nil, llm.Usage{Model: o.model}, &llm.Error{Category: llm.KindRejected, Message: "the prompt could not be built", Err: err}
	}
	var out []llm.Question
	usage, err := o.run(ctx, c, func(content string) error {
		var a questionsAnswer
		if err := decodeAnswer(content, &a); err != nil {
			return err
		}
		qs, err := a.validate(n, t.Answers)
		if err != nil {
			return err
		}
		out = qs
		return nil
	})
	if err != nil {
		return nil, usage, err
	}
	return out, usage, nil
}

// questionsConversation is what Questions sends: the last message asks for n questions.
func (o *Engine) questionsConversation(t llm.Task, n int) (conversation, error) {
	return o.prompts.build(opQuestions, newPromptInput(t, o.sizer), questionsSchema(), o.schemaInText, lastMessage{Vars: struct{ N int }{n}})
}

// openAIMaxQuestions is the most questions one call asks for (llm.Engine.Questions: n is 1–5).
const openAIMaxQuestions = 5

// questionsAnswer is the answer of the questions operation.
type questionsAnswer struct {
	Questions []struct {
		Text      string `json:"text"`
		Rationale string `json:"rationale"`
	} `json:"questions"`
}

// questionsSchema describes questionsAnswer. Like lineSchema it gives the shape only; the
// system prompt says what each field holds, and the last message how many questions to write.
func questionsSchema() jsonSchema {
	return schemaObject("",
		schemaField("questions", schemaArray("", schemaObject("",
			stringField("text", ""),
			stringField("rationale", ""),
		))))
}

// validate checks the count, the texts and that no question repeats another or one already
// asked, and returns the questions.
func (a questionsAnswer) validate(n int, asked []llm.QA) ([]llm.Question, error) {
	var p problems
	if len(a.Questions) != n {
		p.addf("questions has %d items; exactly %d are required", len(a.Questions), n)
	}
	out := make([]llm.Question, 0, len(a.Questions))
	for i, q := range a.Questions {
		text := checkText(&p, fmt.Sprintf("questions[%d].text", i), q.Text, maxItemRunes)
		rationale := checkText(&p, fmt.Sprintf("questions[%d].rationale", i), q.Rationale, maxItemRunes)
		for j, prev := range out {
			if text != "" && sameText(text, prev.Text) {
				p.addf("questions[%d] repeats questions[%d]", i, j)
			}
		}
		for _, qa := range asked {
			if text != "" && sameText(text, qa.Question) {
				p.addf("questions[%d] repeats a question already asked", i)
			}
		}
		out = append(out, llm.Question{Text: text, Rationale: rationale})
	}
	return out, p.err()
}
