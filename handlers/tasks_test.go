package handlers

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"estimator/sheets"
	"estimator/store"
)

// seedTasks stores n tasks created a minute apart, the last one newest.
func seedTasks(t *testing.T, e *testEnv, n int, title func(i int) (string, string)) []string {
	t.Helper()
	base := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	ids := make([]string, n)
	for i := range n {
		name, client := title(i)
		id, err := e.store.CreateTask(context.Background(), store.NewTask{
			Title: name, ClientName: client, ClientHonorific: "onchu", Language: "ja", Currency: "JPY",
			TaxRateBP: 1000, TaxRounding: "down", UnitCostMinor: 40000, QuestionCount: 3,
			Lines: []store.NewLine{{Name: "要件定義書"}, {Name: "基本設計書"}},
		}, base.Add(time.Duration(i)*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = id
	}
	return ids
}

func listTitles(t *testing.T, body string) []string {
	t.Helper()
	var out []string
	parseHTML(t, body).Find("#task-list tbody tr td:first-child a").Each(func(_ int, s *goquery.Selection) {
		out = append(out, s.Text())
	})
	return out
}

func TestTaskListEmpty(t *testing.T) {
	e := newTestEnv(t, nil)
	resp, body := e.get(t, "/tasks?lang=en")
	wantStatus(t, resp, http.StatusOK)
	doc := parseHTML(t, body)
	if doc.Find("#task-list.empty-state").Length() != 1 || doc.Find(`form[role="search"]`).Length() != 0 {
		t.Error("with no estimates the list shows its empty state")
	}
}

func TestTaskListSearchAndPages(t *testing.T) {
	e := newTestEnv(t, nil)
	seedTasks(t, e, 55, func(i int) (string, string) {
		if i%10 == 0 {
			return fmt.Sprintf("会計システム %02d", i), "株式会社アルファ"
		}
		return fmt.Sprintf("Task %02d", i), "Beta Corp"
	})
	_, body := e.get(t, "/tasks?lang=en")
	titles := listTitles(t, body)
	if len(titles) != 50 || titles[0] != "Task 54" || titles[49] != "Task 05" {
		t.Fatalf("first page: %d rows, %q … %q", len(titles), titles[0], titles[len(titles)-1])
	}
	doc := parseHTML(t, body)
	if next := doc.Find(`.pager a[rel="next"]`).AttrOr("href", ""); next != "/tasks?page=2" {
		t.Errorf("next link %q", next)
	}
	if !strings.Contains(doc.Find("#task-list").Text(), "1–50 of 55") {
		t.Error("no range shown")
	}
	_, body = e.get(t, "/tasks?page=2")
	if titles := listTitles(t, body); len(titles) != 5 || titles[4] != "会計システム 00" {
		t.Errorf("second page: %q", titles)
	}
	_, body = e.get(t, "/tasks?q=%E4%BC%9A%E8%A8%88") // 会計
	if titles := listTitles(t, body); len(titles) != 6 || titles[0] != "会計システム 50" {
		t.Errorf("search by title: %q", titles)
	}
	_, body = e.get(t, "/tasks?q=beta+corp")
	if titles := listTitles(t, body); len(titles) != 49 {
		t.Errorf("search by client, any case: %d", len(titles))
	}
	_, body = e.get(t, "/tasks?q=%25&lang=en") // a lone % matches nothing literally
	if got := parseHTML(t, body).Find("#task-list").Text(); !strings.Contains(got, `No estimates match "%"`) {
		t.Errorf("no-match message: %q", got)
	}
	for _, p := range []string{"/tasks?page=-3", "/tasks?page=abc", "/tasks?page=99999999999999999999", "/tasks?page=184467440737095516"} {
		resp, _ := e.get(t, p)
		wantStatus(t, resp, http.StatusOK)
	}
	// The htmx variant is the list alone.
	_, body = e.get(t, "/tasks?q=Task", "HX-Request: true")
	if strings.Contains(body, "<html") || parseHTML(t, body).Find("#task-list").Length() != 1 {
		t.Error("htmx list request: want the #task-list fragment")
	}
}

func TestTaskPageNotFound(t *testing.T) {
	e := newTestEnv(t, nil)
	for _, p := range []string{"/tasks/00000000-0000-4000-8000-000000000000", "/tasks/123", "/tasks/%27%20OR%201%3D1", "/tasks/ABCDEF00-0000-4000-8000-000000000000",
		"/tasks/123/delete"} {
		resp, body := e.get(t, p+"?lang=en")
		wantStatus(t, resp, http.StatusNotFound)
		if !strings.Contains(body, "Page not found") {
			t.Errorf("%s: no 404 page", p)
		}
	}
}

func TestDeleteTask(t *testing.T) {
	e := newTestEnv(t, nil)
	ids := seedTasks(t, e, 3, func(i int) (string, string) { return fmt.Sprintf("T%d", i), "" })

	// Without JavaScript a page asks first.
	resp, body := e.get(t, "/tasks/"+ids[0]+"/delete?lang=en")
	wantStatus(t, resp, http.StatusOK)
	form := parseHTML(t, body).Find(`form[action="/tasks/` + ids[0] + `/delete"]`)
	if form.AttrOr("method", "") != "post" {
		t.Fatal("no confirmation form")
	}

	resp, _ = e.post(t, "/tasks/"+ids[0]+"/delete", nil, nil)
	wantStatus(t, resp, http.StatusSeeOther)
	if resp.Header.Get("Location") != "/tasks" {
		t.Errorf("Location %q", resp.Header.Get("Location"))
	}
	_, body = e.get(t, "/tasks?lang=en")
	if got := parseHTML(t, body).Find("#flash .flash-message").Text(); got != `"T0" was deleted.` {
		t.Errorf("flash %q", got)
	}
	_, body = e.get(t, "/tasks")
	if parseHTML(t, body).Find("#flash .flash-message").Length() != 0 {
		t.Error("the flash was shown twice")
	}
	if titles := listTitles(t, body); strings.Join(titles, ",") != "T2,T1" {
		t.Errorf("after delete: %q", titles)
	}
	if lines, _ := e.store.TaskLines(context.Background(), ids[0]); len(lines) != 0 {
		t.Error("the task's lines survived")
	}
	resp, _ = e.get(t, "/tasks/"+ids[0])
	wantStatus(t, resp, http.StatusNotFound)
	resp, _ = e.post(t, "/tasks/"+ids[0]+"/delete", nil, nil)
	wantStatus(t, resp, http.StatusNotFound)

	resp, body = e.post(t, "/tasks/"+ids[1]+"/delete", nil, nil, "HX-Request: true")
	wantStatus(t, resp, http.StatusOK)
	if resp.Header.Get("HX-Redirect") != "/tasks" || body != "" {
		t.Errorf("htmx delete: HX-Redirect %q body %q", resp.Header.Get("HX-Redirect"), body)
	}
	resp, _ = e.postRaw(t, "/tasks/"+ids[2]+"/delete", "application/x-www-form-urlencoded", strings.NewReader(""),
		"Sec-Fetch-Site: cross-site", "Origin: https://evil.example")
	wantStatus(t, resp, http.StatusForbidden)
	if _, err := e.store.Task(context.Background(), ids[2]); err != nil {
		t.Error("a cross-site request deleted a task")
	}
}

func TestSamples(t *testing.T) {
	e := newTestEnv(t, nil)
	for _, lang := range []string{"ja", "en"} {
		want := e.h.standardDeliverables(lang)
		for _, tc := range []struct{ path, ct string }{
			{"/samples/deliverables.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
			{"/samples/deliverables.csv", "text/csv; charset=utf-8"},
		} {
			resp, body := e.get(t, tc.path+"?lang="+lang)
			wantStatus(t, resp, http.StatusOK)
			if resp.Header.Get("Content-Type") != tc.ct || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment;") {
				t.Errorf("%s: %s / %s", tc.path, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
			}
			if strings.HasSuffix(tc.path, ".csv") && !strings.HasPrefix(body, "\ufeff") {
				t.Errorf("%s: no UTF-8 BOM", tc.path)
			}
			res, err := sheets.Read(tc.path, strings.NewReader(body), int64(len(body)), sheets.Options{})
			if err != nil {
				t.Fatalf("%s (%s) does not import back: %v", tc.path, lang, err)
			}
			if len(res.Rows) != len(want) || len(res.Notes) != 0 {
				t.Fatalf("%s (%s): %d rows, notes %v", tc.path, lang, len(res.Rows), res.Notes)
			}
			for i, r := range res.Rows {
				if r.Name != want[i].Name || r.Description != want[i].Description {
					t.Errorf("%s (%s) row %d = %q/%q, want %q/%q", tc.path, lang, i+1, r.Name, r.Description, want[i].Name, want[i].Description)
				}
			}
		}
	}
	// Through the form, too.
	resp, body := e.get(t, "/samples/deliverables.xlsx?lang=en")
	wantStatus(t, resp, http.StatusOK)
	_, page := e.post(t, "/tasks/import", baseFields(), &upload{"deliverables.xlsx", []byte(body)})
	if rows := filled(formRows(t, page)); len(rows) != 13 || rows[0][0] != "Requirements Document" {
		t.Errorf("sample imported through the form: %q", rows)
	}
}
