package handlers

import (
	"testing"

	"github.com/chromedp/chromedp"

	"estimator/i18n"
)

// TestBrowserBigTaskDetails: on a task of more lines than the page shows breakdowns for, opening a
// line's breakdown fetches it in place, and following a deliverable's name in the table opens
// and fetches its breakdown too; no console errors.
func TestBrowserBigTaskDetails(t *testing.T) {
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	var rows []string
	for i := range maxInlineDetails + 5 {
		rows = append(rows, bigLineName(i), "検索条件5項目")
	}
	n := e.negotiationTask(t, i18n.Japanese, rows...)
	b := newBrowser(t)
	b.navigate(t, e.srv.URL+n.path, "#result")

	b.do(t, chromedp.ScrollIntoView(chromedp.CSS("#line-3 summary")), chromedp.Click(chromedp.CSS("#line-3 summary")))
	b.waitFor(t, `document.querySelectorAll("#line-3 .phase-table tr").length === 5 && !document.querySelector("#line-3 .detail-pending")`)

	b.do(t, chromedp.ScrollIntoView(chromedp.CSS(`#row-9 a[data-open-details]`)), chromedp.Click(chromedp.CSS(`#row-9 a[data-open-details]`)))
	b.waitFor(t, `document.getElementById("line-9").open && document.querySelectorAll("#line-9 .phase-table tr").length === 5`)
	if got := runIn(t, b, chromedp.Evaluate[int](`document.querySelectorAll(".line-detail .phase-table").length`)); got != 2 {
		t.Errorf("%d breakdowns fetched, want the 2 opened", got)
	}
	b.screenshot(t, "big-task-details.png")
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("browser reported: %v", p)
	}
}
