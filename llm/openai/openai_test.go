package openai

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"estimator/llm"
	"estimator/llm/internal/sample"
)

var _ llm.Engine = (*Engine)(nil)

const validQuestions = `{"questions":[
{"text":"帳票の出力形式(PDF、Excel)は決まっていますか?","rationale":"帳票の開発工数が出力形式で変わるため。"},
{"text":"販売管理システムとの連携はリアルタイムが必要ですか?","rationale":"連携方式で設計と結合テストの工数が変わるため。"},
{"text":"棚卸はハンディ端末を使いますか?","rationale":"端末対応の開発とテストが加わるため。"}]}`

// checkChatRequest checks what every operation sends: the path, the model, strict structured
// output named after the operation, the message order, a low temperature and a seed.
func checkChatRequest(t *testing.T, r fakeRequest, op string) {
	t.Helper()
	if r.path != "/v1/chat/completions" {
		t.Errorf("path = %q", r.path)
	}
	if r.body["model"] != "gpt-4o-mini" {
		t.Errorf("model = %v", r.body["model"])
	}
	if r.body["temperature"] != 0.2 {
		t.Errorf("temperature = %v, want 0.2", r.body["temperature"])
	}
	if r.body["seed"] == nil {
		t.Error("no seed sent")
	}
	format, _ := r.body["response_format"].(map[string]any)
	schema, _ := format["json_schema"].(map[string]any)
	if format["type"] != "json_schema" || schema["strict"] != true || schema["name"] != op || schema["schema"] == nil {
		t.Errorf("response_format = %v, want a strict json_schema named %s", format, op)
	}
	roles, contents := r.messages(t)
	if !slices.Equal(roles, []string{"system", "user", "user"}) {
		t.Errorf("roles = %v, want system, user (shared context), user (request)", roles)
	}
	if len(contents) == 3 && (strings.Contains(contents[0], "<data>\n") || !strings.Contains(contents[1], "<data>\n")) {
		t.Error("the task's data must be in the first user message, and nowhere in the system prompt")
	}
}

func TestOpenAIQuestions(t *testing.T) {
	f := newFakeAPI(t, fakeAnswer(validQuestions))
	e := newTestEngine(t, f, nil)
	qs, usage, err := e.Questions(context.Background(), sample.Task("ja"), 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 3 || qs[0].Text != "帳票の出力形式(PDF、Excel)は決まっていますか?" || qs[2].Rationale != "端末対応の開発とテストが加わるため。" {
		t.Errorf("questions = %+v", qs)
	}
	if usage.Model != "gpt-4o-mini" || usage.InputTokens != 100 || usage.OutputTokens != 20 {
		t.Errorf("usage = %+v", usage)
	}
	reqs := f.requests()
	checkChatRequest(t, reqs[0], "questions")
	if _, contents := reqs[0].messages(t); !strings.Contains(contents[2], "3件") {
		t.Errorf("request message %q does not ask for 3 questions", contents[2])
	}
}

func TestOpenAIEstimateLine(t *testing.T) {
	f := newFakeAPI(t, fakeAnswer(validLine))
	e := newTestEngine(t, f, nil)
	est, _, err := e.EstimateLine(context.Background(), sample.Task("ja"), 3)
	if err != nil {
		t.Fatal(err)
	}
	want := llm.LineEstimate{
		Phases: [5]int64{15, 80, 0, 20, 10}, Optimistic: 100, Pessimistic: 165, Confidence: "medium",
		Reasoning:   "画面20・帳票10を前提に工程別に積み上げた。",
		Assumptions: []string{"既存データの移行は範囲外とする。"}, Risks: []string{"帳票の追加要望が出る。"},
	}
	if !equalEstimate(est, want) {
		t.Errorf("estimate = %+v\nwant       %+v", est, want)
	}
	r := f.requests()[0]
	checkChatRequest(t, r, "estimate_line")
	if _, contents := r.messages(t); contents[2] != "次の成果物を見積もってください: no 4" {
		t.Errorf("last message %q does not name line 4 by its number alone", contents[2])
	}
}

func TestOpenAIEstimateLineOutOfRange(t *testing.T) {
	e := newTestEngine(t, newFakeAPI(t), nil)
	_, _, err := e.EstimateLine(context.Background(), sample.Task("en"), 9)
	if errKind(t, err) != llm.KindRejected {
		t.Errorf("err = %v", err)
	}
}

func TestOpenAIJSONObjectMode(t *testing.T) {
	f := newFakeAPI(t, fakeAnswer(validLine))
	e := newTestEngine(t, f, func(c *Config) { c.ResponseFormat = "json_object" })
	if _, _, err := e.EstimateLine(context.Background(), sample.Task("en"), 0); err != nil {
		t.Fatal(err)
	}
	r := f.requests()[0]
	format, _ := json.Marshal(r.body["response_format"])
	if string(format) != `{"type":"json_object"}` {
		t.Errorf("response_format = %s", format)
	}
	_, contents := r.messages(t)
	if !strings.Contains(contents[0], "JSON Schema") || !strings.Contains(contents[0], `"pessimistic":{`) {
		t.Errorf("the system prompt lacks the schema:\n%s", contents[0])
	}
}

func TestOpenAIAzure(t *testing.T) {
	f := newFakeAPI(t, fakeAnswer(validLine))
	e := newTestEngine(t, f, func(c *Config) {
		c.BaseURL, c.APIType, c.APIKey, c.Model = f.srv.URL, "azure", "azure-key", "estimator-gpt-4.1"
	})
	if _, _, err := e.EstimateLine(context.Background(), sample.Task("ja"), 0); err != nil {
		t.Fatal(err)
	}
	r := f.requests()[0]
	if r.path != "/openai/deployments/estimator-gpt-4.1/chat/completions" || r.query != "api-version=2024-10-21" {
		t.Errorf("URL = %s?%s", r.path, r.query)
	}
	if r.header.Get("api-key") != "azure-key" || r.header.Get("Authorization") != "" {
		t.Errorf("auth headers = api-key %q, Authorization %q", r.header.Get("api-key"), r.header.Get("Authorization"))
	}
}

func TestOpenAIAPIKey(t *testing.T) {
	for key, want := range map[string]string{"": "", "sk-local-test": "Bearer sk-local-test"} {
		f := newFakeAPI(t, fakeAnswer(validLine))
		e := newTestEngine(t, f, func(c *Config) { c.APIKey = key })
		if _, _, err := e.EstimateLine(context.Background(), sample.Task("ja"), 0); err != nil {
			t.Fatal(err)
		}
		if got := f.requests()[0].header.Get("Authorization"); got != want {
			t.Errorf("key %q: Authorization = %q, want %q", key, got, want)
		}
	}
}

func TestOpenAIReasoningModelSendsNoTemperature(t *testing.T) {
	f := newFakeAPI(t, fakeAnswer(validLine))
	e := newTestEngine(t, f, func(c *Config) { c.Model = "gpt-5-mini" })
	if _, _, err := e.EstimateLine(context.Background(), sample.Task("ja"), 0); err != nil {
		t.Fatal(err)
	}
	if temp, ok := f.requests()[0].body["temperature"]; ok {
		t.Errorf("temperature = %v sent to a reasoning model", temp)
	}
}

func TestNewConfig(t *testing.T) {
	bad := map[string]Config{
		"no model":       {APIKey: "k"},
		"no key, no URL": {Model: "m"},
		"bad URL":        {Model: "m", BaseURL: "localhost:11434"},
		"bad type":       {Model: "m", APIKey: "k", APIType: "vertex"},
		"azure, no URL":  {Model: "m", APIKey: "k", APIType: "azure"},
		"bad format":     {Model: "m", APIKey: "k", ResponseFormat: "text"},
	}
	for name, cfg := range bad {
		if _, err := New(cfg); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	o, err := New(Config{Model: "m", BaseURL: "http://localhost:11434/v1"})
	if err != nil {
		t.Fatal(err)
	}
	if o.Name() != "m" || o.Offline() || o.maxRetries != 3 || o.timeout != defaultTimeout {
		t.Errorf("defaults not applied: %+v", o)
	}
	if o, _ := New(Config{Model: "m", APIKey: "k", MaxRetries: -1}); o.maxRetries != 0 {
		t.Errorf("MaxRetries -1 gives %d retries", o.maxRetries)
	}
}

// TestOpenAIUsageSummed: the usage of an answer and its repair are summed, the prompt tokens the
// provider served from its cache included, which are never taken as more than the prompt tokens.
func TestOpenAIUsageSummed(t *testing.T) {
	f := newFakeAPI(t,
		fakeError(http.StatusInternalServerError, "boom", ""),
		fakeAnswerCached(`{"reasoning":"x"}`, 1000, 768, 50),
		fakeAnswerCached(validLine, 1200, 1152, 300),
		fakeAnswerCached(validLine, 100, 500, 10))
	e := newTestEngine(t, f, nil)
	_, usage, err := e.EstimateLine(context.Background(), sample.Task("ja"), 0)
	if err != nil {
		t.Fatal(err)
	}
	if usage.InputTokens != 2200 || usage.CachedInputTokens != 1920 || usage.OutputTokens != 350 {
		t.Errorf("usage = %+v, want the answer and its repair summed", usage)
	}
	if _, usage, err = e.EstimateLine(context.Background(), sample.Task("ja"), 1); err != nil || usage.CachedInputTokens != 100 {
		t.Errorf("usage = %+v, %v; want the 500 cached tokens reported kept within the 100 prompt tokens", usage, err)
	}
}

func equalEstimate(a, b llm.LineEstimate) bool {
	return a.Phases == b.Phases && a.Optimistic == b.Optimistic && a.Pessimistic == b.Pessimistic &&
		a.Confidence == b.Confidence && a.Reasoning == b.Reasoning &&
		slices.Equal(a.Assumptions, b.Assumptions) && slices.Equal(a.Risks, b.Risks)
}

// errorsAs is errors.As for *llm.Error, for tests that need the fields.
func errorsAs(tb testing.TB, err error) *llm.Error {
	tb.Helper()
	var e *llm.Error
	if !errors.As(err, &e) {
		tb.Fatalf("error %v is not an *Error", err)
	}
	return e
}
