package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"estimator/store"
)

// waitRevision waits until the task's latest revision is number n.
func (e *testEnv) waitRevision(t *testing.T, id string, n int) (store.Revision, []store.RevisionLine) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		rev, lines, err := e.store.LatestRevision(t.Context(), id)
		if err == nil && rev.Number == n {
			return rev, lines
		}
		if time.Now().After(deadline) {
			t.Fatalf("revision %d never came (latest %d, %v)", n, rev.Number, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestLineAddByEngine: a deliverable added "by the engine" is estimated in the background and
// lands as the next revision; one whose estimate fails is shown as failed with a retry and a way
// to enter it by hand, never with a number.
func TestLineAddByEngine(t *testing.T) {
	e, _ := gatedEnv(t)
	id, path := e.newTaskPath(t, "要件定義書", "")
	e.answer(t, path, "", "", "")
	e.waitStatus(t, id, store.StatusEstimated)

	resp, _ := e.postRaw(t, path+"/lines", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"base": {"1"}, "mode": {"engine"}, "name": {"負荷テスト"}, "description": {"ピーク時300同時接続"}}.Encode()))
	wantStatus(t, resp, http.StatusSeeOther)
	rev, lines := e.waitRevision(t, id, 2)
	added := lines[len(lines)-1]
	if added.Name != "負荷テスト" || added.Source != "offline" || rev.Kind() != store.RevisionManualEdit || !strings.Contains(rev.Note, "負荷テスト") {
		t.Errorf("revision %+v, added line %+v", rev, added)
	}

	resp, _ = e.postRaw(t, path+"/lines", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"base": {"2"}, "mode": {"engine"}, "name": {"FAIL 帳票"}}.Encode()), "HX-Request: true")
	wantStatus(t, resp, http.StatusOK)
	if !strings.Contains(resp.Header.Get("HX-Location"), "/tasks/"+id) {
		t.Errorf("htmx is not sent to the task page: %q", resp.Header.Get("HX-Location"))
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, body := e.get(t, path)
		doc := parseHTML(t, body)
		failed := doc.Find(`#adding-lines li[data-state="failed"]`)
		if failed.Length() == 1 {
			if failed.Find(`form[action$="/retry"]`).Length() != 1 || failed.Find(`a[href*="/lines/new?"]`).Length() != 1 {
				t.Error("a failed addition offers no retry or no way to enter it by hand")
			}
			if doc.Find("main").AttrOr("data-revision", "") != "2" {
				t.Error("a failed addition made a revision")
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the failed addition is never shown")
		}
		time.Sleep(20 * time.Millisecond)
	}
	resp, _ = e.postRaw(t, path+"/lines", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"base": {"1"}, "mode": {"engine"}, "name": {"x"}}.Encode()))
	wantStatus(t, resp, http.StatusConflict)
	resp, _ = e.postRaw(t, path+"/lines", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"base": {"2"}, "mode": {"engine"}, "name": {""}}.Encode()))
	wantStatus(t, resp, http.StatusUnprocessableEntity)
}

// TestRecomputeKeepsTheChange: a card recomputed on a later revision moves each line by what it
// moved on its own revision, and an applied card is neither applied again nor recomputed.
func TestRecomputeKeepsTheChange(t *testing.T) {
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	id, path := e.newTaskPath(t, "要件定義書", "", "基本設計書", "")
	e.answer(t, path, "", "", "")
	e.waitStatus(t, id, store.StatusEstimated)
	cards := cardsOf(t, e.ask(t, path, "あと1割下げて"))
	if len(cards) == 0 {
		t.Fatal("no cards")
	}
	// Another change first: everything scaled down, revision 2.
	resp, _ := e.postValues(t, path+"/adjust", url.Values{"base": {"1"}, "action": {"unit_cost"}, "amount": {"50000"}})
	wantStatus(t, resp, http.StatusSeeOther)
	resp, body := e.applyCard(t, path, cards[0])
	wantStatus(t, resp, http.StatusConflict)
	recompute := parseHTML(t, body).Find(`#conflict form[action$="/recompute"]`).AttrOr("action", "")
	if recompute == "" {
		t.Fatal("no recompute form")
	}
	resp, _ = e.postValues(t, recompute, url.Values{})
	wantStatus(t, resp, http.StatusSeeOther)
	again := cardsOf(t, e.chatPanel(t, path))
	if len(again) != 1 || again[0].delta >= 0 {
		t.Fatalf("recomputed card %+v: it must still make the estimate cheaper", again)
	}
	resp, _ = e.applyCard(t, path, again[0])
	wantStatus(t, resp, http.StatusSeeOther)

	// Applied: applying it again or recomputing it would count the change twice.
	resp, body = e.applyCard(t, path, again[0])
	wantStatus(t, resp, http.StatusConflict)
	if parseHTML(t, body).Find(`form[action$="/recompute"]`).Length() != 0 {
		t.Error("an applied card is offered for recomputing")
	}
	resp, _ = e.postValues(t, path+"/proposals/"+again[0].id+"/recompute", url.Values{})
	wantStatus(t, resp, http.StatusConflict)
}
