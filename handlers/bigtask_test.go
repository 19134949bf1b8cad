package handlers

import (
	"net/http"
	"strings"
	"testing"

	"estimator/i18n"
	"estimator/store"
)

// TestBigTaskDetailsOnDemand: a task of more lines than the page shows details for keeps each
// breakdown collapsed to a link, which htmx fetches as a fragment when opened and which is a page
// of its own without JavaScript; the chart draws the largest lines and one bar for the rest.
func TestBigTaskDetailsOnDemand(t *testing.T) {
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	var rows []string
	for i := range maxInlineDetails + 10 {
		rows = append(rows, bigLineName(i), "検索条件5項目")
	}
	n := e.negotiationTask(t, i18n.Japanese, rows...)
	_, _, doc := n.page(t, "")
	details := doc.Find(".line-detail")
	if details.Length() != maxInlineDetails+10 {
		t.Fatalf("%d breakdowns, want %d", details.Length(), maxInlineDetails+10)
	}
	if got := doc.Find(".line-detail .phase-table").Length(); got != 0 {
		t.Errorf("%d breakdowns rendered inline, want none", got)
	}
	link := doc.Find("#line-7 .detail-pending a")
	url, _ := link.Attr("href")
	if want := "/tasks/" + n.id + "/revisions/1/lines/7"; url != want {
		t.Fatalf("line 7 links to %q, want %q", url, want)
	}
	if hx, _ := doc.Find("#line-7 .detail-pending").Attr("hx-get"); hx != url {
		t.Errorf("line 7 fetches %q, want %q", hx, url)
	}
	if bars := doc.Find("svg.chart-wide rect").Length(); bars != maxChartBars {
		t.Errorf("the chart draws %d bars, want %d", bars, maxChartBars)
	}
	others := n.msg("estimate.chart_others", "count", maxInlineDetails+10-maxChartBars+1)
	if !strings.Contains(doc.Find("svg.chart-wide").Text(), others) {
		t.Errorf("the chart has no bar %q", others)
	}

	_, rev := n.latest(t)
	resp, body := n.e.get(t, url, "HX-Request: true")
	wantStatus(t, resp, http.StatusOK)
	frag := parseHTML(t, body)
	if frag.Find(".detail-grid .phase-table tr").Length() != 5 || !strings.Contains(body, rev[6].Reasoning[:20]) {
		t.Errorf("the fragment of line 7 has no phases or reasoning: %.300s", body)
	}
	if strings.Contains(body, "<html") {
		t.Error("the fragment is a whole page")
	}
	resp, body = n.e.get(t, url)
	wantStatus(t, resp, http.StatusOK)
	page := parseHTML(t, body)
	if h1 := page.Find("h1").Text(); !strings.Contains(h1, rev[6].Name) || page.Find(".phase-table").Length() != 1 {
		t.Errorf("the page of line 7: h1 %q, %d phase tables", h1, page.Find(".phase-table").Length())
	}
	for _, bad := range []string{"/revisions/1/lines/0", "/revisions/1/lines/61", "/revisions/9/lines/1", "/revisions/1/lines/x"} {
		if resp, _ := n.e.get(t, "/tasks/"+n.id+bad); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", bad, resp.StatusCode)
		}
	}
	if task, err := e.store.Task(t.Context(), n.id); err != nil || task.Status != store.StatusEstimated {
		t.Fatalf("task %v %v", task.Status, err)
	}
}
