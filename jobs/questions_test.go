package jobs_test

import (
	"slices"
	"testing"

	"estimator/jobs"
	"estimator/llm/offline"
	"estimator/store"
)

// TestAskDifferentQuestions: asking for questions again shows the engine the questions already
// asked, so the offline engine asks about what it has not asked yet instead of the same ones.
func TestAskDifferentQuestions(t *testing.T) {
	s := sqliteDB(t).open(t)
	r := jobs.New(s, offline.New(), discard(), fast())
	start(t, r)
	id := newTask(t, s, 3, 2)
	texts := func() []string {
		qs, err := s.Questions(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, q := range qs {
			out = append(out, q.Text)
		}
		return out
	}
	if err := r.EnqueueQuestions(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, s, id, store.StatusAwaitingAnswers)
	first := texts()
	if err := r.EnqueueQuestions(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "new questions", func() bool {
		got := texts()
		return len(got) == len(first) && !slices.Equal(got, first)
	})
	for _, q := range texts() {
		if slices.Contains(first, q) {
			t.Errorf("asked again: %q (first: %q)", q, first)
		}
	}
}
