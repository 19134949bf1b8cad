package handlers

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserEstimateFlow runs the whole flow with the offline engine in both languages: create,
// wait for the questions (the page polls, then reloads itself), answer, watch the lines land,
// and read the totals.
func TestBrowserEstimateFlow(t *testing.T) {
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			b := newBrowser(t)
			b.do(t, chromedp.Navigate(e.srv.URL+"/?lang="+lang), chromedp.WaitVisible(chromedp.CSS("#task-form")))
			b.do(t,
				chromedp.SendKeys(chromedp.CSS("#title"), "Flow "+lang),
				chromedp.Click(chromedp.CSS(`button[value="standard_deliverables"]`)),
			)
			b.waitFor(t, `document.querySelectorAll("#deliverable-rows input[name=name]").length >= 13`)
			b.do(t, chromedp.Click(chromedp.CSS(".primary-submit")), chromedp.WaitVisible(chromedp.CSS("main[data-task-id]")))

			// Questions arrive; the page reloads itself into the answers form.
			b.waitFor(t, `document.readyState === "complete" && document.querySelector("main").dataset.status === "awaiting_answers" && !!document.querySelector('#answers-form textarea[name="answer"]')`)
			b.do(t, chromedp.SendKeys(chromedp.CSS(`#answers-form textarea[name="answer"]`), "OK"))
			b.do(t, chromedp.Click(chromedp.CSS(`#answers-form button[type="submit"]`)))
			b.waitFor(t, `document.readyState === "complete" && document.querySelector("main").dataset.status === "estimated" && !!document.getElementById("total")`)
			if n := b.count(t, `tr[data-line][data-state="done"]`); n != 13 {
				t.Errorf("%d lines done, want 13", n)
			}
			total := runIn(t, b, chromedp.AttributeValue(chromedp.CSS("#total"), "data-minor"))
			if total.Value == "" || total.Value == "0" {
				t.Errorf("total %q", total.Value)
			}
			want := "¥" // the form's currency follows the UI language: JPY for ja, USD for en
			if lang == "en" {
				want = "$"
			}
			if txt := b.text(t, "#total"); !strings.HasPrefix(txt, want) {
				t.Errorf("total %q, want it in %s", txt, want)
			}
			b.screenshot(t, "result-"+lang+".png")
			if p := b.Problems(); len(p) > 0 {
				t.Errorf("browser problems:\n%s", strings.Join(p, "\n"))
			}
		})
	}
}
