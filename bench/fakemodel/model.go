package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// maxRequestBytes bounds a request body; the application's largest prompts (500 deliverables
// with descriptions) stay well below it.
const maxRequestBytes = 16 << 20

// model is the fake model: one handler, counters for the report printed when it stops.
type model struct {
	delay     time.Duration
	calls     atomic.Int64
	questions atomic.Int64
	lines     atomic.Int64
	refused   atomic.Int64
	cancelled atomic.Int64

	mu       sync.Mutex
	inFlight int
	peak     int // most calls waiting at once: how many the application really runs in parallel
}

func newModel(delay time.Duration) *model { return &model{delay: delay} }

func (m *model) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/chat/completions" {
		writeJSON(w, http.StatusNotFound, apiError("only POST /v1/chat/completions is offered"))
		return
	}
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, apiError("use POST"))
		return
	}
	id := m.calls.Add(1)
	var req chatRequest
	if err := json.NewDecoder(io.LimitReader(r.Body, maxRequestBytes)).Decode(&req); err != nil {
		m.refused.Add(1)
		writeJSON(w, http.StatusBadRequest, apiError("the body is not a chat completion request: "+err.Error()))
		return
	}
	var answer any
	switch op := req.operation(); op {
	case opQuestions:
		m.questions.Add(1)
		answer = questionsAnswer(req)
	case opEstimateLine:
		m.lines.Add(1)
		answer = lineAnswer(req)
	default:
		// Negotiation (propose) is not part of these benchmarks; refusing it says so plainly.
		m.refused.Add(1)
		writeJSON(w, http.StatusBadRequest, apiError(fmt.Sprintf("operation %q is not offered by the fake model", op)))
		return
	}
	content, err := contentOf(answer)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, apiError(err.Error()))
		return
	}
	if !m.wait(r) {
		m.cancelled.Add(1)
		return // the client gave up; nobody reads an answer
	}
	writeJSON(w, http.StatusOK, completion(id, req, content))
}

// wait holds the call for the delay, as a model generating its answer would, and reports
// whether the client is still there.
func (m *model) wait(r *http.Request) bool {
	m.mu.Lock()
	m.inFlight++
	m.peak = max(m.peak, m.inFlight)
	m.mu.Unlock()
	defer func() {
		m.mu.Lock()
		m.inFlight--
		m.mu.Unlock()
	}()
	if m.delay <= 0 {
		return r.Context().Err() == nil
	}
	timer := time.NewTimer(m.delay)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// stats is the one-line report printed when the fake stops.
func (m *model) stats() string {
	m.mu.Lock()
	peak := m.peak
	m.mu.Unlock()
	return fmt.Sprintf("%d calls: %d questions, %d estimate_line, %d refused, %d abandoned by the client; at most %d at once",
		m.calls.Load(), m.questions.Load(), m.lines.Load(), m.refused.Load(), m.cancelled.Load(), peak)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
