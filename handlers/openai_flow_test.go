package handlers

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"estimator/jobs"
	"estimator/llm/openai"
	"estimator/store"
	"estimator/views"
)

// fakeOpenAI is an OpenAI-compatible server: it answers each structured-output request by the
// name of its JSON schema, and counts the requests.
func fakeOpenAI(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		var req struct {
			ResponseFormat struct {
				Type       string `json:"type"`
				JSONSchema struct {
					Name   string `json:"name"`
					Strict bool   `json:"strict"`
				} `json:"json_schema"`
			} `json:"response_format"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || r.URL.Path != "/v1/chat/completions" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		if req.ResponseFormat.Type != "json_schema" || !req.ResponseFormat.JSONSchema.Strict {
			http.Error(w, "structured output expected", http.StatusBadRequest)
			return
		}
		var content string
		switch req.ResponseFormat.JSONSchema.Name {
		case "questions":
			content = `{"questions":[{"text":"How many users?","rationale":"Load drives design."},` +
				`{"text":"Which systems to integrate?","rationale":"Each integration adds work."},` +
				`{"text":"Who writes the manuals?","rationale":"Documentation effort."}]}`
		case "estimate_line":
			content = `{"reasoning":"Based on similar work.","assumptions":["Standard stack"],"risks":["Scope creep"],` +
				`"phases":{"requirements":1.5,"design":2,"implementation":5.5,"testing":2,"documentation":1},` +
				`"optimistic":9.5,"pessimistic":16,"confidence":"medium"}`
		default:
			http.Error(w, "unknown operation", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":"x","object":"chat.completion","created":1,"model":"gpt-4o-mini",`+
			`"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":%q}}],`+
			`"usage":{"prompt_tokens":1000,"completion_tokens":200,"total_tokens":1200}}`, content)
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

// TestEstimateFlowOpenAI runs the flow against an OpenAI-compatible server with structured
// output: model answers become the estimate, labelled with the model, and the calls' cost shows.
func TestEstimateFlowOpenAI(t *testing.T) {
	srv, calls := fakeOpenAI(t)
	engine, err := openai.New(openai.Config{BaseURL: srv.URL + "/v1", Model: "gpt-4o-mini", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	e := newTestEnv(t, func(d *Deps) {
		d.Engine = views.Engine{Model: "gpt-4o-mini"}
		d.Jobs = jobs.New(d.Store, engine, d.Logger, jobs.Config{Workers: 4, Poll: 20 * time.Millisecond})
	})
	e.startWorkers(t)
	resp, _ := e.post(t, "/tasks", baseFields(rowFields("要件定義書", "", "基本設計書", "", "結合テスト", "")...), nil)
	path := resp.Header.Get("Location")
	id := strings.TrimPrefix(path, "/tasks/")
	e.waitStatus(t, id, store.StatusAwaitingAnswers)
	_, body := e.get(t, path+"?lang=en")
	if got := parseHTML(t, body).Find(`label[for="answer-1"]`).Text(); !strings.Contains(got, "How many users?") {
		t.Fatalf("the model's question is not shown: %q", got)
	}
	e.postRaw(t, path+"/answers", "application/x-www-form-urlencoded", strings.NewReader("answer=300&answer=&answer=us"))
	e.waitStatus(t, id, store.StatusEstimated)

	_, body = e.get(t, path+"?lang=en")
	doc := parseHTML(t, body)
	rows := doc.Find(`tr[data-line][data-state="done"]`)
	if rows.Length() != 3 {
		t.Fatalf("%d lines done, want 3", rows.Length())
	}
	if got := rows.First().Find(`[data-field="days"]`).AttrOr("data-tenths", ""); got != "120" {
		t.Errorf("days %s tenths, want 120 (1.5+2+5.5+2+1)", got)
	}
	if got := minor(t, doc.Find("#subtotal")); got != 3*12*40000 { // 12.0 days × ¥40,000 per line
		t.Errorf("subtotal %d", got)
	}
	if strings.Contains(doc.Find("#estimate").Text(), "offline calculation model") {
		t.Error("a model estimate is labelled offline")
	}
	if !strings.Contains(doc.Find(".line-detail").First().Text(), "gpt-4o-mini") {
		t.Error("the line does not say which model answered")
	}
	if cost := doc.Find("#model-cost").Text(); !strings.Contains(cost, "4 calls") || !strings.Contains(cost, "4000 input") {
		t.Errorf("model cost %q", cost)
	}
	if calls.Load() != 4 {
		t.Errorf("%d model calls, want 4 (questions + 3 lines)", calls.Load())
	}

	// A call lost to a crash (started, never completed, its job long over) still counts, and the
	// page says its tokens are an estimate.
	lost := store.ModelCall{TaskID: id, JobID: 1, Operation: "estimate_line", Provider: "openai", Model: "gpt-4o-mini", InputTokens: 900}
	if _, err := e.store.StartModelCall(t.Context(), lost, time.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.MarkLostModelCalls(t.Context(), time.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	_, body = e.get(t, path+"?lang=en")
	cost := parseHTML(t, body).Find("#model-cost").Text()
	if !strings.Contains(cost, "5 calls") || !strings.Contains(cost, "4900 input") || !strings.Contains(cost, "1 of them returned no usage") {
		t.Errorf("model cost after a lost call %q", cost)
	}
}
