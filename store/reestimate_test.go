package store_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"estimator/estimate"
	"estimator/store"
)

// questionedTask creates a task with one line per name and the questions qs, answered with
// answers, ready for StartRun, and returns its id.
func questionedTask(t *testing.T, s *store.Store, qs []store.NewQuestion, answers []string, names ...string) string {
	t.Helper()
	ctx := t.Context()
	id := createTask(t, s, newTestTask("Shop", "ACME", names...), t0)
	if err := s.EnqueueQuestions(ctx, id, 1, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.CompleteQuestionsJob(ctx, claim(t, s, "setup", t0), qs, t0); err != nil {
		t.Fatal(err)
	}
	saveAnswers(t, s, id, answers...)
	return id
}

func saveAnswers(t *testing.T, s *store.Store, taskID string, answers ...string) {
	t.Helper()
	if err := s.SaveAnswers(t.Context(), taskID, answers, t0); err != nil {
		t.Fatal(err)
	}
}

// answers returns the task's current answers in order, "<nil>" for an unanswered question.
func answers(t *testing.T, s *store.Store, taskID string) []string {
	t.Helper()
	qs, err := s.Questions(t.Context(), taskID)
	if err != nil {
		t.Fatal(err)
	}
	list := make([]string, len(qs))
	for i, q := range qs {
		list[i] = "<nil>"
		if q.Answer != nil {
			list[i] = *q.Answer
		}
	}
	return list
}

var twoQuestions = []store.NewQuestion{{Text: "Single sign-on?", Rationale: "scope"}, {Text: "Languages?", Rationale: "i18n"}}

func TestRunAnswers(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := questionedTask(t, s, twoQuestions, []string{"no", ""}, "Login")
			run := startRun(t, s, id, t0)
			saveAnswers(t, s, id, "yes", "ja, en") // edited after the run started
			got, err := s.RunAnswers(ctx, run.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := []store.RunAnswer{
				{Question: "Single sign-on?", Rationale: "scope", Answer: "no"},
				{Question: "Languages?", Rationale: "i18n", Answer: ""},
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("RunAnswers = %+v, want %+v", got, want)
			}
			if got, err := s.RunAnswers(ctx, startRun(t, s, answeredTask(t, s, "X"), t0).ID); err != nil || len(got) != 0 || got == nil {
				t.Errorf("RunAnswers of a run without questions = %#v, %v; want an empty list", got, err)
			}
			if _, err := s.RunAnswers(ctx, 999999); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("RunAnswers of a missing run: %v, want ErrNotFound", err)
			}
		})
	}
}

// TestReEstimate re-estimates a task whose latest revision renamed, added, removed, reordered and
// repriced lines and set a contingency and a discount: the run estimates what that revision shows,
// and its revision keeps what the person set.
func TestReEstimate(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := estimatedTask(t, s, "Login", "Cart", "Checkout")
			rev1, lines1 := latestRevision(t, s, id)
			login, cart := lines1[0], lines1[1]
			cart.Name, cart.Description = "Basket", "renamed"
			login.UnitCostMinor = 60000
			added := store.RevisionLine{Name: "Search", Phases: [5]int64{0, 0, 100, 0, 0}, Optimistic: 80, Pessimistic: 150,
				UnitCostMinor: 70000, Source: "manual"}
			edited := store.NewRevision{Reason: store.RevisionManualEdit, BaseNumber: 1, ContingencyBP: 1000,
				Lines: []store.RevisionLine{added, cart, login}} // Checkout removed
			edited.DiscountMinor = grossMinor(t, edited.Lines, edited.ContingencyBP) // as much as allowed
			rev2, lines2 := createRevision(t, s, id, 1, edited, t0.Add(time.Minute))

			later := t0.Add(time.Hour)
			run := startRun(t, s, id, later)
			_, runLines := latestRun(t, s, id)
			var names []string
			for _, l := range runLines {
				names = append(names, l.Name)
			}
			if want := []string{"Login", "Basket", "Search"}; !reflect.DeepEqual(names, want) {
				t.Errorf("run 2 estimates %v, want %v (task order, under the current names)", names, want)
			}
			if n := rowCount(t, s, "jobs", "run_id = ? AND status = 'queued'", run.ID); n != 3 {
				t.Errorf("run 2 has %d queued jobs, want 3", n)
			}
			taskLines, err := s.TaskLines(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if taskLines[1].Name != "Basket" || taskLines[1].Description != "renamed" || taskLines[2].Name != "Checkout" {
				t.Errorf("task lines = %+v; want Cart renamed and Checkout kept", taskLines)
			}
			completeRun(t, s, id, later) // smaller estimates than revision 1's

			rev3, lines3 := latestRevision(t, s, id)
			if rev3.Number != 3 || rev3.Reason != store.RevisionInitial || rev3.Kind() != store.RevisionReEstimate ||
				rev3.BasedOnRevisionID != rev2.ID || rev3.BaseNumber != 2 || rev3.RunID != run.ID || rev3.Note != "" ||
				rev3.ContingencyBP != 1000 || rev3.Currency != rev1.Currency || rev3.TaxRateBP != rev1.TaxRateBP {
				t.Errorf("re-estimate = %+v (kind %s)", rev3, rev3.Kind())
			}
			var keys []string
			var costs []int64
			for _, l := range lines3 {
				keys = append(keys, l.LineKey)
				costs = append(costs, l.UnitCostMinor)
			}
			wantKeys := []string{lines2[0].LineKey, lines2[1].LineKey, lines2[2].LineKey}
			if !reflect.DeepEqual(keys, wantKeys) || !reflect.DeepEqual(costs, []int64{70000, 50000, 60000}) ||
				lines3[1].Name != "Basket" || lines3[0].Source != "ai" {
				t.Errorf("re-estimate lines = %+v; want revision 2's order and unit costs", lines3)
			}
			if want := grossMinor(t, lines3, 1000); rev3.DiscountMinor != want || want >= edited.DiscountMinor {
				t.Errorf("discount %d, want it lowered from %d to the new lines plus contingency, %d",
					rev3.DiscountMinor, edited.DiscountMinor, want)
			}

			// A discount that still fits is carried over as it is.
			_, lines := latestRevision(t, s, id)
			createRevision(t, s, id, 3, store.NewRevision{Reason: store.RevisionQuickAction, BaseNumber: 3,
				ContingencyBP: 500, DiscountMinor: 1000, Lines: lines}, later)
			startRun(t, s, id, later)
			completeRun(t, s, id, later)
			if rev5, _ := latestRevision(t, s, id); rev5.Number != 5 || rev5.DiscountMinor != 1000 || rev5.ContingencyBP != 500 {
				t.Errorf("second re-estimate = %+v, want discount 1000 and contingency 500 carried over", rev5)
			}
		})
	}
}

// grossMinor is the lines' amounts plus contingency: the largest discount they allow.
func grossMinor(t *testing.T, lines []store.RevisionLine, contingencyBP int64) int64 {
	t.Helper()
	doc := estimate.Document{ContingencyBP: contingencyBP}
	for _, l := range lines {
		doc.Lines = append(doc.Lines, estimate.Line{Name: l.Name, UnitCostMinor: l.UnitCostMinor,
			Effort: estimate.Effort{Phases: l.Phases, Optimistic: l.Optimistic, Pessimistic: l.Pessimistic}})
	}
	tot, err := doc.Totals()
	if err != nil {
		t.Fatal(err)
	}
	return tot.SubtotalMinor
}

// TestCancelRunRestoresAnswers: cancelling a re-estimate puts back the answers the shown estimate
// rests on, unless the questions are no longer the ones they answer.
func TestCancelRunRestoresAnswers(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := questionedTask(t, s, twoQuestions, []string{"no", "ja"}, "Login")
			startRun(t, s, id, t0)
			saveAnswers(t, s, id, "first draft", "") // answers of a cancelled first run are kept
			if err := s.CancelRun(ctx, id, t0); err != nil {
				t.Fatal(err)
			}
			if got := answers(t, s, id); !reflect.DeepEqual(got, []string{"first draft", ""}) {
				t.Errorf("answers after cancelling a first run = %q, want them unchanged", got)
			}
			saveAnswers(t, s, id, "no", "ja")
			startRun(t, s, id, t0)
			completeRun(t, s, id, t0)

			saveAnswers(t, s, id, "yes", "ja, en")
			startRun(t, s, id, t0.Add(time.Hour))
			if err := s.CancelRun(ctx, id, t0.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			if got := answers(t, s, id); !reflect.DeepEqual(got, []string{"no", "ja"}) {
				t.Errorf("answers after cancelling a re-estimate = %q, want those of revision 1", got)
			}
			if status, _ := taskStatus(t, s, id); status != store.StatusEstimated {
				t.Errorf("status %q, want estimated", status)
			}

			saveAnswers(t, s, id, "yes", "en")
			startRun(t, s, id, t0.Add(2*time.Hour))
			if _, err := s.DB().ExecContext(ctx, s.DB().Rebind(`UPDATE questions SET text = ? WHERE task_id = ? AND position = 2`), "Platforms?", id); err != nil {
				t.Fatal(err)
			}
			if err := s.CancelRun(ctx, id, t0.Add(2*time.Hour)); err != nil {
				t.Fatal(err)
			}
			if got := answers(t, s, id); !reflect.DeepEqual(got, []string{"yes", "en"}) {
				t.Errorf("answers after cancelling with other questions = %q, want them unchanged", got)
			}
		})
	}
}

// TestStartRunForAnswersKeepsTheSameRun: the same answers again leave the run as it is; new
// answers, or a cancelled run, start another; on both engines.
func TestStartRunForAnswersKeepsTheSameRun(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := questionedTask(t, s, twoQuestions, []string{"no", ""}, "Login")
			first, err := s.StartRunForAnswers(ctx, id, 1, t0)
			if err != nil {
				t.Fatal(err)
			}
			again, err := s.StartRunForAnswers(ctx, id, 1, t0.Add(time.Hour))
			if err != nil || again.ID != first.ID {
				t.Fatalf("same answers: run %d (%v), want run %d again", again.ID, err, first.ID)
			}
			saveAnswers(t, s, id, "yes", "")
			next, err := s.StartRunForAnswers(ctx, id, 1, t0.Add(2*time.Hour))
			if err != nil || next.Number != first.Number+1 {
				t.Fatalf("new answers: run %+v (%v)", next, err)
			}
			if err := s.CancelRun(ctx, id, t0.Add(3*time.Hour)); err != nil {
				t.Fatal(err)
			}
			if after, err := s.StartRunForAnswers(ctx, id, 1, t0.Add(4*time.Hour)); err != nil || after.Number != next.Number+1 {
				t.Errorf("after a cancel: run %+v (%v), want a new one", after, err)
			}
		})
	}
}
