package store_test

import (
	"cmp"
	"fmt"
	"slices"
	"testing"
	"time"

	"estimator/store"
)

// TestListTasksManyTasks pages through a list many pages long, whole and searched, and checks
// every page and every total against the order worked out here: newest first, ties (tasks created
// in the same microsecond) broken by id. The clients are written the ways people type them, and a
// search finds all the ways whichever way it is typed.
func TestListTasksManyTasks(t *testing.T) {
	const tasks, perPage = 320, 50
	// Every second client is Acme, typed in one of three ways; the katakana company is typed in
	// full-width and in half-width katakana.
	clients := []string{"株式会社Ａｃｍｅ", "Globex", "ACME Inc.", "アクメ商事", "acme", "ｱｸﾒ商事"}
	isAcme := func(client string) bool { return client == clients[0] || client == clients[2] || client == clients[4] }
	isAkume := func(client string) bool { return client == clients[3] || client == clients[5] }
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
			var all []store.TaskSummary // as created, then sorted into the list's order
			for i := range tasks {
				// Three tasks share each creation time, so a page boundary falls inside ties.
				created := base.Add(time.Duration(i/3) * time.Hour)
				client := clients[i%len(clients)]
				lines := lineNames(1 + i%4)
				id := createTask(t, s, newTestTask(fmt.Sprintf("Project %03d", i), client, lines...), created)
				all = append(all, store.TaskSummary{ID: id, ClientName: client, LineCount: len(lines), CreatedAt: created})
			}
			slices.SortFunc(all, func(a, b store.TaskSummary) int {
				return cmp.Or(b.CreatedAt.Compare(a.CreatedAt), cmp.Compare(b.ID, a.ID))
			})
			checkPages(t, s, "", all, perPage)
			acme := filterTasks(all, isAcme)
			for _, q := range []string{"Ａｃｍｅ", "acme", "ACME", "ａＣｍＥ", " Acme "} {
				checkPages(t, s, q, acme, perPage)
			}
			akume := filterTasks(all, isAkume)
			for _, q := range []string{"アクメ", "ｱｸﾒ"} {
				checkPages(t, s, q, akume, perPage)
			}
			checkPages(t, s, "株式会社ａｃｍｅ", filterTasks(all, func(c string) bool { return c == clients[0] }), perPage)
		})
	}
}

// checkPages lists q page by page, one page beyond the last, and checks each page's ids, line
// counts and total against want, the matching tasks in the list's order.
func checkPages(t *testing.T, s *store.Store, q string, want []store.TaskSummary, perPage int) {
	t.Helper()
	for offset := 0; offset < len(want)+perPage; offset += perPage {
		page, total, err := s.ListTasks(t.Context(), q, perPage, offset)
		if err != nil {
			t.Fatalf("ListTasks(%q, offset %d): %v", q, offset, err)
		}
		if total != len(want) {
			t.Errorf("ListTasks(%q, offset %d): total %d, want %d", q, offset, total, len(want))
		}
		wantPage := want[min(offset, len(want)):min(offset+perPage, len(want))]
		if len(page) != len(wantPage) {
			t.Fatalf("ListTasks(%q, offset %d): %d rows, want %d", q, offset, len(page), len(wantPage))
		}
		for i, got := range page {
			w := wantPage[i]
			if got.ID != w.ID || got.LineCount != w.LineCount || !got.CreatedAt.Equal(w.CreatedAt) || got.ClientName != w.ClientName {
				t.Fatalf("ListTasks(%q, offset %d) row %d = %s (%s, %d lines, %v), want %s (%s, %d lines, %v)", q, offset, i,
					got.ID, got.ClientName, got.LineCount, got.CreatedAt, w.ID, w.ClientName, w.LineCount, w.CreatedAt)
			}
		}
	}
}

// filterTasks returns the tasks whose client keep accepts, in their order.
func filterTasks(tasks []store.TaskSummary, keep func(client string) bool) []store.TaskSummary {
	var out []store.TaskSummary
	for _, task := range tasks {
		if keep(task.ClientName) {
			out = append(out, task)
		}
	}
	return out
}
