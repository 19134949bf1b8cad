package openai

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"strings"
	"text/template"

	goopenai "github.com/sashabaranov/go-openai"

	"estimator/llm"
)

// promptFiles are the prompt templates: common.{ja,en}.tmpl holds the persona, the phase
// definitions and the rules every operation shares; each operation has one file per language
// defining its "system" prompt and the "request" that opens its last message.
//
//go:embed prompts/*.tmpl
var promptFiles embed.FS

// Operations, as named by their prompt files.
const (
	opQuestions    = "questions"
	opEstimateLine = "estimate_line"
	opChat         = "chat"
)

// prompts holds the parsed templates of each operation and language, keyed "op.lang".
type prompts map[string]*template.Template

// loadPrompts parses every template once, when the engine is built, so that a broken
// template stops the start-up instead of failing estimates one by one.
func loadPrompts() (prompts, error) {
	p := prompts{}
	for _, op := range []string{opQuestions, opEstimateLine, opChat} {
		for _, lang := range []string{"ja", "en"} {
			t, err := template.New(op).Option("missingkey=error").ParseFS(promptFiles,
				"prompts/common."+lang+".tmpl", "prompts/"+op+"."+lang+".tmpl")
			if err != nil {
				return nil, fmt.Errorf("llm: parse prompts: %w", err)
			}
			p[op+"."+lang] = t
		}
	}
	return p, nil
}

// promptLanguage is the language of the prompts for Task.Language: Japanese for "ja",
// English for anything else, as the offline engine decides too.
func promptLanguage(code string) string {
	if code == "ja" {
		return "ja"
	}
	return "en"
}

func (p prompts) render(op, lang, name string, data any) (string, error) {
	var b bytes.Buffer
	if err := p[op+"."+lang].ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("llm: render %s.%s %s prompt: %w", op, lang, name, err)
	}
	return strings.TrimSpace(b.String()), nil
}

// conversation is what an operation asks, before the request options are added.
type conversation struct {
	op       string
	lang     string
	schema   jsonSchema // the answer's schema, named after op
	messages []goopenai.ChatCompletionMessage
}

// systemVars are the variables of a system prompt. Schema is set only in json_object mode,
// where the prompt is the only place the model can learn the shape of the answer.
type systemVars struct {
	Schema string
}

// lastMessage is what the last message of an operation holds: the "request" template
// rendered with Vars, then Data as a data block when it is not nil. Compact data is written on
// one line, without indentation: a chat turn's data is long, only the model reads it, and the
// indentation would cost tokens on every turn.
type lastMessage struct {
	Vars    any
	Data    any
	Compact bool
}

// build renders the three messages of an operation, in the order that lets provider-side
// prompt caching work: the system prompt (the same for every call of the operation), the
// task's shared context (the same for every line and every chat turn of a task), and last a
// short message with what this call asks.
//
// Untrusted text (the task's title, requirements, deliverables, questions, answers and the
// user's words) only ever enters through the two data blocks, as JSON; the templates see
// nothing but the schema and counts.
func (p prompts) build(op string, t llm.Task, s jsonSchema, inPrompt bool, last lastMessage) (conversation, error) {
	c := conversation{op: op, lang: promptLanguage(t.Language), schema: s}
	var vars systemVars
	if inPrompt {
		raw, err := json.MarshalIndent(s, "", "  ")
		if err != nil {
			return c, fmt.Errorf("llm: encode %s schema: %w", op, err)
		}
		vars.Schema = string(raw)
	}
	system, err := p.render(op, c.lang, "system", vars)
	if err != nil {
		return c, err
	}
	shared, err := p.render(op, c.lang, "context", nil)
	if err != nil {
		return c, err
	}
	block, err := dataBlock(taskContext(t), false)
	if err != nil {
		return c, err
	}
	request, err := p.render(op, c.lang, "request", last.Vars)
	if err != nil {
		return c, err
	}
	if last.Data != nil {
		b, err := dataBlock(last.Data, last.Compact)
		if err != nil {
			return c, err
		}
		request += "\n" + b
	}
	c.messages = []goopenai.ChatCompletionMessage{
		{Role: goopenai.ChatMessageRoleSystem, Content: system},
		{Role: goopenai.ChatMessageRoleUser, Content: shared + "\n" + block},
		{Role: goopenai.ChatMessageRoleUser, Content: request},
	}
	return c, nil
}

// repairMessage is the user message that asks again after an invalid answer.
func (p prompts) repairMessage(c conversation, problem error) (string, error) {
	return p.render(c.op, c.lang, "repair", problem.Error())
}

// dataBlock wraps v, as JSON, in the <data> block that the system prompts declare to be data:
// indented, or on one line when compact.
func dataBlock(v any, compact bool) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	if !compact {
		enc.SetIndent("", "  ")
	}
	// HTML escaping stays on: it writes "<" and ">" as \u003c and \u003e, so no value can
	// contain "</data>" verbatim, and JSON escaping already writes line breaks as \n, so no
	// value can begin a line of its own that looks like an instruction.
	if err := enc.Encode(v); err != nil {
		return "", fmt.Errorf("llm: encode prompt data: %w", err)
	}
	return "<data>\n" + strings.TrimSuffix(b.String(), "\n") + "\n</data>", nil
}

// contextJSON is the task as every operation shows it to the model.
type contextJSON struct {
	Title        string            `json:"title"`
	Requirements string            `json:"requirements"`
	Deliverables []deliverableJSON `json:"deliverables"`
	Questions    []qaJSON          `json:"questions"`
}

type deliverableJSON struct {
	No          int    `json:"no"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// qaJSON is a question with its answer; an empty answer is an unknown, which the prompts
// tell the model to cover with a stated assumption.
type qaJSON struct {
	Question  string `json:"question"`
	Rationale string `json:"rationale"`
	Answer    string `json:"answer"`
}

// taskContext is the shared context of a task. It depends on nothing but the task, so it is
// byte-identical for every line, which is what provider-side prompt caching needs.
func taskContext(t llm.Task) contextJSON {
	c := contextJSON{Title: t.Title, Requirements: t.Requirements,
		Deliverables: make([]deliverableJSON, len(t.Lines)), Questions: make([]qaJSON, len(t.Answers))}
	for i, l := range t.Lines {
		c.Deliverables[i] = deliverableJSON{No: i + 1, Name: l.Name, Description: l.Description}
	}
	for i, qa := range t.Answers {
		c.Questions[i] = qaJSON{Question: qa.Question, Rationale: qa.Rationale, Answer: qa.Answer}
	}
	return c
}
