package handlers

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"estimator/jobs"
	"estimator/llm"
	"estimator/llm/offline"
	"estimator/store"
	"estimator/views"
)

// startWorkers runs the background workers (offline engine) for the rest of the test.
func (e *testEnv) startWorkers(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		e.h.jobs.Run(ctx)
	}()
	t.Cleanup(func() { cancel(); <-done })
}

// waitStatus waits until the task reaches status, failing after a few seconds.
func (e *testEnv) waitStatus(t testing.TB, id, status string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		task, err := e.store.Task(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if task.Status == status {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("task %s never reached %s", id, status)
}

func minor(t *testing.T, s *goquery.Selection) int64 {
	t.Helper()
	v, ok := s.Attr("data-minor")
	if !ok {
		t.Fatalf("no data-minor on %s", goquery.NodeName(s))
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestEstimateFlowOffline goes from a new task to a priced result with the offline engine:
// questions, answers (one left blank), every line estimated, totals with 10 % tax rounded down.
func TestEstimateFlowOffline(t *testing.T) {
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	fields := baseFields()
	resp, _ := e.post(t, "/tasks", fields, &upload{"sample_input.csv", readTestdata(t, "sample_input.csv")})
	wantStatus(t, resp, http.StatusSeeOther)
	path := resp.Header.Get("Location")
	id := strings.TrimPrefix(path, "/tasks/")
	e.waitStatus(t, id, store.StatusAwaitingAnswers)

	_, body := e.get(t, path+"?lang=ja")
	doc := parseHTML(t, body)
	if doc.Find("main").AttrOr("data-status", "") != "awaiting_answers" {
		t.Fatalf("data-status %q", doc.Find("main").AttrOr("data-status", ""))
	}
	answers := doc.Find(`#answers-form textarea[name="answer"]`)
	if answers.Length() != 3 {
		t.Fatalf("%d answer fields, want 3", answers.Length())
	}
	answers.Each(func(_ int, a *goquery.Selection) {
		label := doc.Find(`label[for="` + a.AttrOr("id", "") + `"]`).Text()
		if len(strings.TrimSpace(label)) < 5 {
			t.Errorf("answer %s is not labelled by its question", a.AttrOr("id", ""))
		}
	})

	if doc.Find(`form[action="`+path+`/questions"]`).Length() != 1 {
		t.Error("no way to ask for different questions")
	}
	resp, _ = e.postRaw(t, path+"/answers", "application/x-www-form-urlencoded",
		strings.NewReader("answer=%E5%90%AB%E3%81%BF%E3%81%BE%E3%81%9B%E3%82%93&answer=&answer=99.5%25"))
	wantStatus(t, resp, http.StatusSeeOther)
	e.waitStatus(t, id, store.StatusEstimated)

	_, body = e.get(t, path+"?lang=ja")
	doc = parseHTML(t, body)
	if doc.Find("main").AttrOr("data-status", "") != "estimated" {
		t.Fatalf("data-status %q", doc.Find("main").AttrOr("data-status", ""))
	}
	rows := doc.Find("tr[data-line]")
	if rows.Length() != 9 {
		t.Fatalf("%d result rows, want 9", rows.Length())
	}
	var sum int64
	rows.Each(func(i int, r *goquery.Selection) {
		tenths, _ := strconv.ParseInt(r.Find(`[data-field="days"]`).AttrOr("data-tenths", ""), 10, 64)
		amount := minor(t, r.Find(`[data-field="amount"]`))
		if tenths <= 0 || amount != tenths*40000/10 {
			t.Errorf("line %d: %d tenths, amount %d (want days × ¥40,000)", i+1, tenths, amount)
		}
		sum += amount
	})
	subtotal, tax, total := minor(t, doc.Find("#subtotal")), minor(t, doc.Find("#tax")), minor(t, doc.Find("#total"))
	if subtotal != sum || tax != subtotal/10 || total != subtotal+tax {
		t.Errorf("subtotal %d (Σ %d), tax %d, total %d", subtotal, sum, tax, total)
	}
	if doc.Find(".chart svg.chart-wide title").Length() != 1 || doc.Find(".chart svg.chart-wide rect").Length() != 9 {
		t.Error("no accessible chart with a bar per line")
	}
	if doc.Find(".line-detail").Length() != 9 || doc.Find(".line-detail .phase-table tr").Length() != 45 {
		t.Error("each line needs its details with five phases")
	}
	if !strings.Contains(doc.Find("#estimate").Text(), "オフライン") {
		t.Error("the offline estimate is not labelled as such")
	}

	// Once estimated, questions cannot be replaced and no run is in progress to cancel: 409, and
	// nothing changes.
	for _, action := range []string{"/questions", "/cancel", "/drop-failed"} {
		resp, _ := e.postRaw(t, path+action, "application/x-www-form-urlencoded", strings.NewReader(""))
		wantStatus(t, resp, http.StatusConflict)
	}
	if task, _ := e.store.Task(context.Background(), id); task.Status != store.StatusEstimated {
		t.Errorf("status %s after refused actions", task.Status)
	}

	// The list shows the total.
	_, list := e.get(t, "/tasks")
	if got := minor(t, parseHTML(t, list).Find(`tr[data-task-id="`+id+`"] td[data-minor]`)); got != total {
		t.Errorf("list total %d, want %d", got, total)
	}

	// Answering again starts a fresh run and adds a revision; the lines are not duplicated.
	resp, _ = e.postRaw(t, path+"/answers", "application/x-www-form-urlencoded",
		strings.NewReader("answer=a&answer=b&answer=c"), "HX-Request: true")
	wantStatus(t, resp, http.StatusOK)
	if resp.Header.Get("HX-Redirect") != path {
		t.Errorf("htmx answers: HX-Redirect %q", resp.Header.Get("HX-Redirect"))
	}
	e.waitStatus(t, id, store.StatusEstimated)
	revs, err := e.store.Revisions(context.Background(), id)
	if err != nil || len(revs) != 2 {
		t.Fatalf("%d revisions after answering twice (%v), want 2", len(revs), err)
	}
	_, body = e.get(t, path)
	if n := parseHTML(t, body).Find("tr[data-line]").Length(); n != 9 {
		t.Errorf("%d rows after a second run, want 9", n)
	}
}

func TestEstimatePolling(t *testing.T) {
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	resp, _ := e.post(t, "/tasks", baseFields(rowFields("A", "")...), nil)
	path := resp.Header.Get("Location")
	e.waitStatus(t, strings.TrimPrefix(path, "/tasks/"), store.StatusAwaitingAnswers)

	// The page was rendered while generating questions: tell htmx to reload it.
	resp, body := e.get(t, path+"/estimate?status=generating_questions", "HX-Request: true")
	wantStatus(t, resp, http.StatusOK)
	if resp.Header.Get("HX-Refresh") != "true" || body != "" {
		t.Errorf("status changed: HX-Refresh %q", resp.Header.Get("HX-Refresh"))
	}
	// Same status: the section itself, without polling once nothing is pending.
	resp, body = e.get(t, path+"/estimate?status=awaiting_answers", "HX-Request: true")
	wantStatus(t, resp, http.StatusOK)
	sec := parseHTML(t, body).Find("section#estimate")
	if sec.Length() != 1 || strings.Contains(body, "<html") {
		t.Fatalf("want the #estimate fragment, got %q", body)
	}
	if _, polling := sec.Attr("hx-trigger"); polling {
		t.Error("the section keeps polling although nothing is pending")
	}
	// Without htmx: back to the page.
	resp, _ = e.get(t, path+"/estimate")
	wantStatus(t, resp, http.StatusSeeOther)

	// Asking for different questions is an explicit action; the answers form comes back after.
	resp, _ = e.postRaw(t, path+"/questions", "application/x-www-form-urlencoded", strings.NewReader(""))
	wantStatus(t, resp, http.StatusSeeOther)
	e.waitStatus(t, strings.TrimPrefix(path, "/tasks/"), store.StatusAwaitingAnswers)

	// Answers that do not match the questions are refused without losing anything.
	resp, _ = e.postRaw(t, path+"/answers", "application/x-www-form-urlencoded", strings.NewReader("answer=only+one"))
	wantStatus(t, resp, http.StatusConflict)
}

func TestPendingPagePolls(t *testing.T) {
	e := newTestEnv(t, nil) // no workers: the task stays generating_questions
	resp, _ := e.post(t, "/tasks", baseFields(rowFields("A", "")...), nil)
	_, body := e.get(t, resp.Header.Get("Location"))
	doc := parseHTML(t, body)
	sec := doc.Find("section#estimate")
	if sec.AttrOr("hx-trigger", "") != "every 1s" || !strings.Contains(sec.AttrOr("hx-get", ""), "status=generating_questions") {
		t.Errorf("pending section does not poll: %v", sec.Nodes[0].Attr)
	}
	if !strings.Contains(body, `<noscript><meta http-equiv="refresh" content="2"></noscript>`) {
		t.Error("without JavaScript the page does not refresh itself")
	}
}

// downModel asks the offline engine's questions but cannot estimate: the provider is down.
type downModel struct{ questions *offline.Engine }

func (downModel) Name() string  { return "gpt-test" }
func (downModel) Offline() bool { return false }
func (m downModel) Questions(ctx context.Context, t llm.Task, n int) ([]llm.Question, llm.Usage, error) {
	return m.questions.Questions(ctx, t, n)
}
func (downModel) EstimateLine(context.Context, llm.Task, int) (llm.LineEstimate, llm.Usage, error) {
	return llm.LineEstimate{}, llm.Usage{}, &llm.Error{Category: llm.KindUnavailable, Message: "provider down"}
}
func (downModel) Chat(context.Context, llm.ChatRequest) (llm.ChatReply, llm.Usage, error) {
	return llm.ChatReply{}, llm.Usage{}, &llm.Error{Category: llm.KindUnavailable, Message: "provider down"}
}

// TestOfflineOnlyWhenAsked: lines that fail because the model is down stay failed, with no
// number, until the user asks for the offline engine; then they are estimated and labelled.
func TestOfflineOnlyWhenAsked(t *testing.T) {
	e := newTestEnv(t, func(d *Deps) {
		d.Engine = views.Engine{Model: "gpt-test"}
		d.Jobs = jobs.New(d.Store, downModel{offline.New()}, d.Logger,
			jobs.Config{Workers: 2, Poll: 20 * time.Millisecond, MaxAttempts: 1, Backoff: time.Millisecond})
	})
	e.startWorkers(t)
	resp, _ := e.post(t, "/tasks", baseFields(rowFields("要件定義書", "", "基本設計書", "")...), nil)
	path := resp.Header.Get("Location")
	id := strings.TrimPrefix(path, "/tasks/")
	e.waitStatus(t, id, store.StatusAwaitingAnswers)
	e.postRaw(t, path+"/answers", "application/x-www-form-urlencoded", strings.NewReader("answer=&answer=&answer="))
	e.waitStatus(t, id, store.StatusFailed)

	_, body := e.get(t, path+"?lang=en")
	doc := parseHTML(t, body)
	if n := doc.Find(`tr[data-state="failed"]`).Length(); n != 2 {
		t.Fatalf("%d failed rows, want 2", n)
	}
	if doc.Find(`[data-field="amount"]`).Length() != 0 || doc.Find("#total").Length() != 0 {
		t.Error("a number was shown for lines that have none")
	}
	if !strings.Contains(doc.Find(`tr[data-state="failed"]`).First().Text(), "could not be reached") {
		t.Errorf("failed row says %q", doc.Find(`tr[data-state="failed"]`).First().Text())
	}
	offer := doc.Find(`form[action="/tasks/` + id + `/retry?engine=offline"]`)
	if offer.Length() != 1 {
		t.Fatal("no offer to estimate the failed lines offline")
	}

	resp, _ = e.postRaw(t, path+"/retry?engine=offline", "application/x-www-form-urlencoded", strings.NewReader(""))
	wantStatus(t, resp, http.StatusSeeOther)
	e.waitStatus(t, id, store.StatusEstimated)
	_, body = e.get(t, path+"?lang=en")
	doc = parseHTML(t, body)
	if n := doc.Find(`tr[data-state="done"]`).Length(); n != 2 {
		t.Errorf("%d lines done after the offline retry, want 2", n)
	}
	if !strings.Contains(doc.Find("#estimate").Text(), "offline calculation model") {
		t.Error("the offline estimate is not labelled")
	}
}
