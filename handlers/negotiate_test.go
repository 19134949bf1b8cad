package handlers

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"estimator/estimate"
	"estimator/i18n"
	"estimator/store"
	"estimator/views"
)

// TestNegotiateTaskPage: once estimated, the task page shows revision 1, a row per line with its
// identity, totals that add up (tax once on the subtotal, rounded down), and the five quick
// actions as real forms carrying their action and the revision they act on.
func TestNegotiateTaskPage(t *testing.T) {
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			n := e.negotiationTask(t, lang)
			_, taxBP := termsOf(lang)
			rev, lines := n.latest(t)
			resp, _, doc := n.page(t, "")
			wantStatus(t, resp, http.StatusOK)
			if got := doc.Find("main").AttrOr("data-revision", ""); got != "1" || rev.Number != 1 {
				t.Fatalf("main data-revision %q, stored revision %d; want 1", got, rev.Number)
			}
			rows := rowsMatch(t, doc, lines)
			keys := map[string]bool{}
			for _, r := range rows {
				if r.key == "" || keys[r.key] {
					t.Errorf("row key %q empty or repeated", r.key)
				}
				keys[r.key] = true
			}
			got, want := pageTotals(t, doc, taxBP), totalsOf(t, rev, lines)
			if got.SubtotalMinor != want.SubtotalMinor || got.TaxMinor != want.TaxMinor || got.TotalMinor != want.TotalMinor {
				t.Errorf("page totals %+v, stored revision's %+v", got, want)
			}
			if doc.Find("#contingency, #discount, #lines-total").Length() != 0 {
				t.Error("contingency, discount or lines total shown without either")
			}
			forms := doc.Find(`form[data-form="adjust"]`)
			var actions []string
			forms.Each(func(_ int, f *goquery.Selection) {
				if f.AttrOr("method", "") != "post" || f.AttrOr("action", "") != n.path+"/adjust" {
					t.Errorf("adjust form %s: method %q action %q", f.AttrOr("id", ""), f.AttrOr("method", ""), f.AttrOr("action", ""))
				}
				if got := f.Find(`input[type="hidden"][name="base"]`).AttrOr("value", ""); got != "1" {
					t.Errorf("adjust form %s: base %q, want 1", f.AttrOr("id", ""), got)
				}
				actions = append(actions, f.Find(`input[type="hidden"][name="action"]`).AttrOr("value", ""))
			})
			if !slices.Equal(actions, adjustActions) {
				t.Errorf("adjust forms %v, want %v", actions, adjustActions)
			}
		})
	}
}

// adjusted is a quick adjustment that worked: the lines before and after it as stored, the new
// revision, both totals and the task page after it.
type adjusted struct {
	currency      string
	taxBP         int64
	before, after []store.RevisionLine
	rev           store.Revision
	was, now      estimate.Totals
	page          *goquery.Document
}

// adjustCheck is one expectation about an adjustment that worked.
type adjustCheck func(t *testing.T, a adjusted)

// within: the compared total (subtotal, or total with tax) is at most the cap, and the revision
// note, stored and shown, names the cap.
func within(capMinor int64, taxIncluded bool) adjustCheck {
	return func(t *testing.T, a adjusted) {
		got := a.now.SubtotalMinor
		if taxIncluded {
			got = a.now.TotalMinor
		}
		if got > capMinor || got <= 0 {
			t.Errorf("compared total %d (tax included %v) not within the cap %d", got, taxIncluded, capMinor)
		}
		noteHas(i18n.Money(capMinor, a.currency))(t, a)
	}
}

// closest: one minor unit more of subtotal would be over the cap.
func closest(capMinor int64, taxIncluded bool) adjustCheck {
	return func(t *testing.T, a adjusted) {
		next := a.now.SubtotalMinor + 1
		if taxIncluded {
			next += next * a.taxBP / 10000
		}
		if next <= capMinor {
			t.Errorf("subtotal %d is not the largest within the cap %d", a.now.SubtotalMinor, capMinor)
		}
	}
}

// noteHas: the new revision's note, stored and shown in the revision bar, contains parts.
func noteHas(parts ...string) adjustCheck {
	return func(t *testing.T, a adjusted) {
		shown := a.page.Find("#revision-bar .revision-note").Text()
		for _, p := range parts {
			if !strings.Contains(a.rev.Note, p) || !strings.Contains(shown, p) {
				t.Errorf("note %q (shown %q) does not mention %q", a.rev.Note, shown, p)
			}
		}
	}
}

// ceilDiv is x / y rounded up, for y > 0.
func ceilDiv(x, y int64) int64 {
	if x <= 0 {
		return x / y
	}
	return (x + y - 1) / y
}

// scaledAlike: every phase of every line is round_half_up(old × f / 10⁶) for one factor f below
// one, so every line keeps its phase proportions; the note shows f.
func scaledAlike(t *testing.T, a adjusted) {
	lo, hi := int64(1), int64(999_999)
	for i, l := range a.after {
		old := a.before[i]
		for p, v := range l.Phases {
			o := old.Phases[p]
			if o == 0 {
				if v != 0 {
					t.Errorf("line %d phase %d: 0 became %d", i+1, p, v)
				}
				continue
			}
			lo, hi = max(lo, ceilDiv(v*1_000_000-500_000, o)), min(hi, ceilDiv(v*1_000_000+500_000, o)-1)
		}
	}
	if lo > hi {
		t.Fatalf("no common factor scales every phase: before %v, after %v", phaseTable(a.before), phaseTable(a.after))
	}
	if a.now.Days >= a.was.Days {
		t.Errorf("days %d, before %d: nothing was scaled down", a.now.Days, a.was.Days)
	}
	if !strings.Contains(a.rev.Note, estimate.FactorString(lo)) && !strings.Contains(a.rev.Note, estimate.FactorString(hi)) {
		t.Errorf("note %q does not show the factor %s", a.rev.Note, estimate.FactorString(lo))
	}
}

func phaseTable(lines []store.RevisionLine) [][estimate.PhaseCount]int64 {
	out := make([][estimate.PhaseCount]int64, len(lines))
	for i, l := range lines {
		out[i] = l.Phases
	}
	return out
}

// trimmed: no phase grew, and documentation (trimmed first) kept no larger a share of itself than
// the other phases did; with docsOnly nothing but documentation changed, by at most half.
func trimmed(docsOnly bool) adjustCheck {
	return func(t *testing.T, a adjusted) {
		var docBefore, docAfter, restBefore, restAfter int64
		for i, l := range a.after {
			for p, v := range l.Phases {
				o := a.before[i].Phases[p]
				switch {
				case v > o:
					t.Errorf("line %d phase %d grew from %d to %d", i+1, p, o, v)
				case estimate.Phase(p) == estimate.Documentation:
					docBefore, docAfter = docBefore+o, docAfter+v
				case docsOnly && v != o:
					t.Errorf("line %d phase %d changed from %d to %d; only documentation should be trimmed", i+1, p, o, v)
				default:
					restBefore, restAfter = restBefore+o, restAfter+v
				}
			}
		}
		if docAfter >= docBefore || docAfter*restBefore > restAfter*docBefore {
			t.Errorf("documentation %d→%d, other phases %d→%d: documentation was not trimmed first", docBefore, docAfter, restBefore, restAfter)
		}
		if docsOnly && 2*docAfter < docBefore-int64(len(a.after)) {
			t.Errorf("documentation %d→%d: more than half trimmed", docBefore, docAfter)
		}
	}
}

// linesKept: every line keeps its identity, phases and unit cost.
func linesKept(t *testing.T, a adjusted) {
	for i, l := range a.after {
		if old := a.before[i]; l.Phases != old.Phases || l.UnitCostMinor != old.UnitCostMinor || l.LineKey != old.LineKey {
			t.Errorf("line %d changed: %+v, was %+v", i+1, l, old)
		}
	}
}

// discounted: the days are untouched and the discount shows once, negative.
func discounted(t *testing.T, a adjusted) {
	linesKept(t, a)
	d := a.page.Find("#discount")
	if d.Length() != 1 || a.rev.DiscountMinor <= 0 || minor(t, d) != -a.rev.DiscountMinor {
		t.Errorf("#discount shown %d times, discount %d", d.Length(), a.rev.DiscountMinor)
	}
}

// discountIs: the discount is want(totals before).
func discountIs(want func(was estimate.Totals) int64) adjustCheck {
	return func(t *testing.T, a adjusted) {
		discounted(t, a)
		if w := want(a.was); a.rev.DiscountMinor != w || a.now.SubtotalMinor != a.was.SubtotalMinor-w {
			t.Errorf("discount %d, subtotal %d; want %d off %d", a.rev.DiscountMinor, a.now.SubtotalMinor, w, a.was.SubtotalMinor)
		}
	}
}

func fixedDiscount(minor int64) adjustCheck {
	return discountIs(func(estimate.Totals) int64 { return minor })
}

func percentDiscount(bp int64) adjustCheck {
	return discountIs(func(was estimate.Totals) int64 { return halfUp(was.SubtotalMinor*bp, 10000) })
}

// unitCostSet: the picked lines (every line when none is given) cost minor per day, the others
// what they did; no line's days change, and a row shows its own rate when it differs from the
// task's.
func unitCostSet(minor int64, picked ...int) adjustCheck {
	return func(t *testing.T, a adjusted) {
		rows := pageRows(t, a.page)
		for i, l := range a.after {
			old := a.before[i]
			want := old.UnitCostMinor
			if len(picked) == 0 || slices.Contains(picked, i+1) {
				want = minor
			}
			if l.UnitCostMinor != want || l.Phases != old.Phases {
				t.Errorf("line %d: unit cost %d, phases %v; want %d and %v", i+1, l.UnitCostMinor, l.Phases, want, old.Phases)
			}
			if badge := rows[i].rowSelection.Find(".badge-rate").Length() == 1; badge != (want != old.UnitCostMinor) {
				t.Errorf("line %d: own-rate badge %v", i+1, badge)
			}
		}
		noteHas(i18n.Money(minor, a.currency))(t, a)
	}
}

// contingencySet: a contingency row appears once, lines × bp rounded half up, added to the
// subtotal.
func contingencySet(bp int64) adjustCheck {
	return func(t *testing.T, a adjusted) {
		linesKept(t, a)
		want := halfUp(a.now.LinesMinor*bp, 10000)
		c := a.page.Find("#contingency")
		if a.rev.ContingencyBP != bp || c.Length() != 1 || minor(t, c) != want || a.now.SubtotalMinor != a.now.LinesMinor+want {
			t.Errorf("contingency %d bp shown %d times; subtotal %d; want %d bp = %d on %d", a.rev.ContingencyBP, c.Length(),
				a.now.SubtotalMinor, bp, want, a.now.LinesMinor)
		}
		noteHas(i18n.Percent(bp))(t, a)
	}
}

// removed: the lines at the given positions are gone, the others kept as they were, in order, and
// the note names what went.
func removed(positions ...int) adjustCheck {
	return func(t *testing.T, a adjusted) {
		var kept []store.RevisionLine
		var names []string
		for i, l := range a.before {
			if slices.Contains(positions, i+1) {
				names = append(names, l.Name)
				continue
			}
			l.Position = len(kept) + 1
			kept = append(kept, l)
		}
		if !slices.EqualFunc(kept, a.after, sameLine) {
			t.Errorf("after removing %v: %v, want %v", positions, lineKeys(a.after), lineKeys(kept))
		}
		noteHas(names...)(t, a)
	}
}

// sameLine compares two stored lines field by field.
func sameLine(x, y store.RevisionLine) bool {
	return x.Position == y.Position && x.LineKey == y.LineKey && x.Name == y.Name && x.Description == y.Description &&
		x.Phases == y.Phases && x.Optimistic == y.Optimistic && x.Pessimistic == y.Pessimistic &&
		x.UnitCostMinor == y.UnitCostMinor && x.Confidence == y.Confidence && x.Reasoning == y.Reasoning &&
		slices.Equal(x.Assumptions, y.Assumptions) && slices.Equal(x.Risks, y.Risks) && x.Source == y.Source && x.Model == y.Model
}

func lineKeys(lines []store.RevisionLine) []string {
	keys := make([]string, len(lines))
	for i, l := range lines {
		keys[i] = l.LineKey
	}
	return keys
}

// TestAdjust applies each quick action, as a plain form and by htmx, to a freshly estimated JPY
// (ja, 10 % tax) or USD (en, no tax) task, with amounts written the way people type them. Every
// case stores exactly revision 2 (a quick action based on 1) whose page shows it with rows and
// totals that add up, and then what the case expects of it.
func TestAdjust(t *testing.T) {
	budget := func(amount, tax, method string) []string {
		return []string{"action", "budget", "amount", amount, "tax", tax, "method", method}
	}
	cases := []struct {
		name   string
		lang   string
		fields []string
		checks []adjustCheck
	}{
		{"budget/scale/excluded", "ja", budget("3,000,000", "excluded", "scale"), []adjustCheck{within(3_000_000, false), scaledAlike}},
		{"budget/scale/included/man", "ja", budget("300万円", "included", "scale"), []adjustCheck{within(3_000_000, true), scaledAlike}},
		{"budget/priority/excluded/M", "ja", budget("¥3.5M", "excluded", "priority"), []adjustCheck{within(3_500_000, false), trimmed(false)}},
		{"budget/priority/docs-only", "ja", budget("760万", "excluded", "priority"), []adjustCheck{within(7_600_000, false), trimmed(true)}},
		{"budget/priority/included/full-width", "ja", budget("３００万円", "included", "priority"), []adjustCheck{within(3_000_000, true), trimmed(false)}},
		{"budget/discount/excluded", "ja", budget("3,000,000", "excluded", "discount"), []adjustCheck{within(3_000_000, false), closest(3_000_000, false), discounted}},
		{"budget/discount/included/k", "ja", budget("12k", "included", "discount"), []adjustCheck{within(12_000, true), closest(12_000, true), discounted}},
		{"budget/scale/usd", "en", budget("$12,000", "excluded", "scale"), []adjustCheck{within(1_200_000, false), scaledAlike}},
		{"budget/priority/usd/k", "en", budget("12k", "included", "priority"), []adjustCheck{within(1_200_000, true), trimmed(false)}},
		{"budget/discount/usd/cents", "en", budget("$20,000.50", "included", "discount"), []adjustCheck{within(2_000_050, true), closest(2_000_050, true), discounted}},

		{"unit_cost/all", "ja", []string{"action", "unit_cost", "amount", "30,000"}, []adjustCheck{unitCostSet(30_000)}},
		{"unit_cost/lines", "ja", []string{"action", "unit_cost", "amount", "５万円", "line", "1", "line", "3"}, []adjustCheck{unitCostSet(50_000, 1, 3), noteHas("要件定義書、詳細設計書")}},
		{"unit_cost/usd", "en", []string{"action", "unit_cost", "amount", "$450"}, []adjustCheck{unitCostSet(45_000)}},

		{"contingency/10", "ja", []string{"action", "contingency", "percent", "10"}, []adjustCheck{contingencySet(1000)}},
		{"contingency/half-up", "ja", []string{"action", "contingency", "percent", "12.34"}, []adjustCheck{contingencySet(1234)}},
		{"contingency/usd/full-width", "en", []string{"action", "contingency", "percent", "７．５％"}, []adjustCheck{contingencySet(750)}},

		{"discount/amount", "ja", []string{"action", "discount", "amount", "100,000"}, []adjustCheck{fixedDiscount(100_000)}},
		{"discount/percent", "ja", []string{"action", "discount", "percent", "5"}, []adjustCheck{percentDiscount(500)}},
		{"discount/percent/rounded", "ja", []string{"action", "discount", "percent", "0.01"}, []adjustCheck{percentDiscount(1)}},
		{"discount/usd/amount", "en", []string{"action", "discount", "amount", "$1,000.25"}, []adjustCheck{fixedDiscount(100_025)}},
		{"discount/usd/percent", "en", []string{"action", "discount", "percent", "12.5%"}, []adjustCheck{percentDiscount(1250)}},

		{"remove/line", "ja", []string{"action", "remove", "line", "2"}, []adjustCheck{removed(2)}},
		{"remove/keyword", "ja", []string{"action", "remove", "keyword", "マニュアル"}, []adjustCheck{removed(8, 9), noteHas("運用マニュアル、ユーザーマニュアル")}},
		{"remove/keyword-and-line", "ja", []string{"action", "remove", "keyword", "テスト", "line", "1"}, []adjustCheck{removed(1, 5, 6, 7)}},
		{"remove/usd/keyword-case", "en", []string{"action", "remove", "keyword", "MANUAL"}, []adjustCheck{removed(4, 5)}},
	}
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	for _, tc := range cases {
		for _, m := range postModes {
			t.Run(tc.name+"/"+m.name, func(t *testing.T) {
				n := e.negotiationTask(t, tc.lang)
				currency, taxBP := termsOf(tc.lang)
				rev1, before := n.latest(t)
				resp, body := n.form(t, "/adjust", withBase(1, tc.fields...), m.headers...)
				if resp.StatusCode == http.StatusUnprocessableEntity {
					t.Fatalf("refused with 422: %s", parseHTML(t, body).Find(".field-error, .notice-error").Text())
				}
				n.wantChanged(t, resp, m.headers != nil, 1)
				rev, after := n.latest(t)
				if rev.Reason != store.RevisionQuickAction || rev.BaseNumber != 1 || rev.Note == "" {
					t.Errorf("revision 2: reason %q, base %d, note %q", rev.Reason, rev.BaseNumber, rev.Note)
				}
				_, _, page := n.page(t, "")
				if got := page.Find("main").AttrOr("data-revision", ""); got != "2" {
					t.Fatalf("task page shows revision %q after the change", got)
				}
				a := adjusted{currency: currency, taxBP: taxBP, before: before, after: after, rev: rev,
					was: totalsOf(t, rev1, before), now: totalsOf(t, rev, after), page: page}
				rowsMatch(t, page, after)
				if shown := pageTotals(t, page, taxBP); shown.SubtotalMinor != a.now.SubtotalMinor || shown.TotalMinor != a.now.TotalMinor {
					t.Errorf("page totals %+v, stored %+v", shown, a.now)
				}
				for _, check := range tc.checks {
					check(t, a)
				}
			})
		}
	}
}

// TestAdjustRefused: what cannot be applied comes back with 422 and the explanation next to the
// field, with everything typed kept (in the form it was typed in, and nowhere else); nothing is
// stored. Plain forms get the whole task page, htmx the panel alone.
func TestAdjustRefused(t *testing.T) {
	type args func(was estimate.Totals) []any
	current := func(total bool) args {
		return func(was estimate.Totals) []any {
			if total {
				return []any{"current", i18n.Money(was.TotalMinor, "JPY")}
			}
			return []any{"current", i18n.Money(was.SubtotalMinor, "JPY")}
		}
	}
	fixed := func(a ...any) args { return func(estimate.Totals) []any { return a } }
	cases := []struct {
		name   string
		lang   string
		fields []string
		at     string // where the explanation is: an input's id (its error is #id-error) or a selector
		key    string // the explanation's catalog key; "" accepts any explanation
		args   args
	}{
		{"budget/not-below", "ja", []string{"action", "budget", "amount", "8,000,000", "tax", "excluded", "method", "scale"}, "budget-amount", "adjust.error_cap_not_below", current(false)},
		{"budget/not-below/included", "ja", []string{"action", "budget", "amount", "900万円", "tax", "included", "method", "discount"}, "budget-amount", "adjust.error_cap_not_below", current(true)},
		{"budget/garbage", "ja", []string{"action", "budget", "amount", "abc", "tax", "excluded", "method", "scale"}, "budget-amount", "adjust.error_amount_syntax", fixed("text", "abc")},
		{"budget/dollars-on-yen", "ja", []string{"action", "budget", "amount", "$12,000", "tax", "excluded", "method", "scale"}, "budget-amount", "adjust.error_amount_currency", fixed("currency", "JPY")},
		{"budget/negative", "ja", []string{"action", "budget", "amount", "-5", "tax", "excluded", "method", "priority"}, "budget-amount", "", nil},
		{"budget/empty", "ja", []string{"action", "budget", "amount", "", "tax", "excluded", "method", "scale"}, "budget-amount", "adjust.error_amount_empty", nil},
		{"budget/zero", "ja", []string{"action", "budget", "amount", "0", "tax", "excluded", "method", "scale"}, "budget-amount", "adjust.error_amount_zero", nil},
		{"budget/fraction", "ja", []string{"action", "budget", "amount", "¥1.5", "tax", "excluded", "method", "scale"}, "budget-amount", "adjust.error_amount_fraction", nil},
		{"budget/too-large", "ja", []string{"action", "budget", "amount", "99999999999999999", "tax", "excluded", "method", "scale"}, "budget-amount", "adjust.error_amount_too_large", nil},
		{"budget/unknown-method", "ja", []string{"action", "budget", "amount", "300万円", "tax", "included", "method", "halve"}, "#budget-method ~ .field-error", "adjust.error_method", nil},
		{"budget/unreachable", "ja", []string{"action", "budget", "amount", "12k", "tax", "excluded", "method", "scale"}, "budget-amount", "adjust.error_cap_unreachable.scale", nil},
		{"budget/yen-on-dollars", "en", []string{"action", "budget", "amount", "¥3,000", "tax", "excluded", "method", "scale"}, "budget-amount", "adjust.error_amount_currency", fixed("currency", "USD")},
		{"budget/usd/fraction", "en", []string{"action", "budget", "amount", "$0.125", "tax", "excluded", "method", "scale"}, "budget-amount", "adjust.error_amount_fraction", nil},
		{"unit_cost/garbage", "ja", []string{"action", "unit_cost", "amount", "abc", "line", "2"}, "unit_cost-amount", "adjust.error_amount_syntax", fixed("text", "abc")},
		{"unit_cost/unknown-line", "ja", []string{"action", "unit_cost", "amount", "30,000", "line", "99"}, "#unit_cost-form .line-picker .field-error", "adjust.error_line", fixed("n", 99)},
		{"contingency/60", "ja", []string{"action", "contingency", "percent", "60"}, "contingency-percent", "adjust.error_contingency", nil},
		{"contingency/negative", "ja", []string{"action", "contingency", "percent", "-1"}, "contingency-percent", "adjust.error_contingency", nil},
		{"contingency/garbage", "ja", []string{"action", "contingency", "percent", "ten"}, "contingency-percent", "adjust.error_contingency", nil},
		{"discount/both", "ja", []string{"action", "discount", "amount", "10,000", "percent", "5"}, "discount-amount", "adjust.error_discount_one", nil},
		{"discount/neither", "ja", []string{"action", "discount", "amount", "", "percent", ""}, "discount-amount", "adjust.error_discount_one", nil},
		{"discount/zero-percent", "ja", []string{"action", "discount", "percent", "0"}, "discount-percent", "adjust.error_percent", nil},
		{"discount/over-100-percent", "ja", []string{"action", "discount", "percent", "150"}, "discount-percent", "adjust.error_percent", nil},
		{"discount/too-large", "ja", []string{"action", "discount", "amount", "99,999,999"}, "discount-amount", "adjust.error_discount_too_large", nil},
		{"remove/no-match", "ja", []string{"action", "remove", "keyword", "存在しない"}, "remove-keyword", "adjust.error_no_match", fixed("keyword", "存在しない")},
		{"remove/nothing", "ja", []string{"action", "remove", "keyword", ""}, "remove-keyword", "adjust.error_remove_none", nil},
		{"remove/every-line", "ja", []string{"action", "remove", "line", "1", "line", "2", "line", "3", "line", "4", "line", "5",
			"line", "6", "line", "7", "line", "8", "line", "9"}, "remove-keyword", "adjust.error_remove_all", nil},
		{"remove/every-line/usd-keyword", "en", []string{"action", "remove", "keyword", "e"}, "remove-keyword", "adjust.error_remove_all", nil},
	}
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	tasks := map[string]*negotiation{"ja": e.negotiationTask(t, "ja"), "en": e.negotiationTask(t, "en")}
	for _, tc := range cases {
		for _, m := range postModes {
			t.Run(tc.name+"/"+m.name, func(t *testing.T) {
				n := tasks[tc.lang]
				rev1, lines1 := n.revision(t, 1)
				was := totalsOf(t, rev1, lines1)
				form := withBase(1, tc.fields...)
				resp, body := n.form(t, "/adjust", form, m.headers...)
				wantStatus(t, resp, http.StatusUnprocessableEntity)
				n.wantUnchanged(t, 1)
				doc := refusedPanel(t, body, m.headers != nil)
				errAt, input := tc.at, ""
				if !strings.ContainsAny(tc.at, "# ") {
					errAt, input = "#"+tc.at+"-error", tc.at
				}
				explained := doc.Find(errAt)
				text := strings.TrimSpace(explained.Text())
				switch {
				case explained.Length() != 1 || text == "":
					t.Fatalf("no explanation at %s", errAt)
				case tc.key != "" && text != n.msg(tc.key, argsOf(tc.args, was)...):
					t.Errorf("explanation %q, want %q", text, n.msg(tc.key, argsOf(tc.args, was)...))
				}
				if input != "" && (doc.Find("#"+input).AttrOr("aria-invalid", "") != "true" ||
					!strings.Contains(doc.Find("#"+input).AttrOr("aria-describedby", ""), input+"-error")) {
					t.Errorf("#%s is not marked invalid and described by its error", input)
				}
				keptAsTyped(t, doc, form)
			})
		}
	}
}

// argsOf resolves a case's message arguments against the totals before.
func argsOf(f func(estimate.Totals) []any, was estimate.Totals) []any {
	if f == nil {
		return nil
	}
	return f(was)
}

// refusedPanel checks a 422 answer to a quick action is the whole task page, still at revision
// 1, for a plain form and the #adjust panel alone for htmx, and returns it.
func refusedPanel(t *testing.T, body string, htmx bool) *goquery.Document {
	t.Helper()
	if htmx {
		return htmxFragment(t, body, "section#adjust")
	}
	doc := parseHTML(t, body)
	if doc.Find("main").AttrOr("data-revision", "") != "1" || doc.Find("section#adjust").Length() != 1 {
		t.Fatalf("422 page is not the task page at revision 1 with its panel")
	}
	return doc
}

// keptAsTyped: the form of the posted action shows every field as typed (text, choices, picked
// lines); the other quick actions' text fields stay empty.
func keptAsTyped(t *testing.T, doc *goquery.Document, form url.Values) {
	t.Helper()
	action := form.Get("action")
	doc.Find(`form[data-form="adjust"]`).Each(func(_ int, f *goquery.Selection) {
		own := f.Find(`input[name="action"]`).AttrOr("value", "") == action
		f.Find(`input[type="text"]`).Each(func(_ int, in *goquery.Selection) {
			name, value := in.AttrOr("name", ""), in.AttrOr("value", "")
			if want := form.Get(name); (own && value != want) || (!own && value != "") {
				t.Errorf("%s form, field %s: %q shown, %q typed in the %s form", f.AttrOr("id", ""), name, value, want, action)
			}
		})
		if !own {
			return
		}
		var picked []string
		f.Find(`input[name="line"][checked]`).Each(func(_ int, c *goquery.Selection) { picked = append(picked, c.AttrOr("value", "")) })
		var posted []string
		for _, l := range form["line"] {
			if f.Find(`input[name="line"][value="`+l+`"]`).Length() == 1 {
				posted = append(posted, l)
			}
		}
		if !slices.Equal(picked, posted) {
			t.Errorf("%s form: lines %v picked, %v posted", action, picked, posted)
		}
		if tax := form.Get("tax"); tax != "" && f.Find(`input[name="tax"][checked]`).AttrOr("value", "") != tax {
			t.Errorf("budget form: the tax choice %q is not kept", tax)
		}
		method := form.Get("method")
		if f.Find(`option[value="`+method+`"]`).Length() == 1 && f.Find(`select[name="method"] option[selected]`).AttrOr("value", "") != method {
			t.Errorf("budget form: the method %q is not kept", method)
		}
	})
}

// TestAdjustBadRequests: a form that cannot come from the page (no base, unknown action, a line
// that is not a number) is a 400 with the error page or fragment; nothing is stored.
func TestAdjustBadRequests(t *testing.T) {
	n := newNegotiation(t, "ja")
	cases := []struct {
		name string
		form url.Values
	}{
		{"unknown-action", withBase(1, "action", "halve", "amount", "1")},
		{"no-action", withBase(1)},
		{"no-base", formValues("action", "contingency", "percent", "10")},
		{"base-not-a-number", formValues("base", "one", "action", "contingency", "percent", "10")},
		{"base-zero", formValues("base", "0", "action", "contingency", "percent", "10")},
		{"line-not-a-number", withBase(1, "action", "remove", "line", "first")},
		{"line-zero", withBase(1, "action", "remove", "line", "0")},
	}
	for _, tc := range cases {
		for _, m := range postModes {
			t.Run(tc.name+"/"+m.name, func(t *testing.T) {
				resp, body := n.form(t, "/adjust", tc.form, m.headers...)
				wantStatus(t, resp, http.StatusBadRequest)
				n.wantUnchanged(t, 1)
				if parseHTML(t, body).Find("[data-error-message]").Length() != 1 {
					t.Errorf("400 without an explanation: %.300q", body)
				}
			})
		}
	}
	resp, _ := n.form(t, "/adjust", withBase(1, "action", "contingency", "percent", "10"), "Content-Type: multipart/form-data; boundary=x")
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("an unreadable body: status %d, want 400", resp.StatusCode)
	}
	for _, path := range []string{"/tasks/00000000-0000-4000-8000-000000000000/adjust", "/tasks/not-a-task/adjust"} {
		resp, _ := n.e.postRaw(t, path, "application/x-www-form-urlencoded", strings.NewReader(withBase(1, "action", "contingency", "percent", "10").Encode()))
		wantStatus(t, resp, http.StatusNotFound)
	}
}

// TestAdjustStaleBase: a change based on a revision that is no longer the latest is refused with
// 409 and what changed in between; nothing is stored. htmx is told to replace the out-of-date
// estimate section.
func TestAdjustStaleBase(t *testing.T) {
	n := newNegotiation(t, "ja")
	_, lines := n.latest(t)
	resp, _ := n.form(t, "/adjust", withBase(1, "action", "remove", "line", "2"))
	n.wantChanged(t, resp, false, 1)
	for _, m := range postModes {
		t.Run(m.name, func(t *testing.T) {
			for _, base := range []int{1, 3} {
				resp, body := n.form(t, "/adjust", withBase(base, "action", "contingency", "percent", "10"), m.headers...)
				wantStatus(t, resp, http.StatusConflict)
				n.wantUnchanged(t, 2)
				var doc *goquery.Document
				if m.headers != nil {
					if resp.Header.Get("HX-Retarget") != "#estimate" {
						t.Errorf("HX-Retarget %q, want #estimate", resp.Header.Get("HX-Retarget"))
					}
					doc = htmxFragment(t, body, "section#estimate > #conflict")
				} else {
					doc = parseHTML(t, body)
					if !strings.Contains(body, "<html") || doc.Find("#conflict").Length() != 1 {
						t.Fatalf("409 is not a page with #conflict: %.300q", body)
					}
				}
				if want := n.msg("conflict.body", "base", base, "current", 2); strings.TrimSpace(doc.Find("#conflict [data-error-message]").Text()) != want {
					t.Errorf("conflict says %q, want %q", doc.Find("#conflict [data-error-message]").Text(), want)
				}
				rows := doc.Find("#conflict tr[data-key]")
				if base == 3 {
					if rows.Length() != 0 {
						t.Errorf("a base that never existed shows %d changed lines", rows.Length())
					}
					continue
				}
				if rows.Length() != len(lines) {
					t.Fatalf("%d lines in the conflict, want %d", rows.Length(), len(lines))
				}
				rows.Each(func(i int, r *goquery.Selection) {
					want := views.CompareSame
					if r.AttrOr("data-key", "") == lines[1].LineKey {
						want = views.CompareRemoved
					}
					if got := r.AttrOr("data-change", ""); got != want {
						t.Errorf("line %s: %s in the conflict, want %s", r.AttrOr("data-key", ""), got, want)
					}
				})
			}
		})
	}
}

// TestRevisionPages: the history lists every revision newest first with its totals and the
// change against its base; one revision is shown read-only with the same hooks as the task page;
// comparing matches lines by identity, so a renamed line is changed, not removed and added.
func TestRevisionPages(t *testing.T) {
	n := newNegotiation(t, "ja")
	_, first := n.latest(t)
	renamed := "要件定義書（改訂版）"
	steps := []struct {
		suffix string
		form   url.Values
	}{
		{"/adjust", withBase(1, "action", "contingency", "percent", "10")},
		{"/lines/1", lineValues(2, renamed, phasesOf(first[0]), "description", first[0].Description)},
		{"/adjust", withBase(3, "action", "remove", "line", "2")},
		{"/lines", lineValues(4, "データ移行", [5]string{"1", "", "3.5", "1", ""})},
	}
	for i, s := range steps {
		m := postModes[i%2]
		resp, _ := n.form(t, s.suffix, s.form, m.headers...)
		n.wantChanged(t, resp, m.headers != nil, i+1)
	}
	revs := make([]store.Revision, 6)
	lines := make([][]store.RevisionLine, 6)
	totals := make([]estimate.Totals, 6)
	for k := 1; k <= 5; k++ {
		revs[k], lines[k] = n.revision(t, k)
		totals[k] = totalsOf(t, revs[k], lines[k])
	}

	t.Run("history", func(t *testing.T) {
		resp, _, doc := n.page(t, "/revisions")
		wantStatus(t, resp, http.StatusOK)
		var order []string
		doc.Find("tr[data-revision]").Each(func(_ int, r *goquery.Selection) {
			order = append(order, r.AttrOr("data-revision", ""))
			k, _ := strconv.Atoi(r.AttrOr("data-revision", ""))
			if got := minor(t, r.Find(`[data-field="total"]`)); got != totals[k].TotalMinor {
				t.Errorf("revision %d: total %d, want %d", k, got, totals[k].TotalMinor)
			}
			if got := minor(t, r.Find(`[data-field="subtotal"]`)); got != totals[k].SubtotalMinor {
				t.Errorf("revision %d: subtotal %d, want %d", k, got, totals[k].SubtotalMinor)
			}
			delta := r.Find(`[data-field="delta"]`)
			switch {
			case k == 1 && delta.Length() != 0:
				t.Error("revision 1 has no base, but shows a change")
			case k > 1 && (delta.Length() != 1 || minor(t, delta) != totals[k].TotalMinor-totals[revs[k].BaseNumber].TotalMinor):
				t.Errorf("revision %d: Δ shown %d times, want %d against %d", k, delta.Length(),
					totals[k].TotalMinor-totals[revs[k].BaseNumber].TotalMinor, revs[k].BaseNumber)
			}
			restore := r.Find(`form[data-form="restore"]`)
			if current := k == 5; current != (restore.Length() == 0) || (!current && restore.Find(`input[name="base"]`).AttrOr("value", "") != "5") {
				t.Errorf("revision %d: %d restore forms", k, restore.Length())
			}
		})
		if strings.Join(order, ",") != "5,4,3,2,1" {
			t.Errorf("revisions listed %v, want newest first", order)
		}
	})

	t.Run("one-read-only", func(t *testing.T) {
		resp, _, doc := n.page(t, "/revisions/1")
		wantStatus(t, resp, http.StatusOK)
		if doc.Find("main").AttrOr("data-revision", "") != "1" {
			t.Errorf("main data-revision %q", doc.Find("main").AttrOr("data-revision", ""))
		}
		if doc.Find(`form[data-form="line"], form[data-form="adjust"], #adjust, a[href*="/edit"]`).Length() != 0 {
			t.Error("a past revision offers edits")
		}
		rowsMatch(t, doc, lines[1])
		if got := pageTotals(t, doc, 1000); got.TotalMinor != totals[1].TotalMinor || got.SubtotalMinor != totals[1].SubtotalMinor {
			t.Errorf("revision 1 totals %+v, want %+v", got, totals[1])
		}
		if restore := doc.Find(`form[data-form="restore"]`); restore.AttrOr("action", "") != n.path+"/revisions/1/restore" ||
			restore.Find(`input[name="base"]`).AttrOr("value", "") != "5" {
			t.Error("revision 1 does not offer to be restored onto revision 5")
		}
		_, _, doc = n.page(t, "/revisions/2")
		if doc.Find("#contingency").Length() != 1 || pageTotals(t, doc, 1000).TotalMinor != totals[2].TotalMinor {
			t.Error("revision 2 does not show its contingency and totals")
		}
		for _, bad := range []string{"/revisions/6", "/revisions/0", "/revisions/-1", "/revisions/one", "/revisions/99999999999999999999"} {
			resp, _, _ := n.page(t, bad)
			wantStatus(t, resp, http.StatusNotFound)
		}
	})

	t.Run("compare", func(t *testing.T) {
		resp, _, doc := n.page(t, "/compare?a=1&b=5")
		wantStatus(t, resp, http.StatusOK)
		before, after := storedByKey(lines[1]), storedByKey(lines[5])
		added := lines[5][len(lines[5])-1].LineKey
		rows := doc.Find("#compare-lines tr[data-key]")
		if rows.Length() != len(lines[1])+1 {
			t.Errorf("%d compared lines, want %d", rows.Length(), len(lines[1])+1)
		}
		rows.Each(func(_ int, r *goquery.Selection) {
			key := r.AttrOr("data-key", "")
			want := views.CompareSame
			switch key {
			case first[0].LineKey:
				want = views.CompareChanged
				if !strings.Contains(r.Text(), n.msg("compare.renamed", "name", first[0].Name)) || !strings.Contains(r.Text(), renamed) {
					t.Errorf("the renamed line does not show its old name: %q", r.Text())
				}
			case first[1].LineKey:
				want = views.CompareRemoved
			case added:
				want = views.CompareAdded
			}
			if got := r.AttrOr("data-change", ""); got != want {
				t.Errorf("line %s: %s, want %s", key, got, want)
			}
			amount := func(l store.RevisionLine, ok bool) int64 {
				if !ok {
					return 0
				}
				return halfUp(storedDays(l)*l.UnitCostMinor, 10)
			}
			b, okB := before[key]
			a, okA := after[key]
			if got, want := minor(t, r.Find(`[data-field="delta_amount"]`)), amount(a, okA)-amount(b, okB); got != want {
				t.Errorf("line %s: Δ amount %d, want %d", key, got, want)
			}
		})
		for id, want := range map[string][2]int64{
			"total":    {totals[1].TotalMinor, totals[5].TotalMinor},
			"subtotal": {totals[1].SubtotalMinor, totals[5].SubtotalMinor},
			"tax":      {totals[1].TaxMinor, totals[5].TaxMinor},
		} {
			row := doc.Find("#compare-" + id)
			a, b, d := row.Find(`[data-side="a"]`), row.Find(`[data-side="b"]`), row.Find(`[data-side="delta"]`)
			if a.Length() != 1 || b.Length() != 1 || d.Length() != 1 ||
				minor(t, a) != want[0] || minor(t, b) != want[1] || minor(t, d) != want[1]-want[0] {
				t.Errorf("#compare-%s: %q, want %d → %d", id, row.Text(), want[0], want[1])
			}
		}

		// The rename alone: the same line, changed, with its old name; nothing removed or added.
		_, _, doc = n.page(t, "/compare?a=2&b=3")
		row := doc.Find(`#compare-lines tr[data-key="` + first[0].LineKey + `"]`)
		if row.AttrOr("data-change", "") != views.CompareChanged || doc.Find(`tr[data-change="removed"], tr[data-change="added"]`).Length() != 0 ||
			minor(t, row.Find(`[data-field="delta_amount"]`)) != 0 {
			t.Errorf("a rename compares as %q with %d removed or added lines", row.AttrOr("data-change", ""),
				doc.Find(`tr[data-change="removed"], tr[data-change="added"]`).Length())
		}

		// Without a and b: the previous revision against the current one.
		_, _, doc = n.page(t, "/compare")
		if doc.Find(`#compare-lines tr[data-change="added"]`).Length() != 1 || doc.Find(`#compare-lines tr[data-change="changed"]`).Length() != 0 {
			t.Error("the default comparison is not revision 4 against 5")
		}
		for _, bad := range []string{"/compare?a=1&b=6", "/compare?a=9&b=1"} {
			resp, _, _ := n.page(t, bad)
			wantStatus(t, resp, http.StatusNotFound)
		}
	})
}

// TestRestore: restoring makes a new revision equal to the restored one (lines, terms, totals);
// nothing before it changes.
func TestRestore(t *testing.T) {
	n := newNegotiation(t, "ja")
	for i, f := range [][]string{
		{"action", "budget", "amount", "300万円", "tax", "excluded", "method", "scale"},
		{"action", "discount", "amount", "50,000"},
		{"action", "remove", "keyword", "マニュアル"},
	} {
		resp, _ := n.form(t, "/adjust", withBase(i+1, f...))
		n.wantChanged(t, resp, false, i+1)
	}
	type snapshot struct {
		rev   store.Revision
		lines []store.RevisionLine
	}
	snap := func(k int) snapshot {
		rev, lines := n.revision(t, k)
		return snapshot{rev, lines}
	}
	was := []snapshot{{}, snap(1), snap(2), snap(3), snap(4)}
	for i, m := range postModes {
		restored, cur := 1+2*i, 4+i // plain restores 1 onto 4, htmx 3 onto 5
		resp, _ := n.form(t, "/revisions/"+strconv.Itoa(restored)+"/restore", withBase(cur), m.headers...)
		n.wantChanged(t, resp, m.headers != nil, cur)
		got := snap(cur + 1)
		src := was[restored]
		if !slices.EqualFunc(got.lines, src.lines, sameLine) || got.rev.ContingencyBP != src.rev.ContingencyBP ||
			got.rev.DiscountMinor != src.rev.DiscountMinor || totalsOf(t, got.rev, got.lines) != totalsOf(t, src.rev, src.lines) {
			t.Errorf("%s: revision %d is not revision %d again", m.name, cur+1, restored)
		}
		if got.rev.Reason != store.RevisionRestore || got.rev.BaseNumber != restored || got.rev.Note != n.e.h.i18n.T("ja", "notes.restore", "n", restored) {
			t.Errorf("%s: restore stored as %q based on %d, note %q", m.name, got.rev.Reason, got.rev.BaseNumber, got.rev.Note)
		}
	}
	for k := 1; k <= 4; k++ {
		if now := snap(k); now.rev != was[k].rev || !slices.EqualFunc(now.lines, was[k].lines, sameLine) {
			t.Errorf("revision %d changed when another was restored", k)
		}
	}
	_, _, doc := n.page(t, "")
	if doc.Find("main").AttrOr("data-revision", "") != "6" || pageTotals(t, doc, 1000).TotalMinor != totalsOf(t, was[3].rev, was[3].lines).TotalMinor {
		t.Error("the task page does not show the restored revision 6")
	}
	for _, tc := range []struct {
		suffix string
		form   url.Values
		status int
	}{
		{"/revisions/1/restore", withBase(5), http.StatusConflict},
		{"/revisions/9/restore", withBase(6), http.StatusNotFound},
		{"/revisions/0/restore", withBase(6), http.StatusNotFound},
		{"/revisions/1/restore", formValues(), http.StatusBadRequest},
	} {
		resp, _ := n.form(t, tc.suffix, tc.form)
		if resp.StatusCode != tc.status {
			t.Errorf("POST %s %v: status %d, want %d", tc.suffix, tc.form, resp.StatusCode, tc.status)
		}
	}
	n.wantUnchanged(t, 6)
}

// TestRevisionOneNeverChanges: after twenty changes of every kind, revision 1 is exactly what it
// was in the store, and its page shows exactly the same revision.
func TestRevisionOneNeverChanges(t *testing.T) {
	n := newNegotiation(t, "ja")
	rev1, lines1 := n.revision(t, 1)
	_, page1 := n.e.get(t, n.path+"/revisions/1")
	if _, again := n.e.get(t, n.path+"/revisions/1"); again != page1 {
		t.Fatal("two reads of revision 1 in a row differ: the page has content that changes by itself")
	}
	// Each step is a path below the task and its fields; the base is added.
	adjust := func(f ...string) []string { return append([]string{"/adjust", "action"}, f...) }
	line := func(suffix, name string, phases ...string) []string {
		f := []string{suffix, "name", name}
		for p, s := range phases {
			f = append(f, estimate.Phase(p).Key(), s)
		}
		return f
	}
	steps := [][]string{
		adjust("contingency", "percent", "5"),
		adjust("discount", "amount", "10,000"),
		adjust("unit_cost", "amount", "45,000", "line", "1"),
		line("/lines/2", "基本設計書（画面）", "1", "2", "3", "4", "5"),
		adjust("budget", "amount", "300万", "tax", "excluded", "method", "scale"),
		{"/revisions/1/restore"},
		adjust("remove", "keyword", "マニュアル"),
		line("/lines", "移行作業", "", "1", "2", "", "0.5"),
		{"/lines/1/delete"},
		line("/lines/1", "基本設計", "2", "8", "", "1", "1"),
		adjust("contingency", "percent", "0"),
		adjust("discount", "percent", "3"),
		adjust("budget", "amount", "250万", "tax", "included", "method", "discount"),
		{"/revisions/3/restore"},
		adjust("unit_cost", "amount", "42,000"),
		adjust("budget", "amount", "200万", "tax", "excluded", "method", "priority"),
		line("/lines/1", "要件定義", "10", "2", "", "1", "1"),
		adjust("remove", "line", "2"),
		line("/lines", "保守", "", "", "", "", "3"),
		{"/revisions/2/restore"},
	}
	for i, s := range steps {
		m := postModes[i%2]
		resp, body := n.form(t, s[0], withBase(i+1, s[1:]...), m.headers...)
		if resp.StatusCode == http.StatusUnprocessableEntity {
			t.Fatalf("step %d %v refused: %s", i+1, s, parseHTML(t, body).Find(".field-error, .notice-error").Text())
		}
		n.wantChanged(t, resp, m.headers != nil, i+1)
	}

	rev, lines := n.revision(t, 1)
	if rev != rev1 || !slices.EqualFunc(lines, lines1, sameLine) {
		t.Errorf("revision 1 changed in the store:\n%+v\n%+v\nwas\n%+v\n%+v", rev, lines, rev1, lines1)
	}
	_, page := n.e.get(t, n.path+"/revisions/1")
	if page == page1 {
		return
	}
	t.Logf("the page of revision 1 differs after the changes:\n%s", textDiff(page1, page))
	// The page links to the current revision (compare, restore onto it) and counts the history,
	// which grew; what it shows of revision 1 itself must not have changed.
	before, after := parseHTML(t, page1), parseHTML(t, page)
	for _, sel := range []string{"main > .container > h1", "#result", ".line-details", ".revision-bar > p:first-child", ".revision-note"} {
		x, _ := goquery.OuterHtml(before.Find(sel))
		y, _ := goquery.OuterHtml(after.Find(sel))
		if x != y || (x == "" && sel != ".revision-note") {
			t.Errorf("revision 1's %s changed:\n%s\nwas\n%s", sel, y, x)
		}
	}
	if after.Find(`form[data-form="restore"] input[name="base"]`).AttrOr("value", "") != "21" {
		t.Error("revision 1 does not offer to be restored onto the current revision 21")
	}
}

// TestConcurrentAdjustOneWins: requests posting the same change on the same base at the same time
// make exactly one new revision; every other one gets 409.
func TestConcurrentAdjustOneWins(t *testing.T) {
	n := newNegotiation(t, "ja")
	for round, racers := range []int{2, 2, 2, 8} {
		base := n.current(t)
		codes := raceForm(t, n, "/adjust", withBase(base, "action", "contingency", "percent", strconv.Itoa(round+1)), racers)
		if codes[http.StatusSeeOther] != 1 || codes[http.StatusConflict] != racers-1 {
			t.Errorf("round %d, %d racers: statuses %v, want one 303 and %d 409", round+1, racers, codes, racers-1)
		}
		n.wantUnchanged(t, base+1)
	}
}
