package handlers

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"estimator/store"
)

const testAdminPassword = "correct horse battery"

// newAdminEnv is a test server with ADMIN_PASSWORD set.
func newAdminEnv(t *testing.T) *testEnv {
	t.Helper()
	return newTestEnv(t, func(d *Deps) { d.AdminPassword = testAdminPassword })
}

// postForm posts URL-encoded fields as a same-origin browser would.
func (e *testEnv) postForm(t *testing.T, path string, values url.Values, headers ...string) (*http.Response, string) {
	t.Helper()
	return e.postRaw(t, path, "application/x-www-form-urlencoded", strings.NewReader(values.Encode()), headers...)
}

// adminSignIn signs in through HTTPS as Apache forwards it and returns the admin cookie.
func (e *testEnv) adminSignIn(t *testing.T, password string) (*http.Response, *http.Cookie) {
	t.Helper()
	resp, _ := e.postForm(t, "/admin/login", url.Values{"password": {password}}, "X-Forwarded-Proto: https")
	for _, c := range resp.Cookies() {
		if c.Name == adminCookie {
			return resp, c
		}
	}
	return resp, nil
}

func TestAdminAbsentWithoutPassword(t *testing.T) {
	e := newTestEnv(t, nil)
	for _, path := range []string{"/admin", "/admin/login"} {
		resp, body := e.get(t, path)
		wantStatus(t, resp, http.StatusNotFound)
		if parseHTML(t, body).Find("#error[data-error-status='404']").Length() != 1 {
			t.Errorf("GET %s: not the app's 404 page", path)
		}
	}
	resp, _ := e.postForm(t, "/admin/login", url.Values{"password": {testAdminPassword}})
	wantStatus(t, resp, http.StatusNotFound)
}

func TestAdminSignIn(t *testing.T) {
	e := newAdminEnv(t)
	resp, _ := e.get(t, "/admin")
	wantStatus(t, resp, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/admin/login" {
		t.Fatalf("without a session: Location %q, want /admin/login", loc)
	}
	resp, body := e.get(t, "/admin/login")
	wantStatus(t, resp, http.StatusOK)
	if parseHTML(t, body).Find(`form[action="/admin/login"][method="post"] input[name="password"][type="password"]`).Length() != 1 {
		t.Fatal("the sign-in form has no password field")
	}

	resp, body = e.postForm(t, "/admin/login", url.Values{"password": {"wrong password!"}})
	wantStatus(t, resp, http.StatusUnauthorized)
	if len(resp.Cookies()) != 0 {
		t.Errorf("a wrong password set cookies %v", resp.Cookies())
	}
	if parseHTML(t, body).Find(`#admin-login #password-error`).Length() != 1 {
		t.Error("a wrong password does not come back with the form and its message")
	}
	if !strings.Contains(e.logs.String(), "admin sign-in refused") || strings.Contains(e.logs.String(), "wrong password!") {
		t.Error("the refusal is not logged, or the log holds the password")
	}

	resp, cookie := e.adminSignIn(t, testAdminPassword)
	wantStatus(t, resp, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/admin" {
		t.Errorf("after sign-in: Location %q, want /admin", loc)
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || !cookie.Secure || cookie.MaxAge != adminMaxAge {
		t.Fatalf("admin cookie %+v, want HttpOnly, SameSite=Strict, Secure behind HTTPS, 8 hours", cookie)
	}
	resp, _ = e.get(t, "/admin")
	wantStatus(t, resp, http.StatusOK)
	if strings.Contains(e.logs.String(), testAdminPassword) {
		t.Error("the log holds the password")
	}

	resp, _ = e.postForm(t, "/admin/logout", nil)
	wantStatus(t, resp, http.StatusSeeOther)
	resp, _ = e.get(t, "/admin")
	wantStatus(t, resp, http.StatusSeeOther)
}

// TestAdminCookieOverPlainHTTP: without HTTPS the cookie cannot be Secure, or the browser would
// never send it back.
func TestAdminCookieOverPlainHTTP(t *testing.T) {
	e := newAdminEnv(t)
	resp, _ := e.postForm(t, "/admin/login", url.Values{"password": {testAdminPassword}})
	wantStatus(t, resp, http.StatusSeeOther)
	for _, c := range resp.Cookies() {
		if c.Name == adminCookie && c.Secure {
			t.Error("admin cookie Secure over plain HTTP")
		}
	}
}

// TestAdminVisitorSessionIsNotAdmin: the visitor's own session cookie, even under the admin
// cookie's name, opens nothing.
func TestAdminVisitorSessionIsNotAdmin(t *testing.T) {
	e := newAdminEnv(t)
	resp, _ := e.get(t, "/?lang=en")
	var visitor *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie {
			visitor = c
		}
	}
	if visitor == nil {
		t.Fatal("no visitor session cookie")
	}
	for _, cookie := range []string{sessionCookie + "=" + visitor.Value, adminCookie + "=" + visitor.Value} {
		resp, _ = e.get(t, "/admin", "Cookie: "+cookie)
		wantStatus(t, resp, http.StatusSeeOther)
	}
}

func TestAdminSignInRateLimit(t *testing.T) {
	e := newAdminEnv(t)
	for range 5 {
		resp, _ := e.adminSignIn(t, "wrong password!")
		wantStatus(t, resp, http.StatusUnauthorized)
	}
	// Over the limit even the right password is refused, so a guess cannot be told right.
	resp, cookie := e.adminSignIn(t, testAdminPassword)
	wantStatus(t, resp, http.StatusTooManyRequests)
	if cookie != nil || resp.Header.Get("Retry-After") == "" {
		t.Errorf("429 with cookie %v and Retry-After %q", cookie, resp.Header.Get("Retry-After"))
	}
	// Another client is not affected.
	resp, _ = e.postForm(t, "/admin/login", url.Values{"password": {testAdminPassword}}, "X-Forwarded-For: 203.0.113.7")
	wantStatus(t, resp, http.StatusSeeOther)
}

// TestAdminPageShowsFigures signs in after real work: an offline estimate, a recorded model call
// and a deletion, and finds each of them on the page.
func TestAdminPageShowsFigures(t *testing.T) {
	e := newAdminEnv(t)
	e.startWorkers(t)
	ctx := context.Background()
	e.estimatedSample(t, "ja")
	if err := e.store.RecordModelCall(ctx, store.ModelCall{Operation: "chat", Provider: "openai", Model: "gpt-test",
		InputTokens: 1200, CachedInputTokens: 200, OutputTokens: 300, CostMicroUSD: 4_500, Status: store.CallError, Error: "unavailable"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	doomed := seedTasks(t, e, 1, func(int) (string, string) { return "Doomed", "Client" })[0]
	e.adminSignIn(t, testAdminPassword)

	resp, body := e.postForm(t, "/admin/tasks/delete", url.Values{"task_id": {doomed}, "reason": {""}})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	if parseHTML(t, body).Find("#reason-error").Length() != 1 {
		t.Error("a missing reason is not shown")
	}
	resp, body = e.postForm(t, "/admin/tasks/delete", url.Values{"task_id": {"00000000-0000-4000-8000-000000000000"}, "reason": {"x"}})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	if parseHTML(t, body).Find("#task_id-error").Length() != 1 {
		t.Error("an unknown task is not shown")
	}
	resp, _ = e.postForm(t, "/admin/tasks/delete", url.Values{"task_id": {doomed}, "reason": {"asked by the client"}},
		"X-Forwarded-For: 198.51.100.4")
	wantStatus(t, resp, http.StatusSeeOther)

	resp, body = e.get(t, "/admin", "Accept-Language: en")
	wantStatus(t, resp, http.StatusOK)
	doc := parseHTML(t, body)
	for _, sel := range []string{
		`#admin-spend [data-micro-usd="4500"]`,
		`[data-window="admin.calls_day"] tr[data-operation="chat"][data-outcome="error"]`,
		`[data-window="admin.calls_month"] tr[data-operation="questions"][data-outcome="ok"]`,
		`[data-window="admin.calls_day"] [data-failed-bp]`,
		`#admin-breaker [data-breaker="unused"]`,
		`#admin-tasks [data-status="estimated"][data-tasks="1"]`,
		`#admin-database [data-bytes]`,
		`#admin-queue`,
		`#admin-limited`,
		`#admin-deletions tr[data-deleted-task="` + doomed + `"][data-by="admin"]`,
		`#admin-delete form[action="/admin/tasks/delete"]`,
	} {
		if doc.Find(sel).Length() == 0 {
			t.Errorf("the admin page lacks %s", sel)
		}
	}
	row := doc.Find(`#admin-deletions tr[data-deleted-task="` + doomed + `"]`).Text()
	if !strings.Contains(row, "asked by the client") || !strings.Contains(row, "198.51.100.4") {
		t.Errorf("deletion record %q lacks the reason or the client", row)
	}
	if b, _ := doc.Find("#admin-database [data-bytes]").Attr("data-bytes"); b == "0" {
		t.Error("database size 0")
	}
}

func TestAdminBreakerAndQueue(t *testing.T) {
	until := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	e := newTestEnv(t, func(d *Deps) {
		d.AdminPassword = testAdminPassword
		d.Breaker = fixedBreaker{open: true, failures: 5, until: until}
	})
	// A new task queues its questions; no worker runs here to take them.
	if _, err := e.store.CreateTask(context.Background(), store.NewTask{Title: "Queued", Language: "ja", Currency: "JPY",
		TaxRounding: "down", QuestionCount: 3, QuestionsJobAttempts: 1, Lines: []store.NewLine{{Name: "画面"}}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	e.adminSignIn(t, testAdminPassword)
	_, body := e.get(t, "/admin")
	doc := parseHTML(t, body)
	if doc.Find(`#admin-breaker [data-breaker="open"]`).Length() != 1 {
		t.Error("an open breaker is not shown")
	}
	if doc.Find(`#admin-queue [data-kind="questions"][data-jobs="1"]`).Length() != 1 {
		t.Errorf("queued jobs are not shown: %q", doc.Find("#admin-queue").Text())
	}
}

// fixedBreaker is a breaker in a set state.
type fixedBreaker struct {
	open     bool
	failures int
	until    time.Time
}

func (b fixedBreaker) BreakerState() (bool, int, time.Time) { return b.open, b.failures, b.until }

// TestAdminBothLanguages renders the page and the sign-in form in each language with every text
// translated.
func TestAdminBothLanguages(t *testing.T) {
	e := newAdminEnv(t)
	e.adminSignIn(t, testAdminPassword)
	for _, lang := range []string{"ja", "en"} {
		resp, page := e.get(t, "/admin?lang="+lang)
		wantStatus(t, resp, http.StatusOK)
		// Without the admin cookie: the sign-in form.
		resp, err := http.Get(e.srv.URL + "/admin/login?lang=" + lang)
		if err != nil {
			t.Fatal(err)
		}
		login, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		wantStatus(t, resp, http.StatusOK)
		for name, body := range map[string]string{"page": page, "sign-in form": string(login)} {
			if got := htmlLang(t, body); got != lang {
				t.Errorf("%s in %s: lang %q", name, lang, got)
			}
			if strings.Contains(body, "⟦") {
				t.Errorf("%s in %s: an untranslated key", name, lang)
			}
		}
	}
}
