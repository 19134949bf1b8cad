package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"estimator/llm"
	"estimator/llm/openai"
)

// The fake is only useful if the application accepts its answers the first time: a repair call
// would double the model time being measured. These tests run the application's own engine
// against it and count the calls, so a repair shows up as an extra call.

func newEngine(t *testing.T, format string) (*openai.Engine, *model) {
	t.Helper()
	m := newModel(0)
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	o, err := openai.New(openai.Config{BaseURL: srv.URL + "/v1", APIKey: "test", Model: "gpt-4o-mini",
		ResponseFormat: format, MaxRetries: -1, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return o, m
}

func benchTask(lang string, lines int) llm.Task {
	t := llm.Task{Language: lang, Title: "Order management system", Requirements: "Web system for 200 users."}
	names := []string{"Basic design document", "Order entry screen", "Integration test", "User manual", "受注一覧画面"}
	for i := range lines {
		t.Lines = append(t.Lines, llm.LineInput{Name: fmt.Sprintf("%s %d", names[i%len(names)], i+1), Description: "As listed by the client."})
	}
	return t
}

func TestAppAcceptsQuestions(t *testing.T) {
	for _, format := range []string{"json_schema", "json_object"} {
		for _, lang := range []string{"en", "ja"} {
			for _, n := range []int{1, 3, 5} {
				o, m := newEngine(t, format)
				qs, usage, err := o.Questions(context.Background(), benchTask(lang, 3), n)
				if err != nil {
					t.Fatalf("%s %s n=%d: %v", format, lang, n, err)
				}
				if len(qs) != n || m.calls.Load() != 1 || usage.InputTokens == 0 || usage.OutputTokens == 0 {
					t.Errorf("%s %s n=%d: %d questions in %d calls, usage %+v", format, lang, n, len(qs), m.calls.Load(), usage)
				}
			}
		}
	}
}

func TestQuestionsNeverRepeatOnesAsked(t *testing.T) {
	o, m := newEngine(t, "json_schema")
	task := benchTask("en", 2)
	// Ask three times, each time with every question so far answered, as regenerating does.
	for round := range 3 {
		qs, _, err := o.Questions(context.Background(), task, 5)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		for _, q := range qs {
			task.Answers = append(task.Answers, llm.QA{Question: q.Text, Rationale: q.Rationale, Answer: "unknown"})
		}
	}
	if m.calls.Load() != 3 {
		t.Errorf("%d calls for 3 rounds: an answer needed repair", m.calls.Load())
	}
}

func TestAppAcceptsLineEstimates(t *testing.T) {
	for _, format := range []string{"json_schema", "json_object"} {
		for _, lang := range []string{"en", "ja"} {
			o, m := newEngine(t, format)
			task := benchTask(lang, 20)
			for i := range task.Lines {
				est, _, err := o.EstimateLine(context.Background(), task, i)
				if err != nil {
					t.Fatalf("%s %s line %d: %v", format, lang, i, err)
				}
				var sum int64
				for _, p := range est.Phases {
					sum += p
				}
				if sum < 30 || sum > 300 || est.Optimistic > sum || est.Pessimistic < sum || est.Reasoning == "" ||
					len(est.Assumptions) == 0 || len(est.Risks) == 0 {
					t.Errorf("%s %s line %d: implausible estimate %+v", format, lang, i, est)
				}
			}
			if got := m.calls.Load(); got != int64(len(task.Lines)) {
				t.Errorf("%s %s: %d calls for %d lines: some answers needed repair", format, lang, got, len(task.Lines))
			}
		}
	}
}

func TestDelayAndCancellation(t *testing.T) {
	m := newModel(200 * time.Millisecond)
	srv := httptest.NewServer(m)
	defer srv.Close()
	o, err := openai.New(openai.Config{BaseURL: srv.URL + "/v1", Model: "gpt-4o-mini", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, _, err := o.EstimateLine(context.Background(), benchTask("en", 1), 0); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 200*time.Millisecond || d > 2*time.Second {
		t.Errorf("answered after %s, want about 200ms", d)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, _, err := o.EstimateLine(ctx, benchTask("en", 1), 0); err == nil {
		t.Error("a call cancelled before the delay succeeded")
	}
}

func TestOperationFromPromptAndCount(t *testing.T) {
	r := chatRequest{Messages: []chatMessage{{Content: "system"}, {Content: "data"}, {Content: "この案件について、質問を4件作成してください。"}}}
	if r.operation() != opQuestions || r.questionCount() != 4 {
		t.Errorf("ja questions: op %q, count %d", r.operation(), r.questionCount())
	}
	r.Messages[2].Content = "Estimate this deliverable.\n<data>\n{\"no\": 2, \"name\": \"Login screen\", \"description\": \"\"}\n</data>"
	if r.operation() != opEstimateLine || r.target().Name != "Login screen" {
		t.Errorf("line: op %q, target %+v", r.operation(), r.target())
	}
	if (chatRequest{}).questionCount() != defaultQuestions || (chatRequest{}).operation() != "" {
		t.Error("an empty request is not refused with the defaults")
	}
}
