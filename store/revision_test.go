package store_test

import (
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"estimator/store"
)

// completeRun completes every due job, each an estimate_line job of the task, with lineValues(10),
// lineValues(20), … in the order they are claimed.
func completeRun(t *testing.T, s *store.Store, taskID string, now time.Time) {
	t.Helper()
	for i := 1; ; i++ {
		job, err := s.ClaimJob(t.Context(), "w1", testLease, now)
		if errors.Is(err, store.ErrNotFound) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if job.TaskID != taskID || job.Kind != store.JobEstimateLine {
			t.Fatalf("claimed %s of task %s while completing a run of %s", job.Kind, job.TaskID, taskID)
		}
		if err := s.CompleteLineJob(t.Context(), job, lineValues(int64(10*i)), now); err != nil {
			t.Fatal(err)
		}
	}
}

// estimatedTask returns a task with one line per name whose first run has finished: it has
// revision 1.
func estimatedTask(t *testing.T, s *store.Store, names ...string) string {
	t.Helper()
	id := answeredTask(t, s, names...)
	startRun(t, s, id, t0)
	completeRun(t, s, id, t0)
	return id
}

// latestRevision returns the task's latest revision and its lines.
func latestRevision(t *testing.T, s *store.Store, taskID string) (store.Revision, []store.RevisionLine) {
	t.Helper()
	rev, lines, err := s.LatestRevision(t.Context(), taskID)
	if err != nil {
		t.Fatal(err)
	}
	return rev, lines
}

// createRevision stores nr as revision expect+1 and fails the test on error.
func createRevision(t *testing.T, s *store.Store, taskID string, expect int, nr store.NewRevision, now time.Time) (store.Revision, []store.RevisionLine) {
	t.Helper()
	rev, lines, err := s.CreateRevision(t.Context(), taskID, expect, nr, now)
	if err != nil {
		t.Fatalf("CreateRevision(%d, %s): %v", expect, nr.Reason, err)
	}
	return rev, lines
}

func TestCreateRevision(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := estimatedTask(t, s, "Login", "Cart")
			rev1, lines1 := latestRevision(t, s, id)
			if rev1.Kind() != store.RevisionInitial || rev1.BaseNumber != 0 || rev1.RunID == 0 {
				t.Errorf("revision 1 = %+v, kind %s; want initial, no base, a run", rev1, rev1.Kind())
			}

			login, cart := lines1[0], lines1[1]
			cart.Name, cart.Description, cart.Position = "Basket", "renamed", 7
			login.UnitCostMinor, login.Source = 60000, "manual"
			added := store.RevisionLine{Name: "Search", Description: "full text", Phases: [5]int64{0, 0, 20, 0, 0},
				Optimistic: 10, Pessimistic: 40, UnitCostMinor: 50000, Assumptions: []string{"index"}, Source: "manual"}
			later := t0.Add(time.Hour)
			rev2, lines2 := createRevision(t, s, id, 1, store.NewRevision{
				Reason: store.RevisionManualEdit, Note: "edited", BaseNumber: 1, ContingencyBP: 1000, DiscountMinor: 5000,
				Lines: []store.RevisionLine{cart, added, login},
			}, later)
			wantRev := store.Revision{ID: rev2.ID, TaskID: id, Number: 2, Reason: store.RevisionManualEdit,
				BasedOnRevisionID: rev1.ID, BaseNumber: 1, RunID: rev1.RunID, Note: "edited", Currency: rev1.Currency,
				TaxRateBP: rev1.TaxRateBP, TaxRounding: rev1.TaxRounding, ContingencyBP: 1000, DiscountMinor: 5000,
				CreatedAt: later}
			if rev2 != wantRev || rev2.Kind() != store.RevisionManualEdit {
				t.Errorf("revision 2 = %+v, want %+v", rev2, wantRev)
			}
			taskLines, err := s.TaskLines(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(taskLines) != 3 || taskLines[2].Name != "Search" || taskLines[2].Description != "full text" ||
				taskLines[2].Position != 3 || taskLines[1].Name != "Cart" {
				t.Fatalf("task lines = %+v; want Search added third and Cart kept as entered", taskLines)
			}
			cart.Position, login.Position = 1, 3
			added.Position, added.LineKey, added.Risks = 2, "line-"+itoa(taskLines[2].ID), []string{}
			if want := []store.RevisionLine{cart, added, login}; !reflect.DeepEqual(lines2, want) {
				t.Errorf("revision 2 lines = %+v\nwant %+v", lines2, want)
			}
			if got, gotLines, err := s.Revision(ctx, id, 2); err != nil || got != rev2 || !reflect.DeepEqual(gotLines, lines2) {
				t.Errorf("Revision(2) = %+v, %+v, %v; want what CreateRevision returned", got, gotLines, err)
			}
			if got, gotLines := latestRevision(t, s, id); got != rev2 || !reflect.DeepEqual(gotLines, lines2) {
				t.Errorf("LatestRevision = %+v, %+v; want revision 2", got, gotLines)
			}

			rev3, lines3 := createRevision(t, s, id, 2, store.NewRevision{Reason: store.RevisionRestore, BaseNumber: 1,
				Lines: lines1}, later)
			if rev3.Number != 3 || rev3.BaseNumber != 1 || rev3.Kind() != store.RevisionRestore || rev3.RunID != rev1.RunID ||
				!reflect.DeepEqual(lines3, lines1) {
				t.Errorf("restore = %+v with %+v; want revision 3 based on 1 with its lines", rev3, lines3)
			}

			revs, lines, err := s.RevisionHistory(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if want := []store.Revision{rev3, rev2, rev1}; !reflect.DeepEqual(revs, want) {
				t.Errorf("RevisionHistory revisions = %+v\nwant %+v", revs, want)
			}
			if want := map[int][]store.RevisionLine{1: lines1, 2: lines2, 3: lines3}; !reflect.DeepEqual(lines, want) {
				t.Errorf("RevisionHistory lines = %+v\nwant %+v", lines, want)
			}
		})
	}
}

func TestCreateRevisionRejects(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := estimatedTask(t, s, "Login")
			_, lines := latestRevision(t, s, id)
			edit := func(mod func(*store.NewRevision)) store.NewRevision {
				nr := store.NewRevision{Reason: store.RevisionQuickAction, BaseNumber: 1, Lines: lines}
				mod(&nr)
				return nr
			}
			unknown := lines[0]
			unknown.LineKey = "line-999999"
			for name, nr := range map[string]store.NewRevision{
				"InitialReason":  edit(func(nr *store.NewRevision) { nr.Reason = store.RevisionInitial }),
				"UnknownReason":  edit(func(nr *store.NewRevision) { nr.Reason = "whim" }),
				"NoLines":        edit(func(nr *store.NewRevision) { nr.Lines = nil }),
				"KeyTwice":       edit(func(nr *store.NewRevision) { nr.Lines = append(nr.Lines, lines[0]) }),
				"UnknownKey":     edit(func(nr *store.NewRevision) { nr.Lines = []store.RevisionLine{unknown} }),
				"DiscountTooBig": edit(func(nr *store.NewRevision) { nr.DiscountMinor = 1 << 40 }),
				"NegativeRate":   edit(func(nr *store.NewRevision) { nr.ContingencyBP = -1 }),
			} {
				_, _, err := s.CreateRevision(ctx, id, 1, nr, t0)
				if err == nil || errors.Is(err, store.ErrConflict) || errors.Is(err, store.ErrStale) || errors.Is(err, store.ErrNotFound) {
					t.Errorf("%s: CreateRevision = %v; want a plain error", name, err)
				}
			}
			ok := edit(func(*store.NewRevision) {})
			if _, _, err := s.CreateRevision(ctx, id, 2, ok, t0); !errors.Is(err, store.ErrStale) {
				t.Errorf("expect 2 when the latest is 1: %v, want ErrStale", err)
			}
			if _, _, err := s.CreateRevision(ctx, id, 1, edit(func(nr *store.NewRevision) { nr.BaseNumber = 5 }), t0); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("base revision 5: %v, want ErrNotFound", err)
			}
			if _, _, err := s.CreateRevision(ctx, "3f1c2b9a-5d4e-4f60-8a7b-9c0d1e2f3a4b", 1, ok, t0); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("missing task: %v, want ErrNotFound", err)
			}
			if _, _, err := s.CreateRevision(ctx, answeredTask(t, s, "X"), 0, ok, t0); !errors.Is(err, store.ErrConflict) {
				t.Errorf("task not estimated yet: %v, want ErrConflict", err)
			}
			startRun(t, s, id, t0)
			if _, _, err := s.CreateRevision(ctx, id, 1, ok, t0); !errors.Is(err, store.ErrConflict) {
				t.Errorf("while re-estimating: %v, want ErrConflict", err)
			}
			if n := rowCount(t, s, "revisions", "task_id = ?", id); n != 1 {
				t.Errorf("%d revisions after rejected changes, want 1", n)
			}
			if _, _, err := s.Revision(ctx, id, 2); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("Revision(2): %v, want ErrNotFound", err)
			}
		})
	}
}

// rawRows returns every column of the rows query selects, as the driver returns them.
func rawRows(t *testing.T, s *store.Store, query string, args ...any) [][]any {
	t.Helper()
	rows, err := s.DB().QueryxContext(t.Context(), s.DB().Rebind(query), args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var all [][]any
	for rows.Next() {
		row, err := rows.SliceScan()
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return all
}

// TestRevisionImmutable makes twenty revisions of every kind a person makes and checks that
// revision 1 is what it was, as the API returns it and as the database holds it.
func TestRevisionImmutable(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := estimatedTask(t, s, "Login", "Cart", "Checkout")
			rev1, lines1, err := s.Revision(ctx, id, 1)
			if err != nil {
				t.Fatal(err)
			}
			const revisionRows = `SELECT * FROM revisions WHERE id = ?`
			const lineRows = `SELECT * FROM revision_lines WHERE revision_id = ? ORDER BY position`
			rawRev, rawLines := rawRows(t, s, revisionRows, rev1.ID), rawRows(t, s, lineRows, rev1.ID)

			for i := range 20 {
				number := i + 1
				_, lines := latestRevision(t, s, id)
				nr := store.NewRevision{BaseNumber: number, Lines: lines}
				switch i % 4 {
				case 0:
					reply, err := s.AddReply(ctx, id, number, "cheaper", "offline", []store.NewProposal{{Title: "Cut", Changes: "{}"}}, t0)
					if err != nil {
						t.Fatal(err)
					}
					ps, err := s.Proposals(ctx, id)
					if err != nil {
						t.Fatal(err)
					}
					p := ps[len(ps)-1]
					if p.MessageID != reply.ID {
						t.Fatalf("last proposal %+v is not of reply %d", p, reply.ID)
					}
					nr.Reason, nr.ProposalID = store.RevisionProposal, p.ID
					nr.Lines[0].Phases[2]++
				case 1:
					nr.Reason, nr.ContingencyBP, nr.DiscountMinor = store.RevisionQuickAction, int64(100*i), 1000
					nr.Lines[1].UnitCostMinor += 1000
				case 2:
					nr.Reason = store.RevisionManualEdit
					nr.Lines[0].Name += " (edited)"
					nr.Lines = append(nr.Lines, store.RevisionLine{Name: fmt.Sprintf("New %d", i), Phases: [5]int64{0, 0, 10, 0, 0},
						Optimistic: 10, Pessimistic: 10, UnitCostMinor: 50000, Source: "manual"})
				case 3:
					nr.Reason, nr.BaseNumber, nr.Lines = store.RevisionRestore, 1, lines1
				}
				createRevision(t, s, id, number, nr, t0.Add(time.Duration(number)*time.Minute))
			}

			if latest, _ := latestRevision(t, s, id); latest.Number != 21 {
				t.Fatalf("latest revision %d, want 21", latest.Number)
			}
			rev, lines, err := s.Revision(ctx, id, 1)
			if err != nil {
				t.Fatal(err)
			}
			if rev != rev1 || !reflect.DeepEqual(lines, lines1) {
				t.Errorf("revision 1 changed:\n%+v %+v\nwas\n%+v %+v", rev, lines, rev1, lines1)
			}
			if got := rawRows(t, s, revisionRows, rev1.ID); !reflect.DeepEqual(got, rawRev) {
				t.Errorf("revision 1 row changed:\n%v\nwas\n%v", got, rawRev)
			}
			if got := rawRows(t, s, lineRows, rev1.ID); !reflect.DeepEqual(got, rawLines) {
				t.Errorf("revision 1 lines changed:\n%v\nwas\n%v", got, rawLines)
			}
		})
	}
}

// TestCreateRevisionConcurrent applies two changes on the same base at the same moment, as two
// tabs would: exactly one wins and the other learns that the estimate changed.
func TestCreateRevisionConcurrent(t *testing.T) {
	const rounds = 10
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			id := estimatedTask(t, s, "Login", "Cart")
			for round := range rounds {
				expect := round + 1
				_, lines := latestRevision(t, s, id)
				ready := make(chan struct{})
				errs := make([]error, 2)
				var wg sync.WaitGroup
				for i := range errs {
					wg.Go(func() {
						<-ready
						nr := store.NewRevision{Reason: store.RevisionQuickAction, BaseNumber: expect, Lines: lines,
							ContingencyBP: int64(100 * (i + 1))}
						_, _, errs[i] = s.CreateRevision(t.Context(), id, expect, nr, t0)
					})
				}
				close(ready)
				wg.Wait()
				won, stale := 0, 0
				for _, err := range errs {
					switch {
					case err == nil:
						won++
					case errors.Is(err, store.ErrStale):
						stale++
					default:
						t.Errorf("round %d: %v", round, err)
					}
				}
				if won != 1 || stale != 1 {
					t.Fatalf("round %d: %d succeeded and %d were stale, want 1 and 1", round, won, stale)
				}
				if latest, _ := latestRevision(t, s, id); latest.Number != expect+1 {
					t.Fatalf("round %d: latest revision %d, want %d", round, latest.Number, expect+1)
				}
			}
		})
	}
}
