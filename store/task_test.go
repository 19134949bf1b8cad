package store_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"estimator/store"
)

// uuidV4 is the canonical lower-case form of a version 4, RFC 9562 variant UUID.
var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// jst is a zone other than UTC, to show that CreateTask stores the instant and returns it in UTC.
var jst = time.FixedZone("JST", 9*60*60)

// newTestTask returns a valid task with the given title and client and one line per name.
func newTestTask(title, client string, lines ...string) store.NewTask {
	t := store.NewTask{
		Title:           title,
		ClientName:      client,
		ClientHonorific: "onchu",
		Language:        "ja",
		Currency:        "JPY",
		TaxRateBP:       1000,
		TaxRounding:     "down",
		UnitCostMinor:   50000,
		Requirements:    "要件",
		QuestionCount:   3,
	}
	if len(lines) == 0 {
		lines = []string{"Login"}
	}
	for _, name := range lines {
		t.Lines = append(t.Lines, store.NewLine{Name: name})
	}
	return t
}

// createTask stores t and fails the test on error.
func createTask(t *testing.T, s *store.Store, task store.NewTask, now time.Time) string {
	t.Helper()
	id, err := s.CreateTask(t.Context(), task, now)
	if err != nil {
		t.Fatalf("CreateTask(%q): %v", task.Title, err)
	}
	return id
}

func TestCreateTask(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			in := store.NewTask{
				Title:           "EC site renewal",
				ClientName:      "Example Inc.",
				ClientHonorific: "sama",
				Language:        "en",
				Currency:        "USD",
				TaxRateBP:       875,
				TaxRounding:     "half_up",
				UnitCostMinor:   80000,
				Requirements:    "Responsive design.\nPayments by card.",
				QuestionCount:   5,
				Lines: []store.NewLine{
					{Name: "Login", Description: "Email and password"},
					{Name: "Catalogue", Description: ""},
					{Name: "Checkout", Description: "Card payments"},
				},
			}
			now := time.Date(2026, 4, 1, 9, 30, 15, 123456789, jst)
			id, err := s.CreateTask(ctx, in, now)
			if err != nil {
				t.Fatal(err)
			}
			if !uuidV4.MatchString(id) || !store.ValidTaskID(id) {
				t.Errorf("id %q is not a canonical lower-case UUID v4", id)
			}

			got, err := s.Task(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			wantTime := now.UTC().Truncate(time.Microsecond)
			want := store.Task{
				ID: id, Title: in.Title, ClientName: in.ClientName, ClientHonorific: in.ClientHonorific,
				Language: in.Language, Currency: in.Currency, TaxRateBP: in.TaxRateBP,
				TaxRounding: in.TaxRounding, UnitCostMinor: in.UnitCostMinor, Requirements: in.Requirements,
				QuestionCount: in.QuestionCount, Status: store.StatusGeneratingQuestions,
				CreatedAt: wantTime, UpdatedAt: wantTime,
			}
			if got != want {
				t.Errorf("Task(%s) =\n%+v\nwant\n%+v", id, got, want)
			}
			if got.CreatedAt.Location() != time.UTC || got.UpdatedAt.Location() != time.UTC {
				t.Errorf("times are in %v and %v, want UTC", got.CreatedAt.Location(), got.UpdatedAt.Location())
			}

			lines, err := s.TaskLines(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(lines) != len(in.Lines) {
				t.Fatalf("TaskLines: %d lines, want %d", len(lines), len(in.Lines))
			}
			for i, l := range lines {
				if l.Position != i+1 || l.Name != in.Lines[i].Name || l.Description != in.Lines[i].Description || l.ID == 0 {
					t.Errorf("line %d = %+v, want position %d, %+v and an id", i, l, i+1, in.Lines[i])
				}
			}

			other := createTask(t, s, newTestTask("Other", "Other"), now)
			if other == id {
				t.Errorf("two tasks got the same id %s", id)
			}
			if otherLines, err := s.TaskLines(ctx, other); err != nil || len(otherLines) != 1 {
				t.Errorf("TaskLines(other) = %+v, %v; want only its own line", otherLines, err)
			}
		})
	}
}

// TestCreateTaskAtomic checks that a task is stored with all of its lines or not at all.
func TestCreateTaskAtomic(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			noLines := newTestTask("No lines", "ACME")
			noLines.Lines = nil
			if id, err := s.CreateTask(ctx, noLines, time.Now()); err == nil {
				t.Errorf("CreateTask without lines = %q, nil; want an error", id)
			}
			// The second line breaks CHECK (name <> '') after the task row and the first line
			// were inserted: the transaction must take them back.
			badLine := newTestTask("Bad line", "ACME", "Login", "")
			if id, err := s.CreateTask(ctx, badLine, time.Now()); err == nil {
				t.Errorf("CreateTask with an empty line name = %q, nil; want an error", id)
			}
			for _, table := range []string{"tasks", "task_lines"} {
				if n := countRows(t, s, table); n != 0 {
					t.Errorf("%s has %d rows after failed creates, want 0", table, n)
				}
			}
		})
	}
}

func TestCreateTaskCheckConstraints(t *testing.T) {
	bad := []struct {
		name   string
		change func(*store.NewTask)
	}{
		{"Language", func(t *store.NewTask) { t.Language = "fr" }},
		{"Currency", func(t *store.NewTask) { t.Currency = "EUR" }},
		{"Honorific", func(t *store.NewTask) { t.ClientHonorific = "dono" }},
		{"TaxRounding", func(t *store.NewTask) { t.TaxRounding = "bankers" }},
		{"TaxRate", func(t *store.NewTask) { t.TaxRateBP = 10001 }},
		{"UnitCost", func(t *store.NewTask) { t.UnitCostMinor = -1 }},
		{"QuestionCount", func(t *store.NewTask) { t.QuestionCount = -1 }},
	}
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			for _, tt := range bad {
				task := newTestTask("Bad "+tt.name, "ACME")
				tt.change(&task)
				_, err := s.CreateTask(t.Context(), task, time.Now())
				if err == nil || !strings.Contains(strings.ToLower(err.Error()), "check constraint") {
					t.Errorf("%s: CreateTask error = %v, want a CHECK constraint violation", tt.name, err)
				}
				if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrConflict) {
					t.Errorf("%s: CreateTask error = %v, want neither ErrNotFound nor ErrConflict", tt.name, err)
				}
			}
			if n := countRows(t, s, "tasks"); n != 0 {
				t.Errorf("tasks has %d rows after rejected creates, want 0", n)
			}
		})
	}
}

func TestTaskNotFound(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := createTask(t, s, newTestTask("Kept", "ACME"), time.Now())
			ids := []string{
				"3f1c2b9a-5d4e-4f60-8a7b-9c0d1e2f3a4b", // well-formed, not stored
				"",
				"1",
				"../x",
				"' OR 1=1 --",
				strings.ToUpper(id), // a stored task, but not in canonical form
				id + " ",
				"{" + id + "}",
				strings.ReplaceAll(id, "-", ""),
			}
			for _, bad := range ids {
				if _, err := s.Task(ctx, bad); !errors.Is(err, store.ErrNotFound) {
					t.Errorf("Task(%q) error = %v, want ErrNotFound", bad, err)
				}
				if lines, err := s.TaskLines(ctx, bad); err != nil || len(lines) != 0 {
					t.Errorf("TaskLines(%q) = %v, %v; want no lines, nil", bad, lines, err)
				}
				if err := s.DeleteTask(ctx, bad, userDeletion()); !errors.Is(err, store.ErrNotFound) {
					t.Errorf("DeleteTask(%q) error = %v, want ErrNotFound", bad, err)
				}
			}
			if _, err := s.Task(ctx, id); err != nil {
				t.Errorf("Task(%s) after the lookups above: %v", id, err)
			}
		})
	}
}

func TestValidTaskID(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{"3f1c2b9a-5d4e-4f60-8a7b-9c0d1e2f3a4b", true},
		{"00000000-0000-0000-0000-000000000000", true},
		{"3F1C2B9A-5D4E-4F60-8A7B-9C0D1E2F3A4B", false},
		{"3f1c2b9a-5d4e-4f60-8a7b-9c0d1e2f3a4", false},
		{"3f1c2b9a-5d4e-4f60-8a7b-9c0d1e2f3a4bc", false},
		{"3f1c2b9a5d4e-4f60-8a7b-9c0d1e2f3a4b-", false},
		{"3f1c2b9a-5d4e-4f60-8a7b-9c0d1e2f3g4b", false},
		{"3f1c2b9a-5d4e-4f60-8a7b-9c0d1e2f3a4\u00e9"[:36], false},
		{"", false},
		{"1", false},
		{"../x", false},
	}
	for _, tt := range tests {
		if got := store.ValidTaskID(tt.id); got != tt.want {
			t.Errorf("ValidTaskID(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

func TestListTasks(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			base := time.Date(2026, 1, 10, 8, 0, 0, 0, time.UTC)
			// Created in this order, one minute apart except the last two, which share a time and
			// must still come out in a stable order.
			specs := []struct {
				title, client string
				lines         int
			}{
				{"Online Shop", "ACME Corp", 3},
				{"在庫管理システム", "株式会社サンプル", 1},
				{"100% coverage", "Foo_Bar Inc", 2},
				{"100 percent", "FooXBar Ltd", 1},
				{`C:\temp\new`, "Globex", 1},
				{"Payroll", "Initech", 4},
				{"Timesheets", "Hooli", 1},
			}
			ids := make(map[string]string) // title → id
			lineCounts := make(map[string]int)
			for i, sp := range specs {
				created := base.Add(time.Duration(min(i, len(specs)-2)) * time.Minute)
				names := make([]string, sp.lines)
				for j := range names {
					names[j] = fmt.Sprintf("Line %d", j+1)
				}
				id := createTask(t, s, newTestTask(sp.title, sp.client, names...), created.In(jst))
				ids[sp.title] = id
				lineCounts[id] = sp.lines
			}

			all, total, err := s.ListTasks(ctx, "", 100, 0)
			if err != nil {
				t.Fatal(err)
			}
			if total != len(specs) || len(all) != len(specs) {
				t.Fatalf("ListTasks(all) = %d rows, total %d; want %d", len(all), total, len(specs))
			}
			for i, row := range all {
				if i > 0 {
					prev := all[i-1]
					if row.CreatedAt.After(prev.CreatedAt) || row.CreatedAt.Equal(prev.CreatedAt) && row.ID > prev.ID {
						t.Errorf("row %d (%s, %v) is not after row %d (%s, %v) in created_at DESC, id DESC order",
							i, row.ID, row.CreatedAt, i-1, prev.ID, prev.CreatedAt)
					}
				}
				if row.LineCount != lineCounts[row.ID] {
					t.Errorf("%q: LineCount %d, want %d", row.Title, row.LineCount, lineCounts[row.ID])
				}
				if row.CreatedAt.Location() != time.UTC {
					t.Errorf("%q: CreatedAt in %v, want UTC", row.Title, row.CreatedAt.Location())
				}
			}
			if first, last := all[len(all)-1], all[2]; first.Title != "Online Shop" || last.Title != "C:\\temp\\new" {
				t.Errorf("oldest row %q, third row %q; want Online Shop and C:\\temp\\new", first.Title, last.Title)
			}
			want := store.TaskSummary{
				ID: ids["Online Shop"], Title: "Online Shop", ClientName: "ACME Corp", ClientHonorific: "onchu",
				Status: store.StatusGeneratingQuestions, Currency: "JPY", Language: "ja", LineCount: 3, CreatedAt: base,
			}
			if got := all[len(all)-1]; got != want {
				t.Errorf("oldest row =\n%+v\nwant\n%+v", got, want)
			}

			t.Run("Paging", func(t *testing.T) {
				var paged []store.TaskSummary
				for offset := 0; offset < len(specs)+3; offset += 3 {
					page, total, err := s.ListTasks(ctx, "", 3, offset)
					if err != nil {
						t.Fatal(err)
					}
					if total != len(specs) {
						t.Errorf("offset %d: total %d, want %d", offset, total, len(specs))
					}
					if wantLen := min(3, max(0, len(specs)-offset)); len(page) != wantLen {
						t.Errorf("offset %d: %d rows, want %d", offset, len(page), wantLen)
					}
					paged = append(paged, page...)
				}
				if !slices.Equal(paged, all) {
					t.Errorf("pages joined =\n%+v\nwant\n%+v", paged, all)
				}
				// A full last page, and a page far past the end, still report the total.
				for _, p := range []struct{ limit, offset int }{{len(specs), 0}, {1, len(specs) - 1}, {5, 100}} {
					if _, total, err := s.ListTasks(ctx, "", p.limit, p.offset); err != nil || total != len(specs) {
						t.Errorf("ListTasks(limit %d, offset %d) total = %d, %v; want %d", p.limit, p.offset, total, err, len(specs))
					}
				}
			})

			t.Run("Search", func(t *testing.T) {
				tests := []struct {
					q    string
					want []string // titles, newest first
				}{
					{"shop", []string{"Online Shop"}},
					{"SHOP", []string{"Online Shop"}},
					{"acme", []string{"Online Shop"}}, // client name
					{"Ａｃｍｅ", []string{"Online Shop"}}, // full-width, as typed with a Japanese IME
					{"ｻﾝﾌﾟﾙ", []string{"在庫管理システム"}},   // half-width katakana
					{"initech", []string{"Payroll"}},
					{"100", []string{"100 percent", "100% coverage"}}, // newest first
					{"在庫", []string{"在庫管理システム"}},
					{"サンプル", []string{"在庫管理システム"}},      // client name
					{"100%", []string{"100% coverage"}}, // not "100 percent"
					{"%", []string{"100% coverage"}},
					{"Foo_Bar", []string{"100% coverage"}}, // not "FooXBar"
					{"_", []string{"100% coverage"}},
					{`\t`, []string{`C:\temp\new`}},
					{`\`, []string{`C:\temp\new`}},
					{"  shop \t", []string{"Online Shop"}},
					{"\u3000shop\u3000", []string{"Online Shop"}}, // ideographic spaces
					{"   ", nil}, // trimmed to empty: everything
					{"nothing like this", []string{}},
					{"' OR 1=1 --", []string{}},
				}
				for _, tt := range tests {
					rows, total, err := s.ListTasks(ctx, tt.q, 100, 0)
					if err != nil {
						t.Errorf("ListTasks(%q): %v", tt.q, err)
						continue
					}
					if tt.want == nil {
						if total != len(specs) || len(rows) != len(specs) {
							t.Errorf("ListTasks(%q) = %d rows, total %d; want all %d", tt.q, len(rows), total, len(specs))
						}
						continue
					}
					got := make([]string, len(rows))
					for i, r := range rows {
						got[i] = r.Title
					}
					if !slices.Equal(got, tt.want) || total != len(tt.want) {
						t.Errorf("ListTasks(%q) = %q, total %d; want %q, total %d", tt.q, got, total, tt.want, len(tt.want))
					}
				}
				rows, total, err := s.ListTasks(ctx, "100", 1, 1)
				if err != nil || total != 2 || len(rows) != 1 || rows[0].Title != "100% coverage" {
					t.Errorf("ListTasks(100, 1, 1) = %+v, %d, %v; want 100%% coverage, total 2", rows, total, err)
				}
			})

			// Case is folded in Go, fully, the same on both databases.
			t.Run("NonASCIICase", func(t *testing.T) {
				createTask(t, s, newTestTask("ÉCOLE Ärger", "Straße"), base.Add(time.Hour))
				rows, _, err := s.ListTasks(ctx, "école ä", 10, 0)
				if err != nil {
					t.Fatal(err)
				}
				if len(rows) != 1 {
					t.Errorf("ListTasks(école ä) = %d rows, want 1 on %s", len(rows), s.Dialect())
				}
			})

			t.Run("InvalidPage", func(t *testing.T) {
				for _, p := range []struct{ limit, offset int }{{0, 0}, {-1, 0}, {10, -1}} {
					if _, _, err := s.ListTasks(ctx, "", p.limit, p.offset); err == nil {
						t.Errorf("ListTasks(limit %d, offset %d): no error", p.limit, p.offset)
					}
				}
			})
		})
	}
}

func TestDeleteTask(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			kept := createTask(t, s, newTestTask("Kept", "ACME", "A", "B"), time.Now())
			deleted := createTask(t, s, newTestTask("Deleted", "ACME", "A", "B", "C"), time.Now())
			if err := s.DeleteTask(ctx, deleted, userDeletion()); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Task(ctx, deleted); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("Task after DeleteTask: %v, want ErrNotFound", err)
			}
			if lines, err := s.TaskLines(ctx, deleted); err != nil || len(lines) != 0 {
				t.Errorf("TaskLines after DeleteTask = %v, %v; want none", lines, err)
			}
			if n := countRows(t, s, "task_lines"); n != 2 {
				t.Errorf("task_lines has %d rows, want the kept task's 2", n)
			}
			if err := s.DeleteTask(ctx, deleted, userDeletion()); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("second DeleteTask: %v, want ErrNotFound", err)
			}
			if _, err := s.Task(ctx, kept); err != nil {
				t.Errorf("Task(kept): %v", err)
			}

			// A task with a row in every table it owns loses all of them.
			full := "0b6f8e4c-2a1d-4c3b-9e5f-7a8b9c0d1e2f"
			insertTask(t, s, full)
			if err := s.DeleteTask(ctx, full, userDeletion()); err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteTask(ctx, kept, userDeletion()); err != nil {
				t.Fatal(err)
			}
			for _, table := range ownedTables {
				if n := countRows(t, s, table); n != 0 {
					t.Errorf("%s has %d rows after deleting every task, want 0", table, n)
				}
			}
		})
	}
}

func TestTaskUnicodeAndLongText(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			long := strings.Repeat("システム要件：ユーザー認証、決済、在庫連携。🚀 résumé naïve \"quoted\" 'single' \\ %_\n\t", 5000)
			in := newTestTask("見積り 🇯🇵 𠮷野家 e\u0301 '; DROP TABLE tasks; --", "株式会社テスト　様", "成果物①", "👍🏽 Zero\u200bwidth")
			in.Requirements = long
			in.Lines[0].Description = long
			id := createTask(t, s, in, time.Now())
			got, err := s.Task(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != in.Title || got.ClientName != in.ClientName || got.Requirements != in.Requirements {
				t.Errorf("text did not round-trip: title %q, client %q, requirements %d bytes (want %d)",
					got.Title, got.ClientName, len(got.Requirements), len(in.Requirements))
			}
			lines, err := s.TaskLines(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(lines) != 2 || lines[0].Name != in.Lines[0].Name || lines[0].Description != long ||
				lines[1].Name != in.Lines[1].Name {
				t.Errorf("lines did not round-trip: %d lines", len(lines))
			}
			if rows, total, err := s.ListTasks(ctx, "𠮷野家", 10, 0); err != nil || total != 1 || rows[0].ID != id {
				t.Errorf("ListTasks(𠮷野家) = %v, %d, %v; want the task", rows, total, err)
			}
		})
	}
}

// BenchmarkListTasks measures the estimates list on SQLite with a few thousand tasks: the first
// page, a deep page and a search, each with its total.
func BenchmarkListTasks(b *testing.B) {
	ctx := b.Context()
	s, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), "")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	const tasks = 5000
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range tasks {
		title := fmt.Sprintf("Project %d", i)
		if i%100 == 0 {
			title += " shop"
		}
		task := newTestTask(title, fmt.Sprintf("Client %d", i%50), "A", "B", "C", "D", "E")
		if _, err := s.CreateTask(ctx, task, base.Add(time.Duration(i)*time.Minute)); err != nil {
			b.Fatal(err)
		}
	}
	for _, bm := range []struct {
		name          string
		q             string
		limit, offset int
	}{
		{"FirstPage", "", 20, 0},
		{"DeepPage", "", 20, tasks / 2},
		{"Search", "shop", 20, 0},
	} {
		b.Run(bm.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := s.ListTasks(ctx, bm.q, bm.limit, bm.offset); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
