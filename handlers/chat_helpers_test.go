package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"estimator/jobs"
	"estimator/llm/openai"
	"estimator/store"
	"estimator/views"
)

// chatWorkers runs the background workers until the returned stop is called (or the test ends),
// so that a test can look at a reply while it is still pending.
func (e *testEnv) chatWorkers(t *testing.T) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := e.h.jobs.Run(ctx); err != nil {
			t.Errorf("jobs.Run: %v", err)
		}
	}()
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); <-done }) }
	t.Cleanup(stop)
	return stop
}

// chatSample creates an estimated task from the standard sample in lang ("ja": the nine
// deliverables of testdata/sample_input.csv, in yen; "en": the thirteen standard deliverables,
// in dollars) and returns its path, /tasks/{id}. Workers must be running.
func (e *testEnv) chatSample(t *testing.T, lang string) string {
	t.Helper()
	var resp *http.Response
	if lang == "ja" {
		resp, _ = e.post(t, "/tasks", baseFields(), &upload{"sample_input.csv", readTestdata(t, "sample_input.csv")})
	} else {
		fields := []field{{"title", "Shop renewal"}, {"client_name", "ACME Inc."}, {"language", "en"},
			{"currency", "USD"}, {"requirements", "300 users"}}
		for _, r := range e.h.standardDeliverables("en") {
			fields = append(fields, rowFields(r.Name, r.Description)...)
		}
		resp, _ = e.post(t, "/tasks", fields, nil)
	}
	wantStatus(t, resp, http.StatusSeeOther)
	path := resp.Header.Get("Location")
	id := strings.TrimPrefix(path, "/tasks/")
	e.waitStatus(t, id, store.StatusAwaitingAnswers)
	resp, _ = e.postValues(t, path+"/answers", url.Values{"answer": {"", "", ""}})
	wantStatus(t, resp, http.StatusSeeOther)
	e.waitStatus(t, id, store.StatusEstimated)
	return path
}

// postValues posts url-encoded values as a same-origin browser would; headers are "Name: value".
func (e *testEnv) postValues(t *testing.T, path string, values url.Values, headers ...string) (*http.Response, string) {
	t.Helper()
	return e.postRaw(t, path, "application/x-www-form-urlencoded", strings.NewReader(values.Encode()), headers...)
}

// say posts a chat message about revision base.
func (e *testEnv) say(t *testing.T, path string, base int, message string, headers ...string) (*http.Response, string) {
	t.Helper()
	return e.postValues(t, path+"/messages", url.Values{"message": {message}, "base": {strconv.Itoa(base)}}, headers...)
}

// chatPanel is the chat fragment as htmx polls it.
func (e *testEnv) chatPanel(t *testing.T, path string) *goquery.Selection {
	t.Helper()
	resp, body := e.get(t, path+"/chat", "HX-Request: true")
	wantStatus(t, resp, http.StatusOK)
	panel := parseHTML(t, body).Find("section#chat")
	if panel.Length() != 1 {
		t.Fatalf("GET %s/chat: no #chat panel in %q", path, body)
	}
	return panel
}

// waitReplies polls the chat panel until no reply is pending and returns the last message,
// which must be the assistant's.
func (e *testEnv) waitReplies(t *testing.T, path string) *goquery.Selection {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		panel := e.chatPanel(t, path)
		if panel.Find(`li[data-message][data-status="pending"]`).Length() == 0 {
			last := panel.Find("li[data-message]").Last()
			if last.AttrOr("data-role", "") != store.ChatAssistant {
				t.Fatalf("the last message is not a reply: %q", last.Text())
			}
			return last
		}
		if time.Now().After(deadline) {
			t.Fatal("the reply is still pending after 10 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// ask posts a message about the current revision and waits for its reply.
func (e *testEnv) ask(t *testing.T, path, message string) *goquery.Selection {
	t.Helper()
	resp, _ := e.say(t, path, e.currentRevision(t, path), message)
	wantStatus(t, resp, http.StatusSeeOther)
	return e.waitReplies(t, path)
}

// currentRevision is the task's current revision number, as its page says.
func (e *testEnv) currentRevision(t *testing.T, path string) int {
	t.Helper()
	n, err := strconv.Atoi(e.taskPage(t, path).Find("main").AttrOr("data-revision", ""))
	if err != nil {
		t.Fatalf("%s: no data-revision on <main>: %v", path, err)
	}
	return n
}

// taskPage is the task page.
func (e *testEnv) taskPage(t *testing.T, path string) *goquery.Document {
	t.Helper()
	resp, body := e.get(t, path)
	wantStatus(t, resp, http.StatusOK)
	return parseHTML(t, body)
}

// chatCard is a proposal card as the page shows it.
type chatCard struct {
	id, base                    string
	totalMinor                  int64 // data-total-minor
	delta, subtotal, tax, total int64 // the data-minor of each field
	applyForm                   bool
	title, text                 string
	changedRows                 int
}

// cardsOf reads the proposal cards inside s.
func cardsOf(t *testing.T, s *goquery.Selection) []chatCard {
	t.Helper()
	var out []chatCard
	s.Find("article[data-proposal]").Each(func(_ int, a *goquery.Selection) {
		tm, err := strconv.ParseInt(a.AttrOr("data-total-minor", ""), 10, 64)
		if err != nil {
			t.Fatalf("card without data-total-minor: %v", err)
		}
		out = append(out, chatCard{
			id: a.AttrOr("data-proposal", ""), base: a.AttrOr("data-base", ""), totalMinor: tm,
			delta: minor(t, a.Find(`[data-field="delta"]`)), subtotal: minor(t, a.Find(`[data-field="subtotal"]`)),
			tax: minor(t, a.Find(`[data-field="tax"]`)), total: minor(t, a.Find(`[data-field="total"]`)),
			applyForm: a.Find(`form[data-form="apply"]`).Length() == 1,
			title:     strings.TrimSpace(a.Find("h3").Text()), text: a.Text(),
			changedRows: a.Find(`tr[data-change]`).Length(),
		})
	})
	return out
}

// applyCard posts a card's apply form as a browser without JavaScript would.
func (e *testEnv) applyCard(t *testing.T, path string, c chatCard, headers ...string) (*http.Response, string) {
	t.Helper()
	return e.postValues(t, path+"/proposals/"+c.id+"/apply", url.Values{"base": {c.base}}, headers...)
}

// chatModel is an OpenAI-compatible server for the chat: it answers the chat operation's
// structured-output requests with the answers the test queues (the last one repeats), or fails
// them with an HTTP status, and counts them; every other request goes on to fakeOpenAI, which
// asks the questions and estimates the lines.
type chatModel struct {
	srv   *httptest.Server
	chats atomic.Int32

	mu      sync.Mutex
	answers []string
	status  int // when not 0, every chat request fails with it
}

func newChatModel(t *testing.T) *chatModel {
	t.Helper()
	upstream, _ := fakeOpenAI(t)
	m := &chatModel{}
	m.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		var req struct {
			ResponseFormat struct {
				JSONSchema struct{ Name string } `json:"json_schema"`
			} `json:"response_format"`
		}
		if err != nil || json.Unmarshal(body, &req) != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		if req.ResponseFormat.JSONSchema.Name != "chat" {
			forward(w, upstream.URL+r.URL.Path, body)
			return
		}
		m.chats.Add(1)
		status, content := m.next()
		if status != 0 {
			http.Error(w, `{"error":{"message":"the model is down"}}`, status)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"id": "chat", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini",
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
				"message": map[string]string{"role": "assistant", "content": content}}},
			"usage": map[string]int{"prompt_tokens": 1500, "completion_tokens": 300, "total_tokens": 1800},
		})
	}))
	t.Cleanup(m.srv.Close)
	return m
}

// forward posts body to url and copies the answer back.
func forward(w http.ResponseWriter, url string, body []byte) {
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", resp.Header.Get("Content-Type"))
	w.WriteHeader(resp.StatusCode)
	io.Copy(w, resp.Body)
}

// next is the answer to the next chat request.
func (m *chatModel) next() (int, string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.status != 0 || len(m.answers) == 0 {
		return max(m.status, http.StatusInternalServerError), ""
	}
	a := m.answers[0]
	if len(m.answers) > 1 {
		m.answers = m.answers[1:]
	}
	return 0, a
}

// answer queues the chat answers; fail makes every chat request fail with status.
func (m *chatModel) answer(answers ...string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.answers, m.status = answers, 0
}

func (m *chatModel) fail(status int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.status = status
}

// chatModelEnv is a test environment whose engine is the model behind m, tried once per
// request and once per job, so that a failure shows at once; its workers run.
func chatModelEnv(t *testing.T, m *chatModel) *testEnv {
	t.Helper()
	engine, err := openai.New(openai.Config{BaseURL: m.srv.URL + "/v1", Model: "gpt-4o-mini", Timeout: 5 * time.Second, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	e := newTestEnv(t, func(d *Deps) {
		d.Engine = views.Engine{Model: "gpt-4o-mini"}
		d.Jobs = jobs.New(d.Store, engine, d.Logger, jobs.Config{Workers: 4, Poll: 20 * time.Millisecond, MaxAttempts: 1})
	})
	e.startWorkers(t)
	return e
}
