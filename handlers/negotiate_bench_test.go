package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"estimator/store"
)

// Benchmarks of negotiating a big estimate, measured in the server alone (the router called
// in-process, no network): a quick action and applying a card on a 100-line task, and the task
// page with one revision against the same task after 20 revisions and 30 chat messages.
// BENCHMARKS.md has the figures and the command.

// benchTask creates an estimated task of n lines (offline engine) and returns the environment and
// the task's path.
func benchTask(b *testing.B, n int) (*testEnv, string) {
	b.Helper()
	e := newTestEnv(b, nil)
	e.startWorkers(b)
	rows := make([]string, 0, 2*n)
	for i := range n {
		rows = append(rows, fmt.Sprintf("画面 %d（一覧・登録・詳細）", i+1), "業務画面")
	}
	id, path := e.newTaskPath(b, rows...)
	e.answer(b, path, "画面は約100", "", "")
	e.waitStatus(b, id, store.StatusEstimated)
	return e, path
}

// serve calls the router in-process and returns the response.
func (e *testEnv) serve(b *testing.B, method, path string, form url.Values) *httptest.ResponseRecorder {
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	req := httptest.NewRequest(method, path, body)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	rec := httptest.NewRecorder()
	e.srv.Config.Handler.ServeHTTP(rec, req)
	return rec
}

// BenchmarkQuickAction100 sets the contingency of a 100-line task, each time on the revision the
// last one made: read the revision, compute, store the next one, answer.
func BenchmarkQuickAction100(b *testing.B) {
	e, path := benchTask(b, 100)
	base := 1
	for b.Loop() {
		rec := e.serve(b, http.MethodPost, path+"/adjust", url.Values{
			"base": {strconv.Itoa(base)}, "action": {"contingency"}, "percent": {strconv.Itoa(base%40 + 1)}})
		if rec.Code != http.StatusSeeOther {
			b.Fatalf("status %d", rec.Code)
		}
		base++
	}
}

// BenchmarkApplyCard100 applies a priced card to a 100-line task. Each card is made beforehand,
// outside the timing, on the revision the previous apply made.
func BenchmarkApplyCard100(b *testing.B) {
	e, path := benchTask(b, 100)
	id := strings.TrimPrefix(path, "/tasks/")
	ctx := context.Background()
	changes := `{"discount_minor":1000}`
	for b.Loop() {
		b.StopTimer()
		rev, _, err := e.store.LatestRevision(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.store.AddReply(ctx, id, rev.Number, "card", "", []store.NewProposal{{Title: "値引", Changes: changes}}, time.Now()); err != nil {
			b.Fatal(err)
		}
		ps, err := e.store.Proposals(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		pid := strconv.FormatInt(ps[len(ps)-1].ID, 10)
		b.StartTimer()
		rec := e.serve(b, http.MethodPost, path+"/proposals/"+pid+"/apply", url.Values{"base": {strconv.Itoa(rev.Number)}})
		if rec.Code != http.StatusSeeOther {
			b.Fatalf("status %d: %s", rec.Code, rec.Body.String())
		}
	}
}

// BenchmarkTaskPage renders the page of a 9-line and a 100-line task with one revision, and of the
// same task after 20 revisions and 30 chat messages (15 turns answered by the offline rules, with
// cards).
func BenchmarkTaskPage(b *testing.B) {
	for _, lines := range []int{9, 100} {
		for _, history := range []bool{false, true} {
			name := fmt.Sprintf("lines=%d,revisions=1", lines)
			if history {
				name = fmt.Sprintf("lines=%d,revisions=20,messages=30", lines)
			}
			b.Run(name, func(b *testing.B) { benchTaskPage(b, lines, history) })
		}
	}
}

func benchTaskPage(b *testing.B, lines int, history bool) {
	e, path := benchTask(b, lines)
	if history {
		negotiate(b, e, path)
	}
	for b.Loop() {
		if rec := e.serve(b, http.MethodGet, path, nil); rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// negotiate gives a task 19 more revisions (quick actions) and 15 chat turns answered offline.
func negotiate(b *testing.B, e *testEnv, path string) {
	b.Helper()
	id := strings.TrimPrefix(path, "/tasks/")
	for base := 1; base < 20; base++ {
		if rec := e.serve(b, http.MethodPost, path+"/adjust", url.Values{"base": {strconv.Itoa(base)}, "action": {"contingency"}, "percent": {strconv.Itoa(base)}}); rec.Code != http.StatusSeeOther {
			b.Fatalf("adjust: status %d", rec.Code)
		}
	}
	asks := []string{"あと30万円ほど安くする案を教えて", "テストを手厚く", "なぜテストが多いの？"}
	for i := range 15 {
		if rec := e.serve(b, http.MethodPost, path+"/messages", url.Values{"base": {"20"}, "message": {asks[i%len(asks)]}}); rec.Code != http.StatusSeeOther {
			b.Fatalf("message: status %d", rec.Code)
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			ms, err := e.store.ChatMessages(context.Background(), id)
			if err != nil {
				b.Fatal(err)
			}
			if ms[len(ms)-1].Status == store.ChatDone {
				break
			}
			if time.Now().After(deadline) {
				b.Fatal("the reply never came")
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
}

// BenchmarkQuoteDownload100 is the whole request for a 100-line task's quotation: read the
// revision, the history and the settings, build the document and write it.
func BenchmarkQuoteDownload100(b *testing.B) {
	e, path := benchTask(b, 100)
	for _, ext := range []string{".xlsx", ".pdf", ".csv"} {
		b.Run(strings.TrimPrefix(ext, "."), func(b *testing.B) {
			for b.Loop() {
				if rec := e.serve(b, http.MethodGet, path+"/quote"+ext, nil); rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}
