package handlers

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"estimator/i18n"
	"estimator/store"
)

// TestTaskPageNeverStale: the task page, served again from the page cache while nothing changes,
// shows every write at once, including writes made past the handlers (straight to the store, as
// another instance or a worker would), and the issuer's payment terms that every page shows.
func TestTaskPageNeverStale(t *testing.T) {
	n := newNegotiation(t, i18n.Japanese)
	ctx := t.Context()
	_, taxBP := termsOf(n.lang)
	_, body, doc := n.page(t, "")
	before := pageTotals(t, doc, taxBP)
	if _, again, _ := n.page(t, ""); again != body {
		t.Fatal("the page changed with nothing written")
	}
	if got := n.e.h.pages.bytes; got < len(body) {
		t.Fatalf("the page was not kept (%d bytes cached, page %d)", got, len(body))
	}

	rev, lines := n.latest(t)
	if _, _, err := n.e.store.CreateRevision(ctx, n.id, rev.Number, store.NewRevision{
		Reason: store.RevisionQuickAction, BaseNumber: rev.Number, DiscountMinor: 10000, Lines: lines}, time.Now()); err != nil {
		t.Fatal(err)
	}
	_, _, doc = n.page(t, "")
	if after := pageTotals(t, doc, taxBP); after.DiscountMinor != 10000 || after.TotalMinor >= before.TotalMinor {
		t.Errorf("after a discount of 10,000 written to the store: %+v, before %+v", after, before)
	}

	const terms = "検収月末締め翌々月10日払い"
	if err := n.e.store.SaveIssuer(ctx, store.Issuer{PaymentTerms: terms, ValidityDays: 30, NumberFormat: "YYYYMM-NNNN"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, body, _ := n.page(t, ""); !strings.Contains(body, terms) {
		t.Error("the page does not show the issuer's new payment terms")
	}

	// Each language and each URL is its own page.
	_, en, _ := n.page(t, "?lang=en")
	if _, ja, _ := n.page(t, "?lang=ja"); ja == en || !strings.Contains(en, `lang="en"`) {
		t.Error("?lang=en and ?lang=ja gave the same page")
	}
}

// TestPollNothingChanged: a poll that sends the version it saw gets 204 while the task is as it
// was, and the section once anything changed.
func TestPollNothingChanged(t *testing.T) {
	n := newNegotiation(t, i18n.Japanese)
	ctx := t.Context()
	version, err := n.e.store.TaskVersion(ctx, n.id)
	if err != nil {
		t.Fatal(err)
	}
	rev, _ := n.latest(t)
	poll := func(v int64) *http.Response {
		resp, _ := n.e.get(t, n.path+"/estimate?status=estimated&revision="+strconv.Itoa(rev.Number)+"&version="+strconv.FormatInt(v, 10), "HX-Request: true")
		return resp
	}
	wantStatus(t, poll(version), http.StatusNoContent)
	wantStatus(t, poll(version-1), http.StatusOK)

	if _, _, err := n.e.store.PostMessage(ctx, n.id, rev.Number, "もう少し安く", true, 1, time.Now()); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, poll(version), http.StatusOK)
}

// TestListPageNeverStale: a page of the estimates list, served again from the page cache while
// nothing changes, shows at once a new revision's total, a new task and a deleted one, written
// straight to the store as another instance or a worker would; a flash message is shown once and
// never kept.
func TestListPageNeverStale(t *testing.T) {
	n := newNegotiation(t, i18n.Japanese)
	ctx := t.Context()
	total := func(body string) string {
		t.Helper()
		v, _ := parseHTML(t, body).Find(`tr[data-task-id="` + n.id + `"] td.cell-amount`).Attr("data-minor")
		return v
	}
	_, body := n.e.get(t, "/tasks")
	before := total(body)
	if _, again := n.e.get(t, "/tasks"); again != body {
		t.Fatal("the list changed with nothing written")
	}
	if n.e.h.pages.bytes < len(body) {
		t.Fatalf("the list was not kept (%d bytes cached, page %d)", n.e.h.pages.bytes, len(body))
	}

	rev, lines := n.latest(t)
	if _, _, err := n.e.store.CreateRevision(ctx, n.id, rev.Number, store.NewRevision{
		Reason: store.RevisionQuickAction, BaseNumber: rev.Number, DiscountMinor: 10000, Lines: lines}, time.Now()); err != nil {
		t.Fatal(err)
	}
	_, body = n.e.get(t, "/tasks")
	if after := total(body); after == before || after == "" {
		t.Errorf("the list's total after a discount written to the store: %q, before %q", after, before)
	}

	ids := seedTasks(t, n.e, 1, func(int) (string, string) { return "新しい見積", "株式会社サンプル" })
	if _, body = n.e.get(t, "/tasks"); !slices.Contains(listTitles(t, body), "新しい見積") {
		t.Error("a task created in the store is missing from the list")
	}
	if err := n.e.store.DeleteTask(ctx, ids[0], store.Deletion{By: store.DeletedByUser, At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if _, body = n.e.get(t, "/tasks"); slices.Contains(listTitles(t, body), "新しい見積") {
		t.Error("a task deleted in the store is still in the list")
	}

	// Deleting through the page leaves a flash message on the list it returns to, shown once.
	resp, _ := n.e.postRaw(t, "/tasks/"+n.id+"/delete?return=%2Ftasks", "application/x-www-form-urlencoded", strings.NewReader(""))
	wantStatus(t, resp, http.StatusSeeOther)
	flashed := func() bool {
		_, body := n.e.get(t, "/tasks")
		return parseHTML(t, body).Find("#flash .flash-message").Length() > 0
	}
	if !flashed() {
		t.Error("no flash message after deleting a task")
	}
	if flashed() {
		t.Error("the flash message was shown twice: a page with a flash message was kept")
	}
}
