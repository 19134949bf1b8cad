package handlers

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"estimator/estimate"
)

// TestPlausibilityChecksShown: an estimate whose lines leave out testing gets the finding on its
// page, in the task's language, under a heading in the reader's; the figures stay as they were.
func TestPlausibilityChecksShown(t *testing.T) {
	n := newNegotiation(t, "ja", "基本設計書", "", "プログラム開発", "", "結合テスト", "")
	for pos := 1; pos <= 3; pos++ {
		_, lines := n.latest(t)
		l := lines[pos-1]
		phases := [estimate.PhaseCount]string{"2", "10", "20", "0", "0"}
		resp, _ := n.form(t, "/lines/"+strconv.Itoa(pos), lineValues(n.current(t), l.Name, phases, "description", l.Description, "unit_cost", "", "note", ""))
		wantStatus(t, resp, http.StatusSeeOther)
	}
	_, _, doc := n.page(t, "?lang=en")
	check := doc.Find(`#checks li[data-check="testing_missing"]`)
	if check.Length() != 1 || !strings.Contains(check.Text(), "結合テスト・総合テストの工数がありません") {
		t.Errorf("testing_missing finding %q", check.Text())
	}
	if got := doc.Find("#checks-title").Text(); got != "Plausibility check" {
		t.Errorf("heading %q", got)
	}
	rev, lines := n.latest(t)
	if got := totalsOf(t, rev, lines).Days; got != 3*320 {
		t.Errorf("days %d: a check must not change figures", got)
	}

	// A revision in the usual proportions has nothing to remark.
	for pos := 1; pos <= 3; pos++ {
		_, lines := n.latest(t)
		l := lines[pos-1]
		phases := [estimate.PhaseCount]string{"3", "10", "9", "9", "1"}
		resp, _ := n.form(t, "/lines/"+strconv.Itoa(pos), lineValues(n.current(t), l.Name, phases, "description", l.Description, "unit_cost", "", "note", ""))
		wantStatus(t, resp, http.StatusSeeOther)
	}
	if _, _, doc := n.page(t, ""); doc.Find("#checks").Length() != 0 {
		t.Errorf("findings for usual proportions: %q", doc.Find("#checks").Text())
	}
}

// TestPlausibilityMessages: every finding the check can make has its sentence in both languages.
func TestPlausibilityMessages(t *testing.T) {
	e := newTestEnv(t, nil)
	var codes []string
	for p := range estimate.PhaseCount {
		codes = append(codes, estimate.Phase(p).Key()+"_share_low", estimate.Phase(p).Key()+"_share_high")
	}
	codes = append(codes, "testing_missing", "test_build_ratio_low", "test_build_ratio_high")
	for _, code := range codes {
		if code == "documentation_share_low" {
			continue // documentation is only ever too high
		}
		for _, lang := range []string{"ja", "en"} {
			key := "estimate.check." + code
			if got := e.h.i18n.T(lang, key); got == "" || strings.Contains(got, key) {
				t.Errorf("%s: no %s message: %q", lang, key, got)
			}
		}
	}
}

// TestLineOutlierShown: a line typed far above the usual size of its kind in this system is
// remarked on by name, with the usual size the offline model gives it.
func TestLineOutlierShown(t *testing.T) {
	n := newNegotiation(t, "ja")
	_, lines := n.latest(t)
	l := lines[3] // プログラム開発
	phases := [estimate.PhaseCount]string{"0", "0", "400", "0", "0"}
	resp, _ := n.form(t, "/lines/4", lineValues(n.current(t), l.Name, phases, "description", l.Description, "unit_cost", "", "note", ""))
	wantStatus(t, resp, http.StatusSeeOther)
	_, _, doc := n.page(t, "")
	check := doc.Find(`#checks li[data-check="line_far_above"]`)
	if check.Length() != 1 || !strings.Contains(check.Text(), "「プログラム開発」は400.0人日") {
		t.Errorf("line_far_above finding %q", check.Text())
	}
}

// TestTotalRangeShown: the result page shows the total's range by PERT, around the lines' total,
// with its confidence.
func TestTotalRangeShown(t *testing.T) {
	n := newNegotiation(t, "en")
	_, _, doc := n.page(t, "?lang=en")
	r := doc.Find("#total-range")
	low, _ := strconv.ParseInt(r.AttrOr("data-low", ""), 10, 64)
	high, _ := strconv.ParseInt(r.AttrOr("data-high", ""), 10, 64)
	rev, lines := n.latest(t)
	tot := totalsOf(t, rev, lines)
	if low <= 0 || low > tot.LinesMinor || high < tot.LinesMinor || low != tot.OptimisticMinor || high != tot.PessimisticMinor {
		t.Errorf("range %d–%d around %d (totals %+v)", low, high, tot.LinesMinor, tot)
	}
	if c := r.AttrOr("data-confidence", ""); c != string(tot.RangeConfidence) || !strings.Contains(doc.Find(".range-row th").Text(), "confidence "+c) {
		t.Errorf("confidence %q, row %q", c, doc.Find(".range-row th").Text())
	}
}
