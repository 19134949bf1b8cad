package handlers

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

var taskURL = regexp.MustCompile(`^/tasks/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestNewTaskForm(t *testing.T) {
	e := newTestEnv(t, nil)
	for _, tc := range []struct{ lang, currency string }{{"ja", "JPY"}, {"en", "USD"}} {
		resp, body := e.get(t, "/?lang="+tc.lang)
		wantStatus(t, resp, http.StatusOK)
		doc := parseHTML(t, body)
		form := doc.Find("form#task-form")
		if form.AttrOr("method", "") != "post" || form.AttrOr("action", "") != "/tasks" || form.AttrOr("enctype", "") != "multipart/form-data" {
			t.Fatalf("%s: the form is not a real multipart POST to /tasks", tc.lang)
		}
		// A control named like a form property (form.action, form.remove …) hides it from scripts.
		form.Find("[name]").Each(func(_ int, c *goquery.Selection) {
			switch n := c.AttrOr("name", ""); n {
			case "action", "remove", "submit", "method", "elements", "length", "reset", "target", "id":
				t.Errorf("a control is named %q, which clobbers the form's own property", n)
			}
		})
		if n := len(formRows(t, body)); n != 3 {
			t.Errorf("%s: %d empty rows, want 3", tc.lang, n)
		}
		if got := doc.Find(`input[name="language"][checked]`).AttrOr("value", ""); got != tc.lang {
			t.Errorf("%s: document language defaults to %q", tc.lang, got)
		}
		if got := doc.Find(`#currency option[selected]`).AttrOr("value", ""); got != tc.currency {
			t.Errorf("%s: currency defaults to %q, want %s", tc.lang, got, tc.currency)
		}
		if n := doc.Find(`#template option`).Length(); n != len(requirementTemplates)+1 {
			t.Errorf("%s: %d template options", tc.lang, n)
		}
		for _, href := range []string{"/samples/deliverables.xlsx", "/samples/deliverables.csv"} {
			if doc.Find(`a[href="`+href+`"]`).Length() != 1 {
				t.Errorf("%s: no link to %s", tc.lang, href)
			}
		}
	}
}

func TestCreateTaskFromRows(t *testing.T) {
	e := newTestEnv(t, nil)
	fields := baseFields(rowFields("要件定義書", "要件を整理", "", "", "基本設計書", "画面・DB設計\n処理フロー")...)
	resp, _ := e.post(t, "/tasks", fields, nil)
	wantStatus(t, resp, http.StatusSeeOther)
	loc := resp.Header.Get("Location")
	if !taskURL.MatchString(loc) {
		t.Fatalf("Location = %q, want /tasks/{uuid}", loc)
	}
	resp, body := e.get(t, loc)
	wantStatus(t, resp, http.StatusOK)
	doc := parseHTML(t, body)
	main := doc.Find("main")
	if main.AttrOr("data-task-id", "") != strings.TrimPrefix(loc, "/tasks/") || main.AttrOr("data-status", "") != "generating_questions" {
		t.Errorf("main data attributes: %v", main.Nodes[0].Attr)
	}
	if got := doc.Find("h1").Text(); got != "基幹システム刷新" {
		t.Errorf("title %q", got)
	}
	if got := doc.Find(".task-head .client").Text(); got != "株式会社サンプル 御中" {
		t.Errorf("client %q", got)
	}
	var lines []string
	doc.Find("#task-lines tbody tr").Each(func(_ int, s *goquery.Selection) {
		lines = append(lines, s.AttrOr("data-line", "")+":"+strings.TrimSpace(s.Find("td").Eq(1).Text())+":"+s.Find("td").Eq(2).Text())
	})
	if strings.Join(lines, "|") != "1:要件定義書:要件を整理|2:基本設計書:画面・DB設計\n処理フロー" {
		t.Errorf("lines = %q", lines)
	}
	if !strings.Contains(doc.Find(`[data-minor="40000"]`).Text(), "¥40,000") {
		t.Error("the unit cost of the currency was not stored with the task")
	}
}

func TestCreateTaskHtmx(t *testing.T) {
	e := newTestEnv(t, nil)
	resp, body := e.post(t, "/tasks", baseFields(rowFields("A", "")...), nil, "HX-Request: true")
	wantStatus(t, resp, http.StatusOK)
	if !taskURL.MatchString(resp.Header.Get("HX-Redirect")) || body != "" {
		t.Errorf("HX-Redirect = %q, body %q", resp.Header.Get("HX-Redirect"), body)
	}
}

func TestCreateTaskInvalidKeepsEverything(t *testing.T) {
	e := newTestEnv(t, nil)
	fields := []field{
		{"title", "  "}, {"client_name", "顧客"}, {"client_honorific", "sama"}, {"language", "en"}, {"currency", "USD"},
		{"requirements", "keep this text"},
	}
	fields = append(fields, rowFields("", "description without a name", "Login", "auth", "login", "again")...)
	for _, hx := range []bool{false, true} {
		var headers []string
		if hx {
			headers = append(headers, "HX-Request: true")
		}
		resp, body := e.post(t, "/tasks?lang=en", fields, nil, headers...)
		wantStatus(t, resp, http.StatusUnprocessableEntity)
		if strings.Contains(body, "<html") == hx {
			t.Errorf("htmx=%v: whole page=%v", hx, !hx)
		}
		doc := parseHTML(t, body)
		if doc.Find("#title-error").Text() != "Enter a title." {
			t.Errorf("htmx=%v: title error %q", hx, doc.Find("#title-error").Text())
		}
		if v, _ := doc.Find("#client_name").Attr("value"); v != "顧客" {
			t.Errorf("client name lost: %q", v)
		}
		if doc.Find(`#client_honorific option[selected]`).AttrOr("value", "") != "sama" ||
			doc.Find(`input[name="language"][checked]`).AttrOr("value", "") != "en" ||
			doc.Find(`#currency option[selected]`).AttrOr("value", "") != "USD" {
			t.Error("choices were not kept")
		}
		if doc.Find("#requirements").Text() != "keep this text" {
			t.Error("requirements lost")
		}
		rows := formRows(t, body)
		if len(rows) != 3 || rows[0][1] != "description without a name" || rows[1][0] != "Login" {
			t.Errorf("rows = %q", rows)
		}
		rowErr := doc.Find(".deliverable-row").Eq(0).Find(".field-error").Text()
		if !strings.Contains(rowErr, "no name") {
			t.Errorf("row error %q", rowErr)
		}
		if doc.Find(".deliverable-row .field-warning").Length() != 2 {
			t.Error("the repeated name (Login/login) is not flagged on both rows")
		}
	}
}

func TestCreateTaskLimits(t *testing.T) {
	e := newTestEnv(t, nil)
	long := func(n int) string { return strings.Repeat("あ", n) }
	for _, tc := range []struct {
		name   string
		fields []field
		sel    string
		want   string
	}{
		{"NoDeliverables", baseFields(), "#rows-error", "at least one deliverable"},
		{"TitleTooLong", append(baseFields(rowFields("A", "")...), field{"title", long(201)}), "#title-error", "at most 200 characters (currently 201)"},
		{"RequirementsTooLong", append(baseFields(rowFields("A", "")...), field{"requirements", long(20001)}), "#requirements-error", "at most 20000"},
		{"NameTooLong", baseFields(rowFields(long(201), "")...), ".deliverable-row .field-error", "at most 200"},
		{"DescriptionTooLong", baseFields(rowFields("A", long(2001))...), ".deliverable-row .field-error", "at most 2000"},
		{"BadLanguage", append(baseFields(rowFields("A", "")...), field{"language", "fr"}), "#language-error", "Choose one of the options"},
		{"BadCurrency", append(baseFields(rowFields("A", "")...), field{"currency", "EUR"}), "#currency-error", "Choose one of the options"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Later fields with the same name are ignored by FormValue; put overrides first.
			fields := tc.fields
			if last := fields[len(fields)-1]; last.name == "title" || last.name == "requirements" || last.name == "language" || last.name == "currency" {
				fields = append([]field{last}, fields[:len(fields)-1]...)
			}
			resp, body := e.post(t, "/tasks?lang=en", fields, nil)
			wantStatus(t, resp, http.StatusUnprocessableEntity)
			if got := parseHTML(t, body).Find(tc.sel).First().Text(); !strings.Contains(got, tc.want) {
				t.Errorf("%s = %q, want %q", tc.sel, got, tc.want)
			}
		})
	}
	t.Run("TooManyRows", func(t *testing.T) {
		var pairs []string
		for i := range 501 {
			pairs = append(pairs, fmt.Sprintf("D%d", i), "")
		}
		resp, body := e.post(t, "/tasks?lang=en", baseFields(rowFields(pairs...)...), nil)
		wantStatus(t, resp, http.StatusUnprocessableEntity)
		if got := parseHTML(t, body).Find("#rows-error").Text(); !strings.Contains(got, "at most 500 deliverables (this one has 501)") {
			t.Errorf("rows error %q", got)
		}
	})
}

func TestCreateTaskFromFile(t *testing.T) {
	e := newTestEnv(t, nil)
	resp, _ := e.post(t, "/tasks", baseFields(), &upload{"sample_input.csv", readTestdata(t, "sample_input.csv")})
	wantStatus(t, resp, http.StatusSeeOther)
	_, body := e.get(t, resp.Header.Get("Location"))
	doc := parseHTML(t, body)
	if n := doc.Find("#task-lines tbody tr").Length(); n != 9 {
		t.Fatalf("%d lines from sample_input.csv, want 9", n)
	}
	if got := strings.TrimSpace(doc.Find("#task-lines tbody tr").Eq(8).Find("td").Eq(1).Text()); got != "ユーザーマニュアル" {
		t.Errorf("last line %q", got)
	}
	// Typed rows come first, then the file's.
	resp, _ = e.post(t, "/tasks", baseFields(rowFields("手入力", "")...), &upload{"sample_input.csv", readTestdata(t, "sample_input.csv")})
	_, body = e.get(t, resp.Header.Get("Location"))
	rows := parseHTML(t, body).Find("#task-lines tbody tr")
	if rows.Length() != 10 || strings.TrimSpace(rows.Eq(0).Find("td").Eq(1).Text()) != "手入力" {
		t.Errorf("typed plus file: %d lines", rows.Length())
	}
}

func TestImport(t *testing.T) {
	e := newTestEnv(t, nil)
	for _, hx := range []bool{false, true} {
		var headers []string
		if hx {
			headers = append(headers, "HX-Request: true")
		}
		fields := baseFields(rowFields("手入力の行", "残る", "", "")...)
		resp, body := e.post(t, "/tasks/import?lang=ja", fields, &upload{"sample_input.xlsx", readTestdata(t, "sample_input.xlsx")}, headers...)
		wantStatus(t, resp, http.StatusOK)
		if strings.Contains(body, "<html") == hx {
			t.Errorf("htmx=%v: whole page=%v", hx, !hx)
		}
		rows := filled(formRows(t, body))
		if len(rows) != 14 || rows[0][0] != "手入力の行" || rows[1][0] != "要件定義書" || rows[13][0] != "デプロイメント" || rows[1][1] == "" {
			t.Fatalf("htmx=%v: rows = %q", hx, rows)
		}
		doc := parseHTML(t, body)
		if !strings.Contains(doc.Find("#form-notes").Text(), "13件") {
			t.Errorf("no note on what was read: %q", doc.Find("#form-notes").Text())
		}
		if doc.Find("#title").AttrOr("value", "") != "基幹システム刷新" || doc.Find("#requirements").Text() != "利用者 300 名" {
			t.Error("the other fields were not kept")
		}
	}
}

func TestImportErrors(t *testing.T) {
	e := newTestEnv(t, func(d *Deps) { d.MaxUploadBytes = 1 << 20 })
	big := make([]byte, (1<<20)+1)
	for _, tc := range []struct {
		name   string
		file   *upload
		status int
		want   string
	}{
		{"NoFile", nil, http.StatusUnprocessableEntity, "Choose a file"},
		{"LegacyXLS", &upload{"old.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0}}, http.StatusBadRequest, "Excel Workbook (.xlsx)"},
		{"OtherType", &upload{"spec.pdf", []byte("%PDF-1.7")}, http.StatusBadRequest, `".pdf" cannot be imported`},
		{"Empty", &upload{"empty.csv", nil}, http.StatusUnprocessableEntity, "The file is empty"},
		{"HeaderOnly", &upload{"header.csv", []byte("成果物名称,説明\n")}, http.StatusUnprocessableEntity, "No row with a deliverable name"},
		{"NameMissing", &upload{"rows.csv", []byte("成果物名称,説明\nA,a\n,b\n")}, http.StatusUnprocessableEntity, "Row 3 has a description but no deliverable name"},
		{"NotAZip", &upload{"fake.xlsx", []byte("not a zip")}, http.StatusUnprocessableEntity, "could not be read"},
		{"TooLarge", &upload{"big.csv", big}, http.StatusRequestEntityTooLarge, "at most 1 MB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := e.post(t, "/tasks/import?lang=en", baseFields(rowFields("kept", "")...), tc.file)
			wantStatus(t, resp, tc.status)
			doc := parseHTML(t, body)
			if got := doc.Find("#file-error").Text(); !strings.Contains(got, tc.want) {
				t.Errorf("file error %q, want %q", got, tc.want)
			}
			if rows := filled(formRows(t, body)); len(rows) != 1 || rows[0][0] != "kept" {
				t.Errorf("typed rows lost: %q", rows)
			}
		})
	}
}

func TestBodyOverTheLimit(t *testing.T) {
	e := newTestEnv(t, func(d *Deps) { d.MaxUploadBytes = 1 << 20 })
	huge := make([]byte, 6<<20) // over the file limit plus the allowance for the text fields
	ct, body := multipartBody(t, baseFields(), &upload{"huge.csv", huge})
	for _, chunked := range []bool{false, true} {
		var r io.Reader = bytes.NewReader(body)
		if chunked {
			r = struct{ io.Reader }{r} // hides the length: sent without Content-Length
		}
		resp, page := e.postRaw(t, "/tasks?lang=en", ct, r)
		wantStatus(t, resp, http.StatusRequestEntityTooLarge)
		if got := parseHTML(t, page).Find("[data-error-message]").Text(); !strings.Contains(got, "at most 1 MB") {
			t.Errorf("chunked=%v: message %q", chunked, got)
		}
	}
}

func TestFormActionsWithoutJavaScript(t *testing.T) {
	e := newTestEnv(t, nil)
	typed := baseFields(rowFields("A", "a", "B", "b", "C", "c")...)

	_, body := e.post(t, "/tasks/form", append(typed, field{"op", "add_rows"}), nil)
	if rows := formRows(t, body); len(rows) != 6 || rows[2][0] != "C" {
		t.Errorf("add rows: %q", rows)
	}
	_, body = e.post(t, "/tasks/form", append(typed, field{"remove_row", "2"}), nil)
	if rows := formRows(t, body); len(rows) != 2 || rows[0][0] != "A" || rows[1][0] != "C" {
		t.Errorf("remove row 2: %q", rows)
	}
	_, body = e.post(t, "/tasks/form?lang=en", append(typed, field{"op", "standard_deliverables"}), nil)
	rows := formRows(t, body)
	if len(rows) != 16 || rows[3][0] != "要件定義書" || rows[15][0] != "デプロイメント" {
		t.Errorf("standard list in the document language (ja) after the typed rows: %d rows, %q", len(rows), rows)
	}

	noText := baseFields(field{"template", "website"}, field{"op", "apply_template"})
	noText[5].value = ""
	_, body = e.post(t, "/tasks/form", noText, nil)
	if got := parseHTML(t, body).Find("#requirements").Text(); !strings.HasPrefix(got, "# Webサイト") {
		t.Errorf("template into empty requirements: %q", got)
	}
	withText := baseFields(field{"template", "website"}, field{"op", "apply_template"})
	_, body = e.post(t, "/tasks/form?lang=en", withText, nil)
	doc := parseHTML(t, body)
	if doc.Find("#requirements").Text() != "利用者 300 名" || doc.Find(`input[name="pending_template"]`).AttrOr("value", "") != "website" {
		t.Fatal("typed requirements were replaced without asking")
	}
	_, body = e.post(t, "/tasks/form", baseFields(field{"pending_template", "website"}, field{"op", "replace_template"}), nil)
	if got := parseHTML(t, body).Find("#requirements").Text(); !strings.HasPrefix(got, "# Webサイト") {
		t.Errorf("replace after confirmation: %q", got)
	}
	_, body = e.post(t, "/tasks/form", baseFields(field{"pending_template", "website"}, field{"op", "keep_text"}), nil)
	if got := parseHTML(t, body).Find("#requirements").Text(); got != "利用者 300 名" {
		t.Errorf("keep my text: %q", got)
	}
	// htmx gets the form alone.
	resp, body := e.post(t, "/tasks/form", append(typed, field{"op", "standard_deliverables"}), nil, "HX-Request: true")
	wantStatus(t, resp, http.StatusOK)
	if strings.Contains(body, "<html") || parseHTML(t, body).Find("form#task-form").Length() != 1 {
		t.Error("htmx action: want the form fragment")
	}
}

func TestFormFragments(t *testing.T) {
	e := newTestEnv(t, nil)
	resp, body := e.get(t, "/tasks/form/row", "HX-Request: true")
	wantStatus(t, resp, http.StatusOK)
	doc := parseHTML(t, body)
	if doc.Find(`li.deliverable-row input[name="name"]`).Length() != 1 || strings.Contains(body, "<html") {
		t.Errorf("row fragment: %q", body)
	}
	_, other := e.get(t, "/tasks/form/row", "HX-Request: true")
	if parseHTML(t, other).Find("input").AttrOr("id", "") == doc.Find("input").AttrOr("id", "") {
		t.Error("two added rows share element ids")
	}

	resp, body = e.get(t, "/tasks/form/template?template=api_integration&language=en", "HX-Request: true")
	wantStatus(t, resp, http.StatusOK)
	doc = parseHTML(t, body)
	if doc.Find("#requirements-field").Length() != 1 || !strings.HasPrefix(doc.Find("#requirements").Text(), "# ") ||
		strings.ContainsAny(doc.Find("#requirements").Text(), "ぁあいう") {
		t.Errorf("English template fragment: %q", doc.Find("#requirements").Text())
	}
	if doc.Find("#template option[selected]").Length() != 0 {
		t.Error("the template choice should go back to the placeholder")
	}
	for _, key := range requirementTemplates {
		for _, lang := range []string{"ja", "en"} {
			_, body := e.get(t, "/tasks/form/template?template="+key+"&language="+lang, "HX-Request: true")
			if len(parseHTML(t, body).Find("#requirements").Text()) < 500 {
				t.Errorf("template %s/%s is missing or short", key, lang)
			}
		}
	}
	resp, _ = e.get(t, "/tasks/form/template?template=nope", "HX-Request: true")
	wantStatus(t, resp, http.StatusNotFound)
}

func TestCleanText(t *testing.T) {
	for in, want := range map[string]string{
		"  件名\u3000":         "件名",
		"a\r\nb":             "a\nb",
		"nul\x00byte\x07":    "nulbyte",
		"bad\xffutf8":        "bad\uFFFDutf8",
		"tab\tkept\nnewline": "tab\tkept\nnewline",
	} {
		if got := cleanText(in); got != want {
			t.Errorf("cleanText(%q) = %q, want %q", in, got, want)
		}
	}
}
