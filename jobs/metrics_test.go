package jobs_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"estimator/jobs"
	"estimator/llm/openai"
	"estimator/metrics"
	"estimator/metrics/metricstest"
	"estimator/store"
)

// refusingThenAnswering is an OpenAI-compatible server that refuses the first request (400, which
// the engine does not retry) and then answers with one question, reporting usage with cached
// prompt tokens.
func refusingThenAnswering(t *testing.T) *httptest.Server {
	t.Helper()
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if requests.Add(1) == 1 {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error":{"message":"unsupported parameter","type":"invalid_request_error"}}`))
			return
		}
		content := `{"questions":[{"text":"How many users?","rationale":"Load drives the design."}]}`
		_ = json.NewEncoder(w).Encode(map[string]any{
			"id": "x", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini",
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
				"message": map[string]any{"role": "assistant", "content": content}}},
			"usage": map[string]any{"prompt_tokens": 2000, "completion_tokens": 100, "total_tokens": 2100,
				"prompt_tokens_details": map[string]any{"cached_tokens": 1536}},
		})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestMetricsCountModelCalls: a questions job whose first call is refused and whose retry is
// answered moves the model-call metrics (calls by outcome, the error's class, tokens, cost) and
// the job metrics (a retry, then a completion) as the calls and outcomes are recorded.
func TestMetricsCountModelCalls(t *testing.T) {
	engine, err := openai.New(openai.Config{BaseURL: refusingThenAnswering(t).URL + "/v1", Model: "gpt-4o-mini",
		Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	s := sqliteDB(t).open(t)
	m := metrics.New(s)
	cfg := fast()
	cfg.Metrics = m
	r := jobs.New(s, engine, discard(), cfg)
	start(t, r)
	id := newTask(t, s, 1, 1)
	if err := r.EnqueueQuestions(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, s, id, store.StatusAwaitingAnswers)

	var fams metricstest.Families
	waitFor(t, "the completed job to be counted", func() bool {
		fams = metricstest.Read(t, m)
		return fams.Value("estimator_jobs_total", "outcome", metrics.JobCompleted) == 1
	})
	q := []string{"operation", store.JobQuestions}
	for _, tc := range []struct {
		family string
		labels []string
		want   float64
	}{
		{"estimator_model_calls_total", append(q, "outcome", store.CallError), 1},
		{"estimator_model_calls_total", append(q, "outcome", store.CallOK), 1},
		{"estimator_model_call_errors_total", append(q, "error", "rejected"), 1},
		{"estimator_model_tokens_total", append(q, "type", "prompt"), 2000},
		{"estimator_model_tokens_total", append(q, "type", "cached"), 1536},
		{"estimator_model_tokens_total", append(q, "type", "completion"), 100},
		// 464 uncached at 0.15, 1,536 cached at 0.075 and 100 out at 0.60 micro-USD, rounded up.
		{"estimator_model_cost_usd_total", q, 0.000245},
		{"estimator_jobs_total", []string{"kind", store.JobQuestions, "outcome", metrics.JobRetried}, 1},
		{"estimator_jobs_total", []string{"kind", store.JobQuestions, "outcome", metrics.JobCompleted}, 1},
	} {
		if got := fams.Value(tc.family, tc.labels...); got != tc.want {
			t.Errorf("%s%q = %v, want %v", tc.family, tc.labels, got, tc.want)
		}
	}
}
