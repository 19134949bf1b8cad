package store_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"estimator/store"
)

// TestRevisionHistoryBrief checks that the brief history has the revisions of the whole one and
// each line's figures, the same totals in fewer bytes.
func TestRevisionHistoryBrief(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := estimatedTask(t, s, "Login", "Cart", "Search")
			_, lines := latestRevision(t, s, id)
			edited := slices.Clone(lines)
			edited[0].UnitCostMinor += 1000
			edited[2].Phases[2] += 15
			createRevision(t, s, id, 1, store.NewRevision{Reason: store.RevisionManualEdit, BaseNumber: 1,
				DiscountMinor: 5000, Lines: edited[1:]}, t0.Add(time.Hour))

			wholeRevs, whole, err := s.RevisionHistory(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			revs, brief, err := s.RevisionHistoryBrief(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(revs, wholeRevs) || len(revs) != 2 {
				t.Errorf("brief revisions = %+v\nwant %+v", revs, wholeRevs)
			}
			want := map[int][]store.RevisionLine{}
			for number, lines := range whole {
				for _, l := range lines {
					want[number] = append(want[number], store.RevisionLine{Position: l.Position, Phases: l.Phases,
						Optimistic: l.Optimistic, Pessimistic: l.Pessimistic, UnitCostMinor: l.UnitCostMinor})
				}
			}
			if !reflect.DeepEqual(brief, want) {
				t.Errorf("brief lines = %+v\nwant %+v", brief, want)
			}
			for _, missing := range []string{"no-such-task", "00000000-0000-4000-8000-000000000000"} {
				if revs, lines, err := s.RevisionHistoryBrief(ctx, missing); err != nil || len(revs) != 0 || len(lines) != 0 {
					t.Errorf("history of %q = %v, %v, %v; want empty", missing, revs, lines, err)
				}
			}
		})
	}
}
