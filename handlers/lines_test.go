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
)

// lineFormModes are the ways the line form is asked for and posted: as a page, by htmx in place
// of a result row (HX-Target row-n), and by htmx from the form's own page (its section).
var lineFormModes = []struct {
	name    string
	headers func(n string) []string // n is the line's position, "0" when adding
	want    func(n string) string   // what the answer holds: the page's or the fragment's root
}{
	{"page", func(string) []string { return nil }, func(string) string { return "main section#line-form-section" }},
	{"row", func(n string) []string { return []string{"HX-Request: true", "HX-Target: row-" + n} }, func(n string) string { return "tr#row-" + n }},
	{"section", func(string) []string { return []string{"HX-Request: true", "HX-Target: line-form-section"} }, func(string) string { return "section#line-form-section" }},
}

// lineFormIn finds the line form in an answer of the given mode: the whole page for plain
// requests, the fragment alone for htmx.
func lineFormIn(t *testing.T, body, root string) *goquery.Selection {
	t.Helper()
	var doc *goquery.Document
	if strings.HasPrefix(root, "main ") {
		doc = parseHTML(t, body)
		if !strings.Contains(body, "<html") {
			t.Fatalf("not a page: %.300q", body)
		}
	} else {
		doc = htmxFragment(t, body, root)
	}
	form := doc.Find(root + ` form[data-form="line"]`)
	if form.Length() != 1 {
		t.Fatalf("no line form in %s: %.300q", root, body)
	}
	return form
}

// lineFormShows checks the line form shows want: each field's value (description's text).
func lineFormShows(t *testing.T, form *goquery.Selection, want url.Values) {
	t.Helper()
	for name := range want {
		var got string
		switch name {
		case "base":
			got = form.Find(`input[type="hidden"][name="base"]`).AttrOr("value", "")
		case "description":
			got = form.Find(`textarea[name="description"]`).Text()
		default:
			got = form.Find(`input[name="`+name+`"]`).AttrOr("value", "")
		}
		if w := cleanText(want.Get(name)); got != w {
			t.Errorf("line form, %s: %q shown, want %q", name, got, w)
		}
	}
}

// TestLineEditForm: the edit form of a line, as a page, in place of its row for htmx, or as its
// section; it shows the line's figures and posts to the line with the revision it was shown from.
func TestLineEditForm(t *testing.T) {
	n := newNegotiation(t, "ja")
	_, lines := n.latest(t)
	l := lines[1]
	shown := lineValues(1, l.Name, phasesOf(l), "description", l.Description, "unit_cost", "", "note", "")
	for _, m := range lineFormModes {
		t.Run(m.name, func(t *testing.T) {
			resp, body := n.e.get(t, n.path+"/lines/2/edit?base=1", m.headers("2")...)
			wantStatus(t, resp, http.StatusOK)
			form := lineFormIn(t, body, m.want("2"))
			if form.AttrOr("method", "") != "post" || form.AttrOr("action", "") != n.path+"/lines/2" {
				t.Errorf("line form: method %q action %q", form.AttrOr("method", ""), form.AttrOr("action", ""))
			}
			lineFormShows(t, form, shown)
			if m.name != "page" && !slices.Contains(resp.Header.Values("Vary"), "HX-Request") {
				t.Errorf("BUG: GET %s/lines/2/edit answers htmx with a fragment and plain requests with a page, but without "+
					"Vary: HX-Request (ARCHITECTURE §4); Vary is %q", n.path, resp.Header.Values("Vary"))
			}
		})
	}
	t.Run("new", func(t *testing.T) {
		resp, body := n.e.get(t, n.path+"/lines/new?base=1")
		wantStatus(t, resp, http.StatusOK)
		form := lineFormIn(t, body, "main section#line-form-section")
		if form.AttrOr("action", "") != n.path+"/lines" {
			t.Errorf("add form posts to %q", form.AttrOr("action", ""))
		}
		lineFormShows(t, form, lineValues(1, "", [5]string{}, "description", ""))
	})
	t.Run("stale", func(t *testing.T) {
		resp, _ := n.form(t, "/adjust", withBase(1, "action", "contingency", "percent", "5"))
		n.wantChanged(t, resp, false, 1)
		for _, path := range []string{"/lines/2/edit?base=1", "/lines/new?base=1"} {
			resp, body := n.e.get(t, n.path+path)
			wantStatus(t, resp, http.StatusConflict)
			if parseHTML(t, body).Find("#conflict").Length() != 1 {
				t.Errorf("GET %s: 409 without #conflict", path)
			}
			resp, _ = n.e.get(t, n.path+path, "HX-Request: true", "HX-Target: row-2")
			if resp.StatusCode != http.StatusConflict || resp.Header.Get("HX-Retarget") != "#estimate" {
				t.Errorf("htmx GET %s: %d, HX-Retarget %q", path, resp.StatusCode, resp.Header.Get("HX-Retarget"))
			}
		}
		// Without a base the form is of the current revision.
		resp, body := n.e.get(t, n.path+"/lines/2/edit")
		wantStatus(t, resp, http.StatusOK)
		lineFormShows(t, lineFormIn(t, body, "main section#line-form-section"), formValues("base", "2"))
	})
}

// lineEdit is a valid edit of a line and what it makes of it.
type lineEdit struct {
	name      string
	lang      string
	line      int
	form      func(old store.RevisionLine) url.Values // without base
	phases    func(old store.RevisionLine) [estimate.PhaseCount]int64
	unitCost  func(old store.RevisionLine) int64
	manual    bool   // the figures were typed: the line is marked as entered by hand
	note      string // the revision's note; "" for the default naming the line
	wantDesc  string // "" keeps the old description
	wantName  string
	keepModel bool
}

func keepPhases(old store.RevisionLine) [estimate.PhaseCount]int64 { return old.Phases }
func keepCost(old store.RevisionLine) int64                        { return old.UnitCostMinor }

// TestLineUpdate: an edit of a line, posted as a page form or from its row by htmx, is stored as
// a manual edit based on the revision shown, changes that line alone (same identity), and the
// row shows the manual badge when figures were typed.
func TestLineUpdate(t *testing.T) {
	fixed := func(p ...int64) func(store.RevisionLine) [estimate.PhaseCount]int64 {
		return func(store.RevisionLine) [estimate.PhaseCount]int64 { return [estimate.PhaseCount]int64(p) }
	}
	cost := func(minor int64) func(store.RevisionLine) int64 {
		return func(store.RevisionLine) int64 { return minor }
	}
	cases := []lineEdit{
		{name: "phases", lang: "ja", line: 2, manual: true, note: "値下げ交渉のため", wantName: "基本設計書",
			form: func(old store.RevisionLine) url.Values {
				return lineValues(0, "基本設計書", [5]string{"2.5", "１．５", "3", "", "1"}, "description", old.Description, "note", "値下げ交渉のため")
			},
			phases: fixed(25, 15, 30, 0, 10), unitCost: keepCost},
		{name: "rename", lang: "ja", line: 1, wantName: "要件定義書（改訂版）", keepModel: true,
			form: func(old store.RevisionLine) url.Values {
				return lineValues(0, "要件定義書（改訂版）", phasesOf(old), "description", old.Description)
			},
			phases: keepPhases, unitCost: keepCost},
		{name: "unit-cost", lang: "ja", line: 3, wantName: "詳細設計書", keepModel: true,
			form: func(old store.RevisionLine) url.Values {
				return lineValues(0, old.Name, phasesOf(old), "description", old.Description, "unit_cost", "５万円")
			},
			phases: keepPhases, unitCost: cost(50_000)},
		{name: "description", lang: "ja", line: 4, wantName: "プログラム開発", wantDesc: "画面\nAPI\tバッチ", keepModel: true,
			form: func(old store.RevisionLine) url.Values {
				return lineValues(0, "  "+old.Name+"  ", phasesOf(old), "description", "画面\r\nAPI\tバッチ\x00")
			},
			phases: keepPhases, unitCost: keepCost},
		{name: "usd", lang: "en", line: 3, manual: true, wantName: "Web application", note: "Client asked",
			form: func(old store.RevisionLine) url.Values {
				return lineValues(0, old.Name, [5]string{"10", "", "20", "5", ""}, "description", old.Description,
					"unit_cost", "$600.50", "note", "Client asked")
			},
			phases: fixed(100, 0, 200, 50, 0), unitCost: cost(60_050)},
	}
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	for _, tc := range cases {
		for _, m := range lineFormModes[:2] {
			t.Run(tc.name+"/"+m.name, func(t *testing.T) {
				n := e.negotiationTask(t, tc.lang)
				_, before := n.latest(t)
				old := before[tc.line-1]
				form := tc.form(old)
				form.Set("base", "1")
				pos := strconv.Itoa(tc.line)
				resp, body := n.form(t, "/lines/"+pos, form, m.headers(pos)...)
				if resp.StatusCode == http.StatusUnprocessableEntity {
					t.Fatalf("refused: %s", parseHTML(t, body).Find(".field-error, .notice-error").Text())
				}
				n.wantChanged(t, resp, m.name != "page", 1)
				rev, after := n.latest(t)
				note := tc.note
				if note == "" {
					note = n.e.h.i18n.T(tc.lang, "notes.line_edited", "name", tc.wantName)
				}
				if rev.Reason != store.RevisionManualEdit || rev.BaseNumber != 1 || rev.Note != note {
					t.Errorf("revision 2: %q based on %d, note %q; want manual_edit on 1, note %q", rev.Reason, rev.BaseNumber, rev.Note, note)
				}
				got := after[tc.line-1]
				wantDesc := tc.wantDesc
				if wantDesc == "" {
					wantDesc = old.Description
				}
				if got.LineKey != old.LineKey || got.Name != tc.wantName || got.Description != wantDesc ||
					got.Phases != tc.phases(old) || got.UnitCostMinor != tc.unitCost(old) {
					t.Errorf("line %d stored as %+v\nwas %+v", tc.line, got, old)
				}
				if source := got.Source == string(estimate.SourceManual); source != tc.manual || (!tc.manual && got.Source != old.Source) {
					t.Errorf("source %q, was %q; entered by hand: %v", got.Source, old.Source, tc.manual)
				}
				if tc.keepModel && got.Model != old.Model {
					t.Errorf("BUG: editing line %d without touching its figures dropped the model behind them (%q → %q): "+
						"handlers/lines.go lineSave copies Key, Confidence, Reasoning, Assumptions, Risks and Source from the old line, not Model",
						tc.line, old.Model, got.Model)
				}
				if days := storedDays(got); got.Optimistic > days || got.Pessimistic < days {
					t.Errorf("range %d–%d does not hold the %d tenths", got.Optimistic, got.Pessimistic, days)
				}
				for i := range after {
					if i != tc.line-1 && !sameLine(after[i], before[i]) {
						t.Errorf("line %d changed by an edit of line %d", i+1, tc.line)
					}
				}
				_, _, page := n.page(t, "")
				rows := rowsMatch(t, page, after)
				if r := rows[tc.line-1]; r.manualBadge != tc.manual || r.name != tc.wantName {
					t.Errorf("row %d: name %q, manual badge %v", tc.line, r.name, r.manualBadge)
				}
			})
		}
	}
}

// TestLineUpdateInvalid: what cannot be a line comes back with 422, the explanation next to the
// field and everything as typed, in whichever form it was posted from; nothing is stored.
func TestLineUpdateInvalid(t *testing.T) {
	valid := func(more ...string) url.Values {
		v := lineValues(1, "基本設計書", [5]string{"1", "2", "3", "4", "5"}, "description", "画面設計\n帳票設計", "unit_cost", "", "note", "理由")
		for i := 0; i+1 < len(more); i += 2 {
			v.Set(more[i], more[i+1])
		}
		return v
	}
	days := func(n int) []any { return []any{"max", n} }
	cases := []struct {
		name  string
		form  url.Values
		field string // the field the explanation is next to; "phases" for the phases together
		key   string
		args  []any
	}{
		{"empty-name", valid("name", ""), "name", "lines.error_name", nil},
		{"blank-name", valid("name", " \u3000 "), "name", "lines.error_name", nil},
		{"long-name", valid("name", strings.Repeat("名", 201)), "name", "lines.error_too_long", []any{"max", 200}},
		{"letters", valid("design", "abc"), "design", "lines.error_days", days(500)},
		{"600-days", valid("implementation", "600"), "implementation", "lines.error_days", days(500)},
		{"two-decimals", valid("testing", "1.25"), "testing", "lines.error_days", days(500)},
		{"three-decimals", valid("documentation", "1.234"), "documentation", "lines.error_days", days(500)},
		{"negative", valid("requirements", "-1"), "requirements", "lines.error_days", days(500)},
		{"comma", valid("requirements", "1,5"), "requirements", "lines.error_days", days(500)},
		{"all-zero", valid("requirements", "0", "design", "0", "implementation", "0.0", "testing", "０", "documentation", "0"), "phases", "lines.error_no_effort", nil},
		{"all-empty", valid("requirements", "", "design", "", "implementation", "", "testing", "", "documentation", ""), "phases", "lines.error_no_effort", nil},
		{"unit-cost-garbage", valid("unit_cost", "abc"), "unit_cost", "adjust.error_amount_syntax", []any{"text", "abc"}},
		{"unit-cost-dollars", valid("unit_cost", "$500"), "unit_cost", "adjust.error_amount_currency", []any{"currency", "JPY"}},
		{"unit-cost-zero", valid("unit_cost", "0"), "unit_cost", "adjust.error_amount_zero", nil},
		{"long-note", valid("note", strings.Repeat("n", 301)), "note", "lines.error_too_long", []any{"max", 300}},
		{"long-description", valid("description", strings.Repeat("説", 2001)), "description", "lines.error_too_long", []any{"max", 2000}},
	}
	n := newNegotiation(t, "ja")
	for _, tc := range cases {
		for _, m := range lineFormModes {
			t.Run(tc.name+"/"+m.name, func(t *testing.T) {
				resp, body := n.form(t, "/lines/2", tc.form, m.headers("2")...)
				wantStatus(t, resp, http.StatusUnprocessableEntity)
				n.wantUnchanged(t, 1)
				form := lineFormIn(t, body, m.want("2"))
				lineFormShows(t, form, tc.form)
				var explained *goquery.Selection
				if tc.field == "phases" {
					explained = form.Find("fieldset.phase-fields + p.field-error")
				} else {
					input := form.Find("#line-2-" + tc.field)
					explained = input.Parent().Find(".field-error")
					if input.Is("input") && input.AttrOr("aria-invalid", "") != "true" {
						t.Errorf("#line-2-%s is not marked invalid", tc.field)
					}
				}
				want := n.msg(tc.key, tc.args...)
				if got := strings.TrimSpace(explained.Text()); explained.Length() != 1 || got != want {
					t.Errorf("explanation next to %s: %q (found %d), want %q", tc.field, got, explained.Length(), want)
				}
			})
		}
	}
}

// TestLineAdd: a line typed by hand is added last, as a new deliverable with its own identity,
// marked as entered by hand, priced at the task's unit cost unless another is typed.
func TestLineAdd(t *testing.T) {
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	cases := []struct {
		lang     string
		form     url.Values
		phases   [estimate.PhaseCount]int64
		unitCost int64
	}{
		{"ja", lineValues(1, "データ移行", [5]string{"1", "", "3.5", "1", ""}, "description", "旧システムから移行"), [5]int64{10, 0, 35, 10, 0}, 40_000},
		{"en", lineValues(1, "Data migration", [5]string{"", "2", "5", "1", ""}, "unit_cost", "$700", "note", "Asked for in the meeting"), [5]int64{0, 20, 50, 10, 0}, 70_000},
	}
	for _, tc := range cases {
		for _, m := range []struct {
			name    string
			headers []string
		}{{"page", nil}, {"section", lineFormModes[2].headers("0")}} {
			t.Run(tc.lang+"/"+m.name, func(t *testing.T) {
				n := e.negotiationTask(t, tc.lang)
				_, before := n.latest(t)
				resp, _ := n.form(t, "/lines", tc.form, m.headers...)
				n.wantChanged(t, resp, m.headers != nil, 1)
				rev, after := n.latest(t)
				note := tc.form.Get("note")
				if note == "" {
					note = n.e.h.i18n.T(tc.lang, "notes.line_added", "name", tc.form.Get("name"))
				}
				if rev.Reason != store.RevisionManualEdit || rev.Note != note || len(after) != len(before)+1 {
					t.Fatalf("revision 2: %q, note %q, %d lines", rev.Reason, rev.Note, len(after))
				}
				added := after[len(after)-1]
				if added.LineKey == "" || slices.Contains(lineKeys(before), added.LineKey) || added.Name != tc.form.Get("name") ||
					added.Description != tc.form.Get("description") || added.Phases != tc.phases || added.UnitCostMinor != tc.unitCost ||
					added.Source != string(estimate.SourceManual) {
					t.Errorf("added line stored as %+v", added)
				}
				if days := storedDays(added); added.Optimistic <= 0 || added.Optimistic > days || added.Pessimistic < days {
					t.Errorf("BUG: a line typed with %d tenths is stored with the range %d–%d (shown as %s–%s days), want one "+
						"around the days (%d–%d as Effort.WithPhases starts a range): handlers/lines.go lineSave sets the phases "+
						"before calling WithPhases on them, so WithPhases rescales the empty optimistic (0) instead",
						days, added.Optimistic, added.Pessimistic, i18n.Days(added.Optimistic), i18n.Days(added.Pessimistic), days, days)
				}
				if !slices.EqualFunc(after[:len(before)], before, sameLine) {
					t.Error("adding a line changed the others")
				}
				_, _, page := n.page(t, "")
				rows := rowsMatch(t, page, after)
				if last := rows[len(rows)-1]; !last.manualBadge || last.key != added.LineKey {
					t.Errorf("the added row: key %q, manual badge %v", last.key, last.manualBadge)
				}
			})
		}
	}
	t.Run("invalid", func(t *testing.T) {
		n := e.negotiationTask(t, "ja")
		form := lineValues(1, "", [5]string{"", "", "x", "", ""}, "description", "説明だけ")
		for _, m := range []struct {
			headers []string
			root    string
		}{{nil, "main section#line-form-section"}, {lineFormModes[2].headers("0"), "section#line-form-section"}} {
			resp, body := n.form(t, "/lines", form, m.headers...)
			wantStatus(t, resp, http.StatusUnprocessableEntity)
			f := lineFormIn(t, body, m.root)
			lineFormShows(t, f, form)
			if f.AttrOr("action", "") != n.path+"/lines" || f.Find("#line-0-name").Parent().Find(".field-error").Length() != 1 ||
				f.Find("#line-0-implementation").Parent().Find(".field-error").Length() != 1 {
				t.Errorf("the add form does not come back with its errors: %.300q", body)
			}
		}
		resp, _ := n.form(t, "/lines", lineValues(2, "X", [5]string{"1"}))
		wantStatus(t, resp, http.StatusConflict)
		n.wantUnchanged(t, 1)
	})
}

// TestLineDelete: deleting a line makes a revision without it; the last line cannot go, nor one
// whose going would leave the discount above what remains.
func TestLineDelete(t *testing.T) {
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	n := e.negotiationTask(t, "ja")
	for i, m := range postModes {
		_, before := n.latest(t)
		resp, _ := n.form(t, "/lines/2/delete", withBase(i+1), m.headers...)
		n.wantChanged(t, resp, m.headers != nil, i+1)
		rev, after := n.latest(t)
		if want := n.e.h.i18n.T("ja", "notes.line_deleted", "name", before[1].Name); rev.Reason != store.RevisionManualEdit || rev.Note != want {
			t.Errorf("%s: %q, note %q; want manual_edit, %q", m.name, rev.Reason, rev.Note, want)
		}
		if slices.Contains(lineKeys(after), before[1].LineKey) || len(after) != len(before)-1 {
			t.Errorf("%s: line 2 still there: %v", m.name, lineKeys(after))
		}
	}

	// A discount larger than what would remain.
	resp, _ := n.form(t, "/adjust", withBase(3, "action", "discount", "amount", "5,000,000"))
	n.wantChanged(t, resp, false, 3)
	for _, m := range postModes {
		resp, body := n.form(t, "/lines/1/delete", withBase(4), m.headers...)
		wantStatus(t, resp, http.StatusUnprocessableEntity)
		if !strings.Contains(body, n.msg("adjust.error_remove_discount")) {
			t.Errorf("%s: the refusal does not say why", m.name)
		}
	}
	n.wantUnchanged(t, 4)

	one := e.negotiationTask(t, "ja", "唯一の成果物", "")
	for _, m := range postModes {
		resp, body := one.form(t, "/lines/1/delete", withBase(1), m.headers...)
		wantStatus(t, resp, http.StatusUnprocessableEntity)
		if got := strings.TrimSpace(parseHTML(t, body).Find("[data-error-message]").Text()); got != one.msg("lines.error_last") {
			t.Errorf("%s: deleting the last line says %q", m.name, got)
		}
	}
	one.wantUnchanged(t, 1)
}

// TestLineRoutesOutOfRange: a line position the revision does not have is a 404 for every line
// route, and a stale base a 409; nothing is stored.
func TestLineRoutesOutOfRange(t *testing.T) {
	n := newNegotiation(t, "ja")
	edit := lineValues(1, "X", [5]string{"1"})
	for _, pos := range []string{"0", "10", "x", "-1", "99999999999999999999"} {
		for _, tc := range []struct {
			method, suffix string
			form           url.Values
		}{
			{http.MethodGet, "/lines/" + pos + "/edit?base=1", nil},
			{http.MethodPost, "/lines/" + pos, edit},
			{http.MethodPost, "/lines/" + pos + "/delete", withBase(1)},
		} {
			var resp *http.Response
			if tc.method == http.MethodGet {
				resp, _ = n.e.get(t, n.path+tc.suffix)
			} else {
				resp, _ = n.form(t, tc.suffix, tc.form)
			}
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s %s: status %d, want 404", tc.method, tc.suffix, resp.StatusCode)
			}
		}
	}
	n.wantUnchanged(t, 1)
	resp, _ := n.form(t, "/lines/1/delete", withBase(1))
	n.wantChanged(t, resp, false, 1)
	for _, suffix := range []string{"/lines/1", "/lines/1/delete", "/lines"} {
		resp, body := n.form(t, suffix, lineValues(1, "X", [5]string{"1"}))
		if resp.StatusCode != http.StatusConflict || parseHTML(t, body).Find("#conflict").Length() != 1 {
			t.Errorf("POST %s on a stale base: status %d", suffix, resp.StatusCode)
		}
	}
	n.wantUnchanged(t, 2)
}

// TestNegotiationHugeFields: fields far beyond what the forms allow get a clear 4xx (413 or
// 422), never a 500, and are never sent back whole; nothing is stored.
func TestNegotiationHugeFields(t *testing.T) {
	n := newNegotiation(t, "ja")
	const mb = 1 << 20
	cases := []struct {
		name, suffix string
		huge         string
		form         func(huge string) url.Values
	}{
		{"amount-digits", "/adjust", strings.Repeat("9", mb), func(h string) url.Values {
			return withBase(1, "action", "budget", "amount", h, "tax", "excluded", "method", "scale")
		}},
		{"amount-letters", "/adjust", strings.Repeat("a", mb), func(h string) url.Values {
			return withBase(1, "action", "unit_cost", "amount", h)
		}},
		{"keyword", "/adjust", strings.Repeat("k", mb), func(h string) url.Values {
			return withBase(1, "action", "remove", "keyword", h)
		}},
		{"percent", "/adjust", strings.Repeat("1", mb), func(h string) url.Values {
			return withBase(1, "action", "contingency", "percent", h)
		}},
		{"note", "/lines/1", strings.Repeat("n", 100_000), func(h string) url.Values {
			return lineValues(1, "要件定義書", [5]string{"1", "1", "1", "1", "1"}, "note", h)
		}},
		{"name", "/lines/1", strings.Repeat("名", mb/3), func(h string) url.Values {
			return lineValues(1, h, [5]string{"1", "1", "1", "1", "1"})
		}},
		{"days", "/lines", strings.Repeat("1", mb), func(h string) url.Values {
			return lineValues(1, "追加", [5]string{h, "1"})
		}},
		{"whole-body", "/lines", strings.Repeat("x", 5*mb), func(h string) url.Values {
			return lineValues(1, "追加", [5]string{"1"}, "description", h)
		}},
	}
	for _, tc := range cases {
		for _, m := range postModes {
			t.Run(tc.name+"/"+m.name, func(t *testing.T) {
				resp, body := n.form(t, tc.suffix, tc.form(tc.huge), m.headers...)
				if resp.StatusCode != http.StatusRequestEntityTooLarge && resp.StatusCode != http.StatusUnprocessableEntity {
					t.Errorf("status %d, want 413 or 422", resp.StatusCode)
				}
				if strings.Contains(body, tc.huge) {
					t.Errorf("BUG: the %d-byte field is sent back whole in a %d-byte answer (status %d): the form comes back with "+
						"every field as typed, however long (only a body over formFieldsBytes, 4 MiB, is a 413)", len(tc.huge), len(body), resp.StatusCode)
				}
				n.wantUnchanged(t, 1)
			})
		}
	}
}

// TestLineNameEscapedEverywhere: a line named like markup is shown as text on every page and
// fragment that shows names or notes.
func TestLineNameEscapedEverywhere(t *testing.T) {
	n := newNegotiation(t, "ja")
	evil := `<script>alert("x")</script><img src=x onerror=alert(1)>`
	_, lines := n.latest(t)
	resp, _ := n.form(t, "/lines/1", lineValues(1, evil, phasesOf(lines[0]), "description", evil+"説明"))
	n.wantChanged(t, resp, false, 1)
	answers := map[string]string{}
	for _, p := range []string{"", "/revisions", "/revisions/2", "/compare?a=1&b=2", "/lines/1/edit?base=2", "/chat"} {
		_, answers["GET "+p] = n.e.get(t, n.path+p)
	}
	_, answers["htmx row"] = n.e.get(t, n.path+"/lines/1/edit?base=2", "HX-Request: true", "HX-Target: row-1")
	_, answers["conflict"] = n.form(t, "/adjust", withBase(1, "action", "contingency", "percent", "5"))
	_, answers["htmx conflict"] = n.form(t, "/adjust", withBase(1, "action", "contingency", "percent", "5"), "HX-Request: true")
	_, answers["adjust 422"] = n.form(t, "/adjust", withBase(2, "action", "remove", "keyword", evil+"?"))
	_, answers["htmx adjust 422"] = n.form(t, "/adjust", withBase(2, "action", "remove", "keyword", evil+"?"), "HX-Request: true")
	_, answers["line 422"] = n.form(t, "/lines/1", lineValues(2, evil, [5]string{"x"}, "note", evil), "HX-Request: true", "HX-Target: row-1")
	_, answers["list"] = n.e.get(t, "/tasks")
	for name, body := range answers {
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
			t.Errorf("%s: the name is not escaped", name)
		}
		if name != "GET /chat" && name != "list" && !strings.Contains(body, "&lt;script&gt;alert(") {
			t.Errorf("%s: the name is not shown: %.200q", name, body)
		}
	}
	_, _, doc := n.page(t, "")
	if got := doc.Find("#row-1 .cell-name a").Text(); got != evil {
		t.Errorf("row 1 shows %q, want the name as typed", got)
	}
	if n.current(t) != 2 {
		t.Error("a refused request stored a revision")
	}
}
