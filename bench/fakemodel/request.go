package main

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// chatRequest is the part of a chat completion request the fake reads.
type chatRequest struct {
	Model          string          `json:"model"`
	Messages       []chatMessage   `json:"messages"`
	ResponseFormat *responseFormat `json:"response_format"`
}

type chatMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type responseFormat struct {
	Type       string `json:"type"`
	JSONSchema *struct {
		Name   string          `json:"name"`
		Schema json.RawMessage `json:"schema"`
	} `json:"json_schema"`
}

// Operations the fake answers, named as the application names its schemas.
const (
	opQuestions    = "questions"
	opEstimateLine = "estimate_line"
)

// operation tells what the call asks. The schema name decides in json_schema mode; without one
// (json_object mode) the request message does, which the application always sends third,
// after the system prompt and the shared task data, and before any repair message.
func (r chatRequest) operation() string {
	if rf := r.ResponseFormat; rf != nil && rf.JSONSchema != nil && rf.JSONSchema.Name != "" {
		return rf.JSONSchema.Name
	}
	ask := r.requestMessage()
	switch {
	case strings.Contains(ask, "Estimate this deliverable"), strings.Contains(ask, "成果物を見積もって"):
		return opEstimateLine
	case strings.Contains(ask, "questions about this project"), strings.Contains(ask, "質問を"):
		return opQuestions
	}
	return ""
}

// requestMessage is the message that says what this call asks.
func (r chatRequest) requestMessage() string {
	if len(r.Messages) >= 3 {
		return r.Messages[2].Content
	}
	if n := len(r.Messages); n > 0 {
		return r.Messages[n-1].Content
	}
	return ""
}

// sharedContext is the message with the task's data: title, deliverables, questions asked.
func (r chatRequest) sharedContext() string {
	if len(r.Messages) >= 2 {
		return r.Messages[1].Content
	}
	return ""
}

var (
	schemaCount  = regexp.MustCompile(`exactly (\d+) clarifying questions`)
	requestCount = regexp.MustCompile(`(\d+)`)
)

// defaultQuestions is what the application asks for unless QUESTION_COUNT says otherwise.
const defaultQuestions = 3

// questionCount is how many questions the call asks for: the schema states it ("exactly 3
// clarifying questions", also in the system prompt in json_object mode), the request message
// repeats it ("Write 3 questions", "質問を3件").
func (r chatRequest) questionCount() int {
	var texts []string
	if rf := r.ResponseFormat; rf != nil && rf.JSONSchema != nil {
		texts = append(texts, string(rf.JSONSchema.Schema))
	}
	if len(r.Messages) > 0 {
		texts = append(texts, r.Messages[0].Content)
	}
	for _, t := range texts {
		if m := schemaCount.FindStringSubmatch(t); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil && n >= 1 && n <= 5 {
				return n
			}
		}
	}
	if m := requestCount.FindStringSubmatch(r.requestMessage()); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil && n >= 1 && n <= 5 {
			return n
		}
	}
	return defaultQuestions
}

// japanese reports whether the prompts are the Japanese ones, which ask for answers in
// Japanese.
func (r chatRequest) japanese() bool {
	if len(r.Messages) == 0 {
		return false
	}
	for _, c := range r.Messages[0].Content {
		if unicode.In(c, unicode.Hiragana, unicode.Katakana) {
			return true
		}
	}
	return false
}

// target is the deliverable an estimate_line call asks about: the data block of the request
// message.
type target struct {
	No          int    `json:"no"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

func (r chatRequest) target() target {
	var t target
	s := r.requestMessage()
	if _, rest, ok := strings.Cut(s, "<data>"); ok {
		if body, _, ok := strings.Cut(rest, "</data>"); ok {
			_ = json.Unmarshal([]byte(body), &t) // a zero target still gets a plausible estimate
		}
	}
	return t
}
