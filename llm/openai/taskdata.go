package openai

import (
	"encoding/json"

	"estimator/llm"
	"estimator/llm/offline"
)

// promptInput is what the prompts show of a task. newPromptInput is the one place that builds it
// from llm.Task: facts the task types do not carry yet, such as the size the user stated, are
// added there and reach every operation's shared context.
type promptInput struct {
	task llm.Task
	size *sizeFacts // nil: no size facts; the prompts then do not mention them
}

// newPromptInput gives the model the size the offline model reads from the task (its stated
// counts and the effort public data gives for them) as the anchor to estimate against; nothing
// when no size was stated.
func newPromptInput(t llm.Task, sizer *offline.Sizer) promptInput {
	in := promptInput{task: t}
	if size, ok := sizer.SizeOf(t); ok {
		in.size = &sizeFacts{Screens: size.Screens, Reports: size.Reports, Batches: size.Batches, APIs: size.APIs,
			Integrations: size.Interfaces, Users: size.Users, ReferenceDays: daysJSON(size.ReferenceTenths)}
	}
	return in
}

// sizeFacts are the size of the system as the user stated it (counts of screens, reports,
// batch jobs, APIs, interfaces with other systems, users) and the reference total in
// person-days that public size-to-effort data gives for them. Zero means not stated.
type sizeFacts struct {
	Screens       int64    `json:"screens,omitempty"`
	Reports       int64    `json:"reports,omitempty"`
	Batches       int64    `json:"batches,omitempty"`
	APIs          int64    `json:"apis,omitempty"`
	Integrations  int64    `json:"interfaces,omitempty"`
	Users         int64    `json:"users,omitempty"`
	ReferenceDays daysJSON `json:"days,omitempty"`
}

// contextJSON is the task as every operation shows it to the model. It depends on nothing but
// the task, so it is byte-identical for every line and every chat turn, which is what
// provider-side prompt caching needs.
type contextJSON struct {
	Title        string            `json:"title"`
	Requirements string            `json:"requirements"`
	Deliverables []deliverableJSON `json:"deliverables"`
	Questions    []qaJSON          `json:"questions,omitempty"`
	Size         *sizeFacts        `json:"size,omitempty"`
}

// deliverableJSON is a deliverable, written as [no, name, description]. The prompts declare
// that order once; keys repeated on every deliverable of every call would cost about as much
// as the names themselves.
type deliverableJSON struct {
	No          int
	Name        string
	Description string
}

func (d deliverableJSON) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{d.No, d.Name, d.Description})
}

// qaJSON is a question with its answer, written as [question, answer]; an empty answer is an
// unknown, which the prompts tell the model to cover with a stated assumption. The question's
// rationale is left out: it says why the question was asked, which the answer makes moot.
type qaJSON struct {
	Question string
	Answer   string
}

func (q qaJSON) MarshalJSON() ([]byte, error) {
	return json.Marshal([]string{q.Question, q.Answer})
}

// taskContext is the shared context of a task: the second message of every operation.
func taskContext(in promptInput) contextJSON {
	t := in.task
	c := contextJSON{Title: t.Title, Requirements: t.Requirements, Size: in.size,
		Deliverables: make([]deliverableJSON, len(t.Lines)), Questions: make([]qaJSON, len(t.Answers))}
	for i, l := range t.Lines {
		c.Deliverables[i] = deliverableJSON{No: i + 1, Name: l.Name, Description: l.Description}
	}
	for i, qa := range t.Answers {
		c.Questions[i] = qaJSON{Question: qa.Question, Answer: qa.Answer}
	}
	return c
}
