package store_test

import (
	"testing"
	"time"

	"estimator/store"
)

// TestListShowsLatestTotal: the list of estimates reads every task's latest total (tax included)
// in its one query, kept on each revision when it is written; totals missing from revisions
// written before they were kept are filled when the store is migrated.
func TestListShowsLatestTotal(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := estimatedTask(t, s, "Login", "Cart")
			pending := answeredTask(t, s, "Search")
			totalOf := func() map[string]*int64 {
				tasks, _, err := s.ListTasks(ctx, "", 50, 0)
				if err != nil {
					t.Fatal(err)
				}
				out := map[string]*int64{}
				for _, task := range tasks {
					out[task.ID] = task.TotalMinor
				}
				return out
			}
			want := func(number int) int64 {
				rev, lines := latestRevision(t, s, id)
				if rev.Number != number {
					t.Fatalf("latest revision %d, want %d", rev.Number, number)
				}
				tot, err := rev.Document(lines).Totals()
				if err != nil {
					t.Fatal(err)
				}
				return tot.TotalMinor
			}
			got := totalOf()
			if got[pending] != nil || got[id] == nil || *got[id] != want(1) {
				t.Fatalf("totals %v, want none for the pending task and %d", got, want(1))
			}
			_, lines := latestRevision(t, s, id)
			createRevision(t, s, id, 1, store.NewRevision{Reason: store.RevisionQuickAction, BaseNumber: 1, DiscountMinor: 1000, Lines: lines}, t0.Add(time.Hour))
			if got := totalOf()[id]; got == nil || *got != want(2) {
				t.Errorf("after a discount: %v, want %d", got, want(2))
			}

			if _, err := s.DB().ExecContext(ctx, `UPDATE revisions SET total_minor = NULL`); err != nil {
				t.Fatal(err)
			}
			if got := totalOf()[id]; got != nil {
				t.Fatalf("total %d with no total kept", *got)
			}
			if err := s.FillRevisionTotals(ctx); err != nil {
				t.Fatal(err)
			}
			if got := totalOf()[id]; got == nil || *got != want(2) {
				t.Errorf("after filling: %v, want %d", got, want(2))
			}
		})
	}
}

// TestSearchTextFilled: tasks created before the search text was kept are found once the store
// has migrated.
func TestSearchTextFilled(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := createTask(t, s, newTestTask("Ｗｅｂ Shop", "ACME Corp", "Login"), t0)
			if _, err := s.DB().ExecContext(ctx, `UPDATE tasks SET search_text = ''`); err != nil {
				t.Fatal(err)
			}
			if tasks, _, _ := s.ListTasks(ctx, "web", 10, 0); len(tasks) != 0 {
				t.Fatalf("found without search text: %+v", tasks)
			}
			if err := s.FillTaskSearch(ctx); err != nil {
				t.Fatal(err)
			}
			if tasks, _, err := s.ListTasks(ctx, "web", 10, 0); err != nil || len(tasks) != 1 || tasks[0].ID != id {
				t.Errorf("after filling: %+v, %v", tasks, err)
			}
		})
	}
}
