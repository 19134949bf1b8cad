package handlers

import (
	"net/http"
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
