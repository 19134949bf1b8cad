package handlers

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func TestHomePage(t *testing.T) {
	e := newTestEnv(t, nil)
	resp, body := e.get(t, "/")
	wantStatus(t, resp, http.StatusOK)
	if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if resp.ContentLength != int64(len(body)) {
		t.Errorf("Content-Length = %d, body %d bytes", resp.ContentLength, len(body))
	}
	doc := parseHTML(t, body)
	if lang, _ := doc.Find("html").Attr("lang"); lang != "ja" {
		t.Errorf("html lang = %q, want ja", lang)
	}
	flash := doc.Find("#flash")
	if flash.Length() != 1 || flash.AttrOr("role", "") != "status" || flash.AttrOr("aria-live", "") != "polite" {
		t.Errorf("status region missing or wrong: %d elements, role=%q aria-live=%q", flash.Length(), flash.AttrOr("role", ""), flash.AttrOr("aria-live", ""))
	}
	if strings.TrimSpace(flash.Text()) != "" || flash.Children().Length() != 0 {
		t.Errorf("status region should start empty, has %q", flash.Text())
	}
	if doc.Find("main#main").Length() != 1 {
		t.Error("no <main id=main>")
	}
	if got := doc.Find("#home-title").Text(); !strings.Contains(got, "見積り") {
		t.Errorf("home title %q is not the Japanese one", got)
	}
	if doc.Find("#new-estimate").Length() != 1 {
		t.Error("the new-estimate section is missing")
	}
	nav := map[string]string{}
	doc.Find(".site-nav a").Each(func(_ int, a *goquery.Selection) { nav[a.AttrOr("href", "")] = a.AttrOr("aria-current", "") })
	if nav["/"] != "page" || nav["/tasks"] != "false" {
		t.Errorf("navigation = %v, want / current and /tasks present", nav)
	}
	if got := doc.Find(".engine-badge").AttrOr("data-engine", ""); got != "offline" {
		t.Errorf("footer engine = %q, want offline", got)
	}
	if !strings.Contains(body, `hx-boost="true"`) || !strings.Contains(body, `name="htmx-config"`) {
		t.Error("htmx is not configured on the page")
	}
}

func TestFooterNamesTheModel(t *testing.T) {
	e := newTestEnv(t, func(d *Deps) { d.Engine.Offline, d.Engine.Model = false, "gpt-4o-mini" })
	_, body := e.get(t, "/?lang=en")
	badge := parseHTML(t, body).Find(".engine-badge")
	if badge.AttrOr("data-engine", "") != "openai" || !strings.Contains(badge.Text(), "gpt-4o-mini") {
		t.Errorf("engine badge = %q (%s)", badge.Text(), badge.AttrOr("data-engine", ""))
	}
}

func TestPageAssetsResolve(t *testing.T) {
	e := newTestEnv(t, nil)
	_, body := e.get(t, "/")
	doc := parseHTML(t, body)
	var urls []string
	doc.Find(`link[rel="stylesheet"], link[rel="icon"], script[src]`).Each(func(_ int, s *goquery.Selection) {
		urls = append(urls, s.AttrOr("href", s.AttrOr("src", "")))
	})
	if len(urls) != 4 {
		t.Fatalf("asset links = %v, want css, icon, htmx and app.js", urls)
	}
	for _, u := range urls {
		resp, _ := e.get(t, u)
		wantStatus(t, resp, http.StatusOK)
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
			t.Errorf("%s: Cache-Control = %q, want immutable", u, cc)
		}
	}
}

func TestUIPrefixServesTheSamePages(t *testing.T) {
	e := newTestEnv(t, nil)
	for _, tc := range []struct{ plain, prefixed string }{{"/", "/ui/"}, {"/", "/ui"}, {"/tasks", "/ui/tasks"}, {"/api/v1/health", "/ui/api/v1/health"}} {
		r1, b1 := e.get(t, tc.plain)
		r2, b2 := e.get(t, tc.prefixed)
		wantStatus(t, r1, http.StatusOK)
		wantStatus(t, r2, http.StatusOK)
		if tc.plain != "/api/v1/health" && b1 != b2 {
			t.Errorf("%s and %s differ", tc.plain, tc.prefixed)
		}
	}
	_, body := e.get(t, "/ui/tasks")
	parseHTML(t, body).Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		if href := a.AttrOr("href", ""); strings.HasPrefix(href, "/ui") {
			t.Errorf("link %q should be root-relative without /ui", href)
		}
	})
}

func TestTasksPage(t *testing.T) {
	e := newTestEnv(t, nil)
	resp, body := e.get(t, "/tasks?lang=en")
	wantStatus(t, resp, http.StatusOK)
	doc := parseHTML(t, body)
	if doc.Find("#task-list").Length() != 1 {
		t.Error("no #task-list")
	}
	if got := doc.Find("title").Text(); !strings.HasPrefix(got, "Estimates") {
		t.Errorf("title = %q", got)
	}
	if doc.Find(`.site-nav a[href="/tasks"]`).AttrOr("aria-current", "") != "page" {
		t.Error("estimates navigation entry is not marked current")
	}
}

func TestHeadRequests(t *testing.T) {
	e := newTestEnv(t, nil)
	for _, p := range []string{"/", "/tasks", "/health", "/api/v1/health"} {
		resp, body := e.do(t, http.MethodHead, p)
		wantStatus(t, resp, http.StatusOK)
		if body != "" {
			t.Errorf("HEAD %s returned a body", p)
		}
	}
}
