package handlers

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"estimator/store"
)

// estimatedSample creates the predecessor's sample (9 deliverables) in the given document language
// with its currency, answers the questions and waits until it is estimated. It returns the task's
// path.
func (e *testEnv) estimatedSample(t *testing.T, lang string) string {
	t.Helper()
	currency := map[string]string{"ja": "JPY", "en": "USD"}[lang]
	fields := []field{{"title", "Sample " + lang}, {"client_name", "Sample Co."}, {"client_honorific", "onchu"},
		{"language", lang}, {"currency", currency}, {"requirements", "画面は約25、帳票は5種類"}}
	resp, _ := e.post(t, "/tasks", fields, &upload{"sample_input.csv", readTestdata(t, "sample_input.csv")})
	path := resp.Header.Get("Location")
	id := strings.TrimPrefix(path, "/tasks/")
	e.waitStatus(t, id, store.StatusAwaitingAnswers)
	e.answer(t, path, "画面は約25、帳票は5種類", "", "")
	e.waitStatus(t, id, store.StatusEstimated)
	return path
}

// noOverflow fails when anything on the page reaches past the screen's right edge.
func (b *browser) noOverflow(t *testing.T, page string) {
	t.Helper()
	wide := runIn(t, b, chromedp.Evaluate[string](`[...document.querySelectorAll("main *")].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest("details:not([open]), .reflow thead, .visually-hidden")).map(e => e.tagName + "." + e.className).slice(0, 5).join(", ")`))
	if wide != "" {
		t.Errorf("%s at phone width: these overflow the screen: %s", page, wide)
	}
}

// navigate loads a page and waits for it.
func (b *browser) navigate(t *testing.T, url, ready string) {
	t.Helper()
	b.do(t, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(ready)))
}

// revisionIs waits until the task page shows revision n.
func (b *browser) revisionIs(t *testing.T, n int) {
	t.Helper()
	b.waitFor(t, fmt.Sprintf(`document.readyState === "complete" && document.querySelector("main")?.dataset.revision === "%d" && !!document.getElementById("total")`, n))
}

func (b *browser) minorOf(t *testing.T, expr string) int64 {
	t.Helper()
	v := runIn(t, b, chromedp.Evaluate[string](expr))
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		t.Fatalf("%s = %q: %v", expr, v, err)
	}
	return n
}

// TestBrowserNegotiation negotiates as a sales engineer would, in both languages, with htmx: ask
// the chat for a cheaper estimate, compare the cards, apply one, fit the result to a budget, edit a
// line in place, compare two revisions and restore the first. Every page is then checked at a
// phone's width.
func TestBrowserNegotiation(t *testing.T) {
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	for _, tc := range []struct {
		lang, ask string
		target    int64
	}{{"ja", "あと30万円ほど安くする案を教えて", -300000}, {"en", "make it $2,000 cheaper", -200000}} {
		t.Run(tc.lang, func(t *testing.T) {
			path := e.estimatedSample(t, tc.lang)
			base := e.srv.URL + path
			b := newBrowser(t)
			b.navigate(t, base+"?lang="+tc.lang, "#chat-message")
			first := b.minorOf(t, `document.getElementById("total").dataset.minor`)

			// The chat answers with three priced cards, swapped in without a reload.
			b.do(t, chromedp.SendKeys(chromedp.CSS("#chat-message"), tc.ask), chromedp.Click(chromedp.CSS(`form[data-form="message"] button[type=submit]`)))
			b.waitFor(t, `document.querySelectorAll("article[data-proposal]").length === 3`)
			for i := 1; i <= 3; i++ {
				delta := b.minorOf(t, fmt.Sprintf(`document.querySelectorAll("article[data-proposal]")[%d].querySelector("[data-field=delta]").dataset.minor`, i-1))
				if d := delta - tc.target; d > -tc.target/5 || d < tc.target/5 {
					t.Errorf("card %d moves the subtotal by %d, asked %d", i, delta, tc.target)
				}
			}
			b.screenshot(t, "chat-"+tc.lang+".png")
			cardTotal := b.minorOf(t, `document.querySelectorAll("article[data-proposal]")[1].dataset.totalMinor`)
			b.do(t, chromedp.Click(chromedp.CSS(`article[data-proposal]:nth-of-type(2) form[data-form="apply"] button`)))
			b.revisionIs(t, 2)
			if got := b.minorOf(t, `document.getElementById("total").dataset.minor`); got != cardTotal {
				t.Errorf("total after applying the card %d, card said %d", got, cardTotal)
			}

			// Fit to a budget 5 % below the current subtotal, excluding tax, by scaling.
			subtotal := b.minorOf(t, `document.getElementById("subtotal").dataset.minor`)
			budget := subtotal * 95 / 100
			if tc.lang == "en" {
				budget = budget / 100 * 100 // whole dollars
			}
			budgetText := strconv.FormatInt(budget, 10)
			if tc.lang == "en" {
				budgetText = "$" + strconv.FormatInt(budget/100, 10)
			}
			b.do(t, chromedp.SendKeys(chromedp.CSS("#budget-amount"), budgetText),
				chromedp.SetValue(chromedp.CSS("#budget-method"), "scale"),
				chromedp.Click(chromedp.CSS(`#budget-form button[type=submit]`)))
			b.revisionIs(t, 3)
			if got := b.minorOf(t, `document.getElementById("subtotal").dataset.minor`); got > budget || got < budget*98/100 {
				t.Errorf("subtotal %d after fitting to %d", got, budget)
			}

			// Edit the first line in place.
			b.do(t, chromedp.Click(chromedp.CSS(`#row-1 .cell-actions a`)))
			b.waitFor(t, `!!document.querySelector("#row-1 form[data-form=line]")`)
			b.do(t, chromedp.SetValue(chromedp.CSS("#line-1-documentation"), "3.5"),
				chromedp.SetValue(chromedp.CSS("#line-1-note"), "review "+tc.lang),
				chromedp.Click(chromedp.CSS(`#row-1 form[data-form=line] button[type=submit]`)))
			b.revisionIs(t, 4)
			if b.count(t, "#row-1 .badge-manual") != 1 {
				t.Error("the edited line is not labelled as entered by hand")
			}

			// The name opens its breakdown.
			b.do(t, chromedp.Click(chromedp.CSS(`#row-2 a[data-open-details]`)))
			b.waitFor(t, `document.getElementById("line-2").open === true`)

			// Compare the previous revision, then restore the first from the history.
			b.do(t, chromedp.Click(chromedp.CSS(`#revision-bar a[href*="/compare"]`)))
			b.waitFor(t, `!!document.getElementById("compare-lines")`)
			if n := b.count(t, `#compare-lines tr[data-change="changed"]`); n != 1 {
				t.Errorf("compare 3→4 shows %d changed lines, want 1", n)
			}
			b.screenshot(t, "compare-"+tc.lang+".png")
			b.navigate(t, base+"/revisions", "#revisions")
			if n := b.count(t, "#revisions tr[data-revision]"); n != 4 {
				t.Errorf("%d revisions listed, want 4", n)
			}
			b.do(t, chromedp.Click(chromedp.CSS(`tr[data-revision="1"] form[data-form="restore"] button`)))
			b.revisionIs(t, 5)
			if got := b.minorOf(t, `document.getElementById("total").dataset.minor`); got != first {
				t.Errorf("total after restoring revision 1 is %d, want %d", got, first)
			}

			// Every page fits a phone.
			b.do(t, chromedp.EmulateViewport(390, 844))
			for _, p := range []struct{ url, ready string }{
				{base, "#result"}, {base + "/revisions", "#revisions"}, {base + "/revisions/2", "#result"},
				{base + "/compare?a=1&b=4", "#compare-lines"}, {base + "/lines/1/edit?base=5", "form[data-form=line]"},
				{e.srv.URL + "/tasks", "#task-list"}, {e.srv.URL + "/", "#task-form"},
			} {
				b.navigate(t, p.url, p.ready)
				b.noOverflow(t, p.url)
			}
			b.navigate(t, base, "#result")
			b.screenshot(t, "task-phone-"+tc.lang+".png")
			if p := b.Problems(); len(p) > 0 {
				t.Errorf("browser problems:\n%s", strings.Join(p, "\n"))
			}
		})
	}
}
