package store

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestListTasksPlan checks on SQLite that every statement of the estimates list reads tasks
// through an index and never sorts more than the page (see migration 00010): the page's ids come
// from tasks_list_idx alone, walked in the list's order, the page's tasks are looked up by primary
// key, and a search's total scans tasks_search_idx. PostgreSQL chooses plans by cost, so its
// plans are checked on 10,000 tasks with EXPLAIN ANALYZE (BENCHMARKS.md) rather than here.
func TestListTasksPlan(t *testing.T) {
	ctx := t.Context()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"), "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, query string
		args        []any
		uses        string // an index the plan must name
	}{
		{"list", listTasksQuery, []any{50, 9950}, "COVERING INDEX tasks_list_idx"},
		{"search", searchTasksQuery, []any{"%acme%", 50, 0}, "COVERING INDEX tasks_list_idx"},
		{"count", countTasksQuery, nil, "COVERING INDEX"},
		{"count search", countSearchQuery, []any{"%acme%"}, "COVERING INDEX tasks_search_idx"},
	} {
		var plan []struct {
			ID, Parent, NotUsed int
			Detail              string
		}
		if err := s.db.SelectContext(ctx, &plan, "EXPLAIN QUERY PLAN "+tt.query, tt.args...); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var details []string
		for _, p := range plan {
			details = append(details, p.Detail)
		}
		text := strings.Join(details, "\n")
		if !strings.Contains(text, tt.uses) {
			t.Errorf("%s: the plan does not use %s:\n%s", tt.name, tt.uses, text)
		}
		for _, p := range plan {
			// A sort at the top (parent 0) orders the page's rows; one inside the derived table
			// would sort every row before the page.
			if p.Detail == "SCAN tasks" || p.Detail == "SCAN t" || (strings.Contains(p.Detail, "TEMP B-TREE") && p.Parent != 0) {
				t.Errorf("%s: %q reads the whole table or sorts more than the page:\n%s", tt.name, p.Detail, text)
			}
		}
	}
}
