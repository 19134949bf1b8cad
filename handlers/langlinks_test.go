package handlers

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestLanguageLinksOfAPostAnswer: the page answering a refused POST (a 409 for answers to
// questions not asked yet) offers the task page in each language, not the POST-only route,
// which would answer 405.
func TestLanguageLinksOfAPostAnswer(t *testing.T) {
	e := newTestEnv(t, nil)
	resp, _ := e.post(t, "/tasks", baseFields(rowFields("要件定義書", "")...), nil)
	path := resp.Header.Get("Location")
	resp, body := e.postRaw(t, path+"/answers?lang=en", "application/x-www-form-urlencoded", strings.NewReader("answer=x"))
	wantStatus(t, resp, http.StatusConflict)
	links := parseHTML(t, body).Find(".lang-switch a")
	if links.Length() != 2 {
		t.Fatalf("%d language links, want 2", links.Length())
	}
	links.Each(func(_ int, a *goquery.Selection) {
		href := a.AttrOr("href", "")
		if want := path + "?lang=" + a.AttrOr("hreflang", ""); href != want {
			t.Errorf("language link %q, want %q", href, want)
		}
		resp, _ := e.get(t, href)
		wantStatus(t, resp, http.StatusOK)
	})
}
