package handlers

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"estimator/jobs"
	"estimator/llm"
	"estimator/llm/offline"
	"estimator/store"
	"estimator/views"
)

// gatedEngine is the offline engine whose line estimates wait while the gate is closed, and fail
// for lines whose name contains "FAIL": enough to catch a run in the middle, or with failed lines.
type gatedEngine struct {
	llm.Engine
	closed atomic.Bool
}

func (g *gatedEngine) EstimateLine(ctx context.Context, t llm.Task, line int) (llm.LineEstimate, llm.Usage, error) {
	if strings.Contains(t.Lines[line].Name, "FAIL") {
		return llm.LineEstimate{}, llm.Usage{}, &llm.Error{Category: llm.KindRejected, Message: "refused"}
	}
	for g.closed.Load() {
		select {
		case <-ctx.Done():
			return llm.LineEstimate{}, llm.Usage{}, ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
	}
	return g.Engine.EstimateLine(ctx, t, line)
}

// gatedEnv is a test environment whose workers use a gatedEngine, with one attempt per job.
func gatedEnv(t *testing.T) (*testEnv, *gatedEngine) {
	g := &gatedEngine{Engine: offline.New()}
	e := newTestEnv(t, func(d *Deps) {
		d.Engine = views.Engine{Model: g.Name()} // the gated engine is the configured one
		d.Jobs = jobs.New(d.Store, g, d.Logger, jobs.Config{Workers: 2, Poll: 20 * time.Millisecond, MaxAttempts: 1, Backoff: time.Millisecond})
	})
	e.startWorkers(t)
	return e, g
}

// answer posts the answers form.
func (e *testEnv) answer(t testing.TB, path string, answers ...string) {
	t.Helper()
	v := url.Values{"answer": answers}
	resp, _ := e.postRaw(t, path+"/answers", "application/x-www-form-urlencoded", strings.NewReader(v.Encode()))
	wantStatus(t, resp, http.StatusSeeOther)
}

// newTaskPath creates a task with the rows and waits for its questions.
func (e *testEnv) newTaskPath(t testing.TB, rows ...string) (id, path string) {
	t.Helper()
	resp, _ := e.post(t, "/tasks", baseFields(rowFields(rows...)...), nil)
	path = resp.Header.Get("Location")
	id = strings.TrimPrefix(path, "/tasks/")
	e.waitStatus(t, id, store.StatusAwaitingAnswers)
	return id, path
}

// TestCancelledReEstimateKeepsRevision: cancelling a re-estimate shows the previous revision,
// totals included, and the answers it rests on, not the unused new ones.
func TestCancelledReEstimateKeepsRevision(t *testing.T) {
	e, gate := gatedEnv(t)
	id, path := e.newTaskPath(t, "要件定義書", "", "基本設計書", "")
	e.answer(t, path, "最初の回答", "", "")
	e.waitStatus(t, id, store.StatusEstimated)
	_, before := e.get(t, path)
	want := minor(t, parseHTML(t, before).Find("#total"))

	gate.closed.Store(true)
	e.answer(t, path, "使われない回答", "", "")
	resp, _ := e.postRaw(t, path+"/cancel", "application/x-www-form-urlencoded", strings.NewReader(""))
	wantStatus(t, resp, http.StatusSeeOther)
	gate.closed.Store(false)

	_, body := e.get(t, path)
	doc := parseHTML(t, body)
	if got := doc.Find("main").AttrOr("data-revision", ""); got != "1" {
		t.Errorf("data-revision %q, want 1", got)
	}
	if got := minor(t, doc.Find("#total")); got != want {
		t.Errorf("total %d after cancelling, want the previous revision's %d", got, want)
	}
	if doc.Find(`tr[data-state="cancelled"]`).Length() != 0 || doc.Find(`tr[data-line][data-state="done"]`).Length() != 2 {
		t.Error("the cancelled run's lines are shown instead of the revision")
	}
	if got := doc.Find("#answer-1").Text(); got != "最初の回答" {
		t.Errorf("answers form shows %q, want the answer the revision rests on", got)
	}
}

// TestCancelledFirstRunKeepsLines: cancelling the first run leaves the deliverables and the lines
// already estimated on the page, with totals of those lines, and the answers form.
func TestCancelledFirstRunKeepsLines(t *testing.T) {
	e, gate := gatedEnv(t)
	gate.closed.Store(true)
	id, path := e.newTaskPath(t, "要件定義書", "", "基本設計書", "")
	e.answer(t, path, "", "", "")
	resp, _ := e.postRaw(t, path+"/cancel", "application/x-www-form-urlencoded", strings.NewReader(""))
	wantStatus(t, resp, http.StatusSeeOther)
	gate.closed.Store(false)
	e.waitStatus(t, id, store.StatusAwaitingAnswers)

	_, body := e.get(t, path)
	doc := parseHTML(t, body)
	if n := doc.Find("tr[data-line]").Length(); n != 2 {
		t.Errorf("%d deliverables shown after cancelling, want 2", n)
	}
	if doc.Find(`#answers-form textarea[name="answer"]`).Length() != 3 {
		t.Error("the answers form is gone")
	}
}

// TestDropFailedClearsFailure: once the failed lines are dropped, nothing on the page still offers
// to retry them.
func TestDropFailedClearsFailure(t *testing.T) {
	e, _ := gatedEnv(t)
	id, path := e.newTaskPath(t, "要件定義書", "", "FAIL 帳票", "")
	e.answer(t, path, "", "", "")
	e.waitStatus(t, id, store.StatusFailed)
	_, body := e.get(t, path)
	if n := strings.Count(parseHTML(t, body).Find("#estimate").Text(), "見積もれませんでした"); n != 1 {
		t.Errorf("the failure is said %d times, want once", n)
	}
	resp, _ := e.postRaw(t, path+"/drop-failed", "application/x-www-form-urlencoded", strings.NewReader(""))
	wantStatus(t, resp, http.StatusSeeOther)
	_, body = e.get(t, path)
	doc := parseHTML(t, body)
	if doc.Find(".notice-error").Length() != 0 || doc.Find(`form[action$="/retry"]`).Length() != 0 || doc.Find(`form[action$="/drop-failed"]`).Length() != 0 {
		t.Error("after dropping the failed lines the page still offers to retry them")
	}
	if n := doc.Find(`tr[data-line]`).Length(); n != 1 || doc.Find("#total").Length() != 1 {
		t.Errorf("%d lines after the drop, want 1 with totals", n)
	}
}

// TestListPastTheEnd: a page past the last one says so and links to the last page.
func TestListPastTheEnd(t *testing.T) {
	e := newTestEnv(t, nil)
	seedTasks(t, e, 3, func(i int) (string, string) { return "案件", "顧客" })
	_, body := e.get(t, "/tasks?page=999&lang=ja")
	text := parseHTML(t, body).Find("#task-list").Text()
	if strings.Contains(text, "「」") || !strings.Contains(text, "999ページ目") {
		t.Errorf("page 999 says %q", text)
	}
	if parseHTML(t, body).Find(`#task-list a[href="/tasks"]`).Length() != 1 {
		t.Error("no link to the last page")
	}
}

// TestDeleteReturnsToItsPage: deleting from page 2 of the list comes back to page 2, and the list
// is not kept in htmx's history (Back shows it fresh).
func TestDeleteReturnsToItsPage(t *testing.T) {
	e := newTestEnv(t, nil)
	ids := seedTasks(t, e, tasksPerPage+5, func(i int) (string, string) { return "案件", "顧客" })
	_, body := e.get(t, "/tasks?page=2")
	doc := parseHTML(t, body)
	if doc.Find("main").AttrOr("hx-history", "") != "false" {
		t.Error("the list is kept in htmx's history")
	}
	link := doc.Find(`#task-list a[hx-post]`).First()
	action := link.AttrOr("hx-post", "")
	if !strings.Contains(action, "return=%2Ftasks%3Fpage%3D2") {
		t.Fatalf("delete posts to %q, which does not say where to return", action)
	}
	for _, tc := range []struct {
		action, want string
		hx           bool
	}{
		{action, "/tasks?page=2", false},
		{"/tasks/" + ids[1] + "/delete?return=" + url.QueryEscape("/tasks?page=2"), "/tasks?page=2", true},
		{"/tasks/" + ids[2] + "/delete?return=" + url.QueryEscape("https://evil.example/tasks"), "/tasks", false},
	} {
		var headers []string
		if tc.hx {
			headers = append(headers, "HX-Request: true")
		}
		resp, _ := e.postRaw(t, tc.action, "application/x-www-form-urlencoded", strings.NewReader(""), headers...)
		got := resp.Header.Get("Location")
		if tc.hx {
			got = resp.Header.Get("HX-Redirect")
		}
		if got != tc.want {
			t.Errorf("%s: back to %q, want %s", tc.action, got, tc.want)
		}
	}
	resp, _ := e.get(t, "/tasks/"+ids[3]+"/delete?return="+url.QueryEscape("//evil.example/x"))
	wantStatus(t, resp, http.StatusOK)
}

// TestImportSaysAppendOrReplace: importing into a form that has rows says whether they were kept
// or replaced, and flags the repeats.
func TestImportSaysAppendOrReplace(t *testing.T) {
	e := newTestEnv(t, nil)
	csv := readTestdata(t, "sample_input.csv")
	for _, tc := range []struct {
		mode string
		rows int
		note string
	}{{"append", 10, "1行の後に9行を追加"}, {"replace", 9, "置き換えました"}} {
		fields := baseFields(append(rowFields("要件定義書", ""), field{"import_mode", tc.mode})...)
		resp, body := e.post(t, "/tasks/import?lang=ja", fields, &upload{"sample_input.csv", csv})
		wantStatus(t, resp, http.StatusOK)
		if rows := filled(formRows(t, body)); len(rows) != tc.rows {
			t.Errorf("%s: %d rows, want %d", tc.mode, len(rows), tc.rows)
		}
		notes := parseHTML(t, body).Find("#form-notes").Text()
		if !strings.Contains(notes, tc.note) {
			t.Errorf("%s: notes %q do not say %q", tc.mode, notes, tc.note)
		}
		if dup := strings.Contains(notes, "同じ名前"); dup != (tc.mode == "append") {
			t.Errorf("%s: repeats flagged = %v", tc.mode, dup)
		}
	}
}

// TestSwitchLanguageKeepsForm: the language switch of the new-estimate form posts the form, which
// comes back in the other language with everything typed, and the choice is remembered.
func TestSwitchLanguageKeepsForm(t *testing.T) {
	e := newTestEnv(t, nil)
	_, body := e.get(t, "/?lang=ja")
	button := parseHTML(t, body).Find(`.lang-switch button[data-relang][lang="en"]`)
	if button.AttrOr("form", "") != "task-form" || button.AttrOr("formaction", "") != "/tasks/form?lang=en" {
		t.Fatalf("the language switch does not submit the form: %v", button.Nodes)
	}
	fields := baseFields(append(rowFields("要件定義書", "説明"), field{"op", "relang"})...)
	resp, body := e.post(t, "/tasks/form?lang=en", fields, nil)
	wantStatus(t, resp, http.StatusOK)
	doc := parseHTML(t, body)
	if doc.Find("html").AttrOr("lang", "") != "en" || doc.Find("#title").AttrOr("value", "") != "基幹システム刷新" {
		t.Error("the form did not come back in English with the title typed")
	}
	if rows := filled(formRows(t, body)); len(rows) != 1 || rows[0][0] != "要件定義書" {
		t.Errorf("rows = %q", rows)
	}
	_, body = e.get(t, "/tasks")
	if parseHTML(t, body).Find("html").AttrOr("lang", "") != "en" {
		t.Error("the language chosen on the form is not remembered")
	}
}

// TestConfidenceLabel: 「確度：低」 without a stray space.
func TestConfidenceLabel(t *testing.T) {
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	id, path := e.newTaskPath(t, "要件定義書", "")
	e.answer(t, path, "", "", "")
	e.waitStatus(t, id, store.StatusEstimated)
	_, body := e.get(t, path+"?lang=ja")
	text := parseHTML(t, body).Find(".line-detail p").First().Text()
	if !strings.Contains(text, "確度：") || strings.Contains(text, "確度： ") {
		t.Errorf("confidence reads %q", text)
	}
}

// TestDatesInDisplayZone: dates are shown in DISPLAY_TIMEZONE: a task created at 20:00 UTC is
// created the next day in Tokyo.
func TestDatesInDisplayZone(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	e := newTestEnv(t, func(d *Deps) { d.DisplayZone = tokyo })
	id, err := e.store.CreateTask(t.Context(), store.NewTask{
		Title: "案件", Language: "ja", Currency: "JPY", TaxRateBP: 1000, TaxRounding: "down", UnitCostMinor: 40000,
		QuestionCount: 3, Lines: []store.NewLine{{Name: "要件定義書"}},
	}, time.Date(2026, 11, 1, 20, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{id}
	_, body := e.get(t, "/tasks?lang=ja")
	if got := parseHTML(t, body).Find("#task-list time").Text(); got != "2026年11月2日" {
		t.Errorf("list date %q, want the Tokyo date 2026年11月2日", got)
	}
	_, body = e.get(t, "/tasks/"+ids[0])
	if got := parseHTML(t, body).Find(".facts time").Text(); got != "2026年11月2日 05:00" {
		t.Errorf("task created %q, want 2026年11月2日 05:00", got)
	}
}

// TestEnglishHasNoHonorific: an English document addresses the client without 御中, and the
// English form does not propose one.
func TestEnglishHasNoHonorific(t *testing.T) {
	e := newTestEnv(t, nil)
	_, body := e.get(t, "/?lang=en")
	if got := parseHTML(t, body).Find(`#client_honorific option[selected]`).AttrOr("value", "?"); got != "" {
		t.Errorf("the English form proposes honorific %q", got)
	}
	fields := []field{{"title", "Portal"}, {"client_name", "Acme Inc."}, {"client_honorific", "onchu"},
		{"language", "en"}, {"currency", "USD"}, {"name", "Login"}, {"description", ""}}
	resp, _ := e.post(t, "/tasks", fields, nil)
	path := resp.Header.Get("Location")
	for _, page := range []string{path + "?lang=ja", "/tasks?lang=ja", path + "?lang=en"} {
		_, body := e.get(t, page)
		if strings.Contains(body, "御中") && !strings.Contains(page, "/tasks?") {
			t.Errorf("%s shows 御中 for an English document", page)
		}
		if strings.Contains(parseHTML(t, body).Find("#task-list").Text(), "Acme Inc. 御中") {
			t.Errorf("%s lists the English client with 御中", page)
		}
	}
}

// TestLanguageLinksStayLocal: the language links of any page, a refused cross-origin POST to
// "//evil.example/x" included, point to this site.
func TestLanguageLinksStayLocal(t *testing.T) {
	e := newTestEnv(t, nil)
	for _, req := range []struct{ method, origin string }{{http.MethodGet, ""}, {http.MethodPost, "https://evil.example"}} {
		headers := []string{}
		if req.origin != "" {
			headers = append(headers, "Origin: "+req.origin, "Sec-Fetch-Site: cross-site")
		}
		_, body := e.do(t, req.method, "//evil.example/x", headers...)
		parseHTML(t, body).Find(".lang-switch a").Each(func(_ int, a *goquery.Selection) {
			if href := a.AttrOr("href", ""); !strings.HasPrefix(href, "/") || strings.HasPrefix(href, "//") {
				t.Errorf("%s: language link %q leaves the site", req.method, href)
			}
		})
	}
}

// TestIdenticalAnswersStartOneRun: twenty identical answer posts at once, and the same answers
// again after the estimate, make one run.
func TestIdenticalAnswersStartOneRun(t *testing.T) {
	e, gate := gatedEnv(t)
	gate.closed.Store(true)
	id, path := e.newTaskPath(t, "要件定義書", "", "基本設計書", "")
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() { e.answer(t, path, "同じ回答", "", "") })
	}
	wg.Wait()
	gate.closed.Store(false)
	e.waitStatus(t, id, store.StatusEstimated)
	e.answer(t, path, "同じ回答", "", "")
	run, _, err := e.store.LatestRun(t.Context(), id)
	if err != nil || run.Number != 1 {
		t.Fatalf("latest run %d (%v), want the only run, 1", run.Number, err)
	}
	e.answer(t, path, "違う回答", "", "")
	if run, _, _ := e.store.LatestRun(t.Context(), id); run.Number != 2 {
		t.Errorf("new answers made run %d, want 2", run.Number)
	}
}

// TestHostChecking: a request for a name that is not ours (DNS rebinding) is refused with 421
// before anything reads the database; loopback, localhost and the configured names are answered.
func TestHostChecking(t *testing.T) {
	e := newTestEnv(t, func(d *Deps) {
		d.ListenHost = "127.0.0.1"
		d.TrustedOrigins = []string{"https://estimate.example.com"}
		d.AllowedHosts = []string{"intranet.example"}
	})
	seedTasks(t, e, 1, func(int) (string, string) { return "秘密の案件", "顧客" })
	for host, want := range map[string]int{
		"attacker.example:8420": http.StatusMisdirectedRequest, "127.0.0.1.attacker.example": http.StatusMisdirectedRequest,
		"localhost:8100": http.StatusOK, "[::1]:8100": http.StatusOK, "127.0.0.2": http.StatusOK,
		"estimate.example.com": http.StatusOK, "INTRANET.example:443": http.StatusOK,
	} {
		req, err := http.NewRequest(http.MethodGet, e.srv.URL+"/tasks", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		resp, err := e.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: status %d, want %d", host, resp.StatusCode, want)
		}
		if want != http.StatusOK && strings.Contains(string(body), "秘密の案件") {
			t.Errorf("Host %s: the refusal shows stored data", host)
		}
	}
}

// TestHugeFieldsAreNotEchoed: a title of megabytes comes back as a 422 that says it is too long
// and shows only its first part; answers over the form limit get a 413 that names the form's
// text limit, not the files'.
func TestHugeFieldsAreNotEchoed(t *testing.T) {
	e := newTestEnv(t, nil)
	title := strings.Repeat("長", 1<<20) // 3 MB of UTF-8
	resp, body := e.post(t, "/tasks", append(baseFields(rowFields("要件定義書", "")...)[1:], field{"title", title}), nil)
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	if len(body) > 200<<10 {
		t.Errorf("the 422 is %d bytes: the title was echoed", len(body))
	}
	if parseHTML(t, body).Find("#title-error").Length() != 1 {
		t.Error("the title's error is not shown")
	}
	e.startWorkers(t)
	_, path := e.newTaskPath(t, "要件定義書", "")
	answer := strings.Repeat("a", 1600<<10)
	resp, body = e.postRaw(t, path+"/answers", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"answer": {answer, answer, answer}}.Encode()))
	wantStatus(t, resp, http.StatusRequestEntityTooLarge)
	if text := parseHTML(t, body).Find("[data-error-message]").Text(); !strings.Contains(text, "4 MB") || strings.Contains(text, "10 MB") {
		t.Errorf("413 says %q, want the form's 4 MB text limit", text)
	}
}
