package handlers

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"estimator/estimate"
	"estimator/i18n"
	"estimator/store"
)

// The two ways every form of the negotiation is posted: as a plain browser form, and by htmx.
var postModes = []struct {
	name    string
	headers []string
}{
	{"plain", nil},
	{"htmx", []string{"HX-Request: true"}},
}

// negotiation is an estimated task of a test environment: where its pages are and how to change
// it through the real router.
type negotiation struct {
	e              *testEnv
	lang, id, path string
}

// englishRows are the deliverables of the English (USD) tasks: five, two of them manuals.
var englishRows = []string{"Requirements document", "", "Basic design", "", "Web application", "Screens and API",
	"User manual", "", "Operations manual", ""}

// termsOf are the currency and the tax rate (basis points) testDeps gives a document language.
func termsOf(lang string) (currency string, taxBP int64) {
	if lang == "en" {
		return "USD", 0
	}
	return "JPY", 1000
}

// newNegotiation starts an environment with workers and returns an estimated task in the document
// language lang (see negotiationTask).
func newNegotiation(t *testing.T, lang string, rows ...string) *negotiation {
	t.Helper()
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	return e.negotiationTask(t, lang, rows...)
}

// negotiationTask creates a task in the document language lang (ja: JPY, 10 % tax; en: USD, no
// tax), answers its questions and waits until the offline engine has estimated every line. The
// deliverables are rows (name, description pairs); without rows, those of
// testdata/sample_input.csv for ja (nine, two of them manuals) and englishRows for en. The
// environment's workers must run.
func (e *testEnv) negotiationTask(t *testing.T, lang string, rows ...string) *negotiation {
	t.Helper()
	currency, _ := termsOf(lang)
	fields := []field{{"title", "Negotiation " + lang}, {"client_name", "Client"}, {"client_honorific", "onchu"},
		{"language", lang}, {"currency", currency}, {"requirements", "300 users"}}
	var file *upload
	switch {
	case len(rows) > 0:
	case lang == "en":
		rows = englishRows
	default:
		file = &upload{"sample_input.csv", readTestdata(t, "sample_input.csv")}
	}
	resp, _ := e.post(t, "/tasks", append(fields, rowFields(rows...)...), file)
	wantStatus(t, resp, http.StatusSeeOther)
	n := &negotiation{e: e, lang: lang, path: resp.Header.Get("Location")}
	n.id = strings.TrimPrefix(n.path, "/tasks/")
	e.waitStatus(t, n.id, store.StatusAwaitingAnswers)
	_, body := e.get(t, n.path)
	answers := url.Values{}
	parseHTML(t, body).Find(`#answers-form textarea[name="answer"]`).Each(func(int, *goquery.Selection) {
		answers.Add("answer", "")
	})
	resp, _ = n.form(t, "/answers", answers)
	wantStatus(t, resp, http.StatusSeeOther)
	e.waitStatus(t, n.id, store.StatusEstimated)
	return n
}

// form posts vals urlencoded, as a browser submits the negotiation's forms, to the task's path
// plus suffix.
func (n *negotiation) form(t *testing.T, suffix string, vals url.Values, headers ...string) (*http.Response, string) {
	t.Helper()
	return n.e.postRaw(t, n.path+suffix, "application/x-www-form-urlencoded", strings.NewReader(vals.Encode()), headers...)
}

// formValues builds form values from name, value pairs; a name may repeat.
func formValues(pairs ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Add(pairs[i], pairs[i+1])
	}
	return v
}

// withBase is formValues plus base=n.
func withBase(n int, pairs ...string) url.Values {
	return formValues(append([]string{"base", strconv.Itoa(n)}, pairs...)...)
}

// latest is the task's current revision as stored.
func (n *negotiation) latest(t *testing.T) (store.Revision, []store.RevisionLine) {
	t.Helper()
	rev, lines, err := n.e.store.LatestRevision(context.Background(), n.id)
	if err != nil {
		t.Fatal(err)
	}
	return rev, lines
}

// revision is revision number of the task as stored.
func (n *negotiation) revision(t *testing.T, number int) (store.Revision, []store.RevisionLine) {
	t.Helper()
	rev, lines, err := n.e.store.Revision(context.Background(), n.id, number)
	if err != nil {
		t.Fatalf("revision %d: %v", number, err)
	}
	return rev, lines
}

// current is the number of the task's latest revision.
func (n *negotiation) current(t *testing.T) int {
	t.Helper()
	rev, _ := n.latest(t)
	return rev.Number
}

// totalsOf computes a stored revision's totals with the estimate package.
func totalsOf(t *testing.T, rev store.Revision, lines []store.RevisionLine) estimate.Totals {
	t.Helper()
	tot, err := rev.Document(lines).Totals()
	if err != nil {
		t.Fatalf("revision %d: %v", rev.Number, err)
	}
	return tot
}

// page gets one of the task's pages (suffix "" for the task page itself) and parses it.
func (n *negotiation) page(t *testing.T, suffix string, headers ...string) (*http.Response, string, *goquery.Document) {
	t.Helper()
	resp, body := n.e.get(t, n.path+suffix, headers...)
	return resp, body, parseHTML(t, body)
}

// wantChanged checks the answer to a change that worked: 303 to the task for a plain form; for
// htmx 200 with HX-Redirect to the task, or HX-Location loading it; and one new revision after
// before.
func (n *negotiation) wantChanged(t *testing.T, resp *http.Response, htmx bool, before int) {
	t.Helper()
	switch {
	case htmx && (resp.StatusCode != http.StatusOK || !n.locates(resp.Header)):
		t.Fatalf("htmx: status %d, HX-Redirect %q, HX-Location %q; want 200 and the task %s", resp.StatusCode,
			resp.Header.Get("HX-Redirect"), resp.Header.Get("HX-Location"), n.path)
	case !htmx && (resp.StatusCode != http.StatusSeeOther || !n.isTask(resp.Header.Get("Location"))):
		t.Fatalf("plain: status %d, Location %q; want 303 to the task %s", resp.StatusCode, resp.Header.Get("Location"), n.path)
	}
	if got := n.current(t); got != before+1 {
		t.Fatalf("latest revision %d after a change from %d", got, before)
	}
}

// isTask reports whether url is the task page, perhaps with a fragment.
func (n *negotiation) isTask(url string) bool {
	path, _, _ := strings.Cut(url, "#")
	return path == n.path
}

// locates reports whether htmx headers send the browser to the task page: HX-Redirect, or
// HX-Location as a path or as JSON with a path.
func (n *negotiation) locates(h http.Header) bool {
	if n.isTask(h.Get("HX-Redirect")) || n.isTask(h.Get("HX-Location")) {
		return true
	}
	var loc struct{ Path string }
	return json.Unmarshal([]byte(h.Get("HX-Location")), &loc) == nil && n.isTask(loc.Path)
}

// wantUnchanged checks that nothing was stored: the latest revision is still before.
func (n *negotiation) wantUnchanged(t *testing.T, before int) {
	t.Helper()
	if got := n.current(t); got != before {
		t.Fatalf("latest revision %d, want %d: a refused change was stored", got, before)
	}
}

// htmxFragment checks an htmx answer is a fragment holding sel, not a whole page, and parses it.
func htmxFragment(t *testing.T, body, sel string) *goquery.Document {
	t.Helper()
	src := body
	if strings.HasPrefix(body, "<tr") {
		src = "<table><tbody>" + body + "</tbody></table>" // a row parses only inside a table
	}
	doc := parseHTML(t, src)
	if strings.Contains(body, "<html") || doc.Find(sel).Length() != 1 {
		t.Fatalf("want a fragment with one %s, got %.300q", sel, body)
	}
	return doc
}

// pageRow is a result row of a page as its hooks show it.
type pageRow struct {
	key          string
	name         string
	tenths       int64
	amount       int64
	manualBadge  bool
	rowSelection *goquery.Selection
}

// pageRows reads a page's result rows in order.
func pageRows(t *testing.T, doc *goquery.Document) []pageRow {
	t.Helper()
	var rows []pageRow
	doc.Find("#result tr[data-line][data-key]").Each(func(_ int, r *goquery.Selection) {
		tenths, err := strconv.ParseInt(r.Find(`[data-field="days"]`).AttrOr("data-tenths", ""), 10, 64)
		if err != nil {
			t.Fatalf("row %s: data-tenths: %v", r.AttrOr("data-line", ""), err)
		}
		rows = append(rows, pageRow{
			key: r.AttrOr("data-key", ""), name: strings.TrimSpace(r.Find(".cell-name a").Text()),
			tenths: tenths, amount: minor(t, r.Find(`[data-field="amount"]`)),
			manualBadge: r.Find(".badge-manual").Length() == 1, rowSelection: r,
		})
	})
	return rows
}

// pageTotals checks a page's totals hooks against the rows and the terms: Σ amounts (+
// contingency − discount) = subtotal, tax = subtotal × taxBP rounded down, total = subtotal + tax.
// It returns the page's totals.
func pageTotals(t *testing.T, doc *goquery.Document, taxBP int64) estimate.Totals {
	t.Helper()
	var lines int64
	for _, r := range pageRows(t, doc) {
		lines += r.amount
	}
	money := func(id string) int64 {
		s := doc.Find("#" + id)
		switch s.Length() {
		case 0:
			return 0
		case 1:
			return minor(t, s)
		}
		t.Fatalf("#%s shown %d times", id, s.Length())
		return 0
	}
	got := estimate.Totals{LinesMinor: lines, ContingencyMinor: money("contingency"), DiscountMinor: -money("discount"),
		SubtotalMinor: money("subtotal"), TaxMinor: money("tax"), TotalMinor: money("total")}
	if got.DiscountMinor < 0 {
		t.Errorf("#discount data-minor %d is not negative", -got.DiscountMinor)
	}
	if got.SubtotalMinor != lines+got.ContingencyMinor-got.DiscountMinor || got.SubtotalMinor <= 0 {
		t.Errorf("subtotal %d, want Σ lines %d + contingency %d − discount %d", got.SubtotalMinor, lines, got.ContingencyMinor, got.DiscountMinor)
	}
	if got.TaxMinor != got.SubtotalMinor*taxBP/10000 {
		t.Errorf("tax %d on subtotal %d, want %d (%d bp, rounded down)", got.TaxMinor, got.SubtotalMinor, got.SubtotalMinor*taxBP/10000, taxBP)
	}
	if got.TotalMinor != got.SubtotalMinor+got.TaxMinor {
		t.Errorf("total %d, want subtotal %d + tax %d", got.TotalMinor, got.SubtotalMinor, got.TaxMinor)
	}
	if doc.Find("#lines-total").Length() == 1 && minor(t, doc.Find("#lines-total")) != lines {
		t.Errorf("#lines-total %d, want Σ lines %d", minor(t, doc.Find("#lines-total")), lines)
	}
	return got
}

// storedDays is a stored line's person-days in tenths.
func storedDays(l store.RevisionLine) int64 {
	return estimate.Effort{Phases: l.Phases}.Days()
}

// storedByKey indexes stored lines by their key.
func storedByKey(lines []store.RevisionLine) map[string]store.RevisionLine {
	m := make(map[string]store.RevisionLine, len(lines))
	for _, l := range lines {
		m[l.LineKey] = l
	}
	return m
}

// halfUp is num / den rounded half up, for num >= 0 and den > 0.
func halfUp(num, den int64) int64 {
	return (2*num + den) / (2 * den)
}

// rowsMatch checks a page's result rows against the stored lines they show: the same keys in the
// same order, the days, and amount = days × unit cost rounded half up.
func rowsMatch(t *testing.T, doc *goquery.Document, lines []store.RevisionLine) []pageRow {
	t.Helper()
	rows := pageRows(t, doc)
	if len(rows) != len(lines) {
		t.Fatalf("%d rows on the page, %d lines stored", len(rows), len(lines))
	}
	for i, r := range rows {
		l := lines[i]
		want := halfUp(storedDays(l)*l.UnitCostMinor, 10)
		if r.key != l.LineKey || r.tenths != storedDays(l) || r.amount != want || r.rowSelection.AttrOr("data-line", "") != strconv.Itoa(i+1) {
			t.Errorf("row %d: key %q, %d tenths, amount %d; stored %q, %d tenths × %d = %d",
				i+1, r.key, r.tenths, r.amount, l.LineKey, storedDays(l), l.UnitCostMinor, want)
		}
	}
	return rows
}

// lineValues is the line form as typed: base, name and the five phases in display order, then
// more name, value pairs.
func lineValues(base int, name string, phases [estimate.PhaseCount]string, more ...string) url.Values {
	v := withBase(base, append([]string{"name", name}, more...)...)
	for p, s := range phases {
		v.Set(estimate.Phase(p).Key(), s)
	}
	return v
}

// phasesOf are a stored line's phases as the line form shows them.
func phasesOf(l store.RevisionLine) [estimate.PhaseCount]string {
	var out [estimate.PhaseCount]string
	for p, tenths := range l.Phases {
		out[p] = i18n.Days(tenths)
	}
	return out
}

// msg is a catalog message in the UI language of the tests' client (Japanese, the default).
func (n *negotiation) msg(key string, args ...any) string {
	return n.e.h.i18n.T("ja", key, args...)
}

// raceForm posts the same form from racers goroutines released at once, and counts the statuses
// (0 for a request that failed to complete).
func raceForm(t *testing.T, n *negotiation, suffix string, form url.Values, racers int) map[int]int {
	t.Helper()
	body := form.Encode()
	start := make(chan struct{})
	statuses := make(chan int, racers)
	var wg sync.WaitGroup
	for range racers {
		wg.Go(func() {
			req, err := http.NewRequest(http.MethodPost, n.e.srv.URL+n.path+suffix, strings.NewReader(body))
			if err != nil {
				statuses <- 0
				return
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			<-start
			resp, err := n.e.client.Do(req)
			if err != nil {
				statuses <- 0
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			statuses <- resp.StatusCode
		})
	}
	close(start)
	wg.Wait()
	close(statuses)
	counts := map[int]int{}
	for s := range statuses {
		counts[s]++
	}
	return counts
}

// textDiff shows where two texts differ: the span between their common prefix and suffix, with
// a little context, for a failure or log message.
func textDiff(a, b string) string {
	p := 0
	for p < min(len(a), len(b)) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < min(len(a), len(b))-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	from := max(p-60, 0)
	return "- …" + strings.ToValidUTF8(a[from:len(a)-s], "") + "…\n+ …" + strings.ToValidUTF8(b[from:len(b)-s], "") + "…"
}
