package handlers

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"estimator/store"
)

// TestBrowserAdmin signs in with scripts on, after real work and a rate-limit refusal: the page
// shows its sections, fits a phone's screen, and signing out leads back to the form.
func TestBrowserAdmin(t *testing.T) {
	e := newAdminEnv(t)
	e.startWorkers(t)
	e.estimatedSample(t, "en")
	// The second request of a client allowed one an hour is refused.
	for range 2 {
		if _, err := e.store.TakeRate(t.Context(), "203.0.113.50", store.RateLimit{Interval: time.Hour, Burst: 1}, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	b := newBrowser(t)
	b.navigate(t, e.srv.URL+"/admin?lang=en", "#admin-login")
	b.do(t, chromedp.SendKeys(chromedp.CSS("#password"), testAdminPassword))
	b.follow(t, `#admin-login button[type=submit]`)
	b.waitFor(t, `document.getElementById("admin-spend") !== null`)
	for _, sel := range []string{"#admin-spend", "#admin-breaker", "#admin-queue", "#admin-tasks", "#admin-database",
		`[data-window="admin.calls_month"]`, "#admin-limited", "#admin-deletions", "#admin-delete"} {
		if b.count(t, sel) != 1 {
			t.Errorf("the admin page lacks %s", sel)
		}
	}
	if b.count(t, `#admin-limited tr[data-client="203.0.113.50"]`) != 1 {
		t.Error("the refused client is not listed")
	}
	b.screenshot(t, "admin-desktop-en.png")
	b.do(t, chromedp.EmulateViewport(390, 844))
	b.navigate(t, e.srv.URL+"/admin", "#admin-spend")
	b.noOverflow(t, "/admin")
	b.screenshot(t, "admin-phone-en.png")
	b.follow(t, `form[action="/admin/logout"] button`)
	b.waitFor(t, `document.getElementById("admin-login") !== null`)
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("browser problems:\n%s", strings.Join(p, "\n"))
	}
}
