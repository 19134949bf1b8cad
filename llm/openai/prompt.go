package openai

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"strings"
	"text/template"

	goopenai "github.com/sashabaranov/go-openai"
)

// promptFiles are the prompt templates: common.{ja,en}.tmpl holds the persona, the phase
// definitions with their typical shares, and the rules every operation shares; each operation
// has one file per language defining its "system" prompt and the "request" that opens its last
// message.
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
// where the prompt is the only place the model can learn the shape of the answer. Shares are
// the typical phase shares (typicalSharesJSON); Size tells whether the task data holds stated
// size facts, so that the prompt explains them only when they are there.
type systemVars struct {
	Schema string
	Shares string
	Size   bool
}

// lastMessage is what the last message of an operation holds: the "request" template
// rendered with Vars, then Data as a data block when it is not nil.
type lastMessage struct {
	Vars any
	Data any
}

// build renders the three messages of an operation, in the order that lets provider-side
// prompt caching work: the system prompt (the same for every call of the operation), the
// task's shared context (the same for every line and every chat turn of a task), and last a
// short message with what this call asks.
//
// Untrusted text (the task's title, requirements, deliverables, questions, answers and the
// user's words) only ever enters through the two data blocks, as JSON; the templates see
// nothing but the schema, the anchors and counts.
func (p prompts) build(op string, in promptInput, s jsonSchema, inPrompt bool, last lastMessage) (conversation, error) {
	c := conversation{op: op, lang: promptLanguage(in.task.Language), schema: s}
	vars := systemVars{Shares: typicalSharesJSON, Size: in.size != nil}
	if inPrompt {
		raw, err := json.Marshal(s)
		if err != nil {
			return c, fmt.Errorf("llm: encode %s schema: %w", op, err)
		}
		vars.Schema = string(raw)
	}
	system, err := p.render(op, c.lang, "system", vars)
	if err != nil {
		return c, err
	}
	shared, err := dataBlock(taskContext(in))
	if err != nil {
		return c, err
	}
	request, err := p.render(op, c.lang, "request", last.Vars)
	if err != nil {
		return c, err
	}
	if last.Data != nil {
		b, err := dataBlock(last.Data)
		if err != nil {
			return c, err
		}
		request += "\n" + b
	}
	c.messages = []goopenai.ChatCompletionMessage{
		{Role: goopenai.ChatMessageRoleSystem, Content: system},
		{Role: goopenai.ChatMessageRoleUser, Content: shared},
		{Role: goopenai.ChatMessageRoleUser, Content: request},
	}
	return c, nil
}

// repairMessage is the user message that asks again after an invalid answer.
func (p prompts) repairMessage(c conversation, problem error) (string, error) {
	return p.render(c.op, c.lang, "repair", problem.Error())
}

// dataBlock wraps v, as JSON, in the <data> block that the system prompts declare to be data.
// The JSON is written on one line, without indentation: only the model reads it, and
// indentation would cost tokens on every call.
func dataBlock(v any) (string, error) {
	// HTML escaping stays on: it writes "<" and ">" as \u003c and \u003e, so no value can
	// contain "</data>" verbatim, and JSON escaping already writes line breaks as \n, so no
	// value can begin a line of its own that looks like an instruction.
	raw, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("llm: encode prompt data: %w", err)
	}
	return "<data>\n" + string(raw) + "\n</data>", nil
}
