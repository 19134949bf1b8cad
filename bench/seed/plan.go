package main

import (
	"math/rand/v2"
	"strings"
	"time"

	"estimator/store"
)

// How far a seeded task goes: the statuses a list of real tasks shows, most of them estimated.
const (
	outcomeEstimated = store.StatusEstimated
	outcomeAwaiting  = store.StatusAwaitingAnswers
	outcomeFailed    = store.StatusFailed
)

// plan is everything seedTask writes for one task, drawn up front so the store calls carry no
// randomness of their own.
type plan struct {
	corpus    *corpus
	task      store.NewTask
	createdAt time.Time
	outcome   string
	questions []store.NewQuestion
	answers   []string           // one per question
	lines     []store.LineValues // the estimate of each deliverable, in order
	revisions int                // 1 to 3 for an estimated task
}

// newPlan draws one task: Japanese three times in five, 3 to 20 deliverables, and an outcome.
func newPlan(rng *rand.Rand, createdAt time.Time) plan {
	c := &english
	if rng.IntN(5) < 3 {
		c = &japanese
	}
	p := plan{corpus: c, createdAt: createdAt, outcome: outcomeEstimated, revisions: 1}
	switch n := rng.IntN(100); {
	case n < 8:
		p.outcome = outcomeAwaiting
	case n < 12:
		p.outcome = outcomeFailed
	case n < 27:
		p.revisions = 3
	case n < 52:
		p.revisions = 2
	}
	p.task = store.NewTask{
		Title:           pick(rng, c.systems) + " " + pick(rng, c.actions),
		ClientName:      pick(rng, c.clients),
		ClientHonorific: pick(rng, c.honorifics),
		Language:        c.language,
		Currency:        c.currency,
		TaxRateBP:       c.taxRateBP,
		TaxRounding:     "down",
		UnitCostMinor:   c.unitCostMinor,
		Requirements:    strings.Join(pickSome(rng, c.requirements, 2+rng.IntN(4)), " "),
		QuestionCount:   3,
		// The questions job is queued with the task, as the application creates it.
		QuestionsJobAttempts: 1,
	}
	for _, name := range pickSome(rng, c.deliverables, 3+rng.IntN(18)) {
		p.task.Lines = append(p.task.Lines, store.NewLine{Name: name, Description: pick(rng, c.descriptions)})
		p.lines = append(p.lines, lineValues(rng))
	}
	for _, q := range pickSome(rng, c.questions, rng.IntN(4)) {
		p.questions = append(p.questions, store.NewQuestion{Text: q})
		p.answers = append(p.answers, pick(rng, c.answers))
	}
	return p
}

// lineValues draws an estimate of 1 to 20 days of implementation, the other phases in fixed
// proportions of it, and a range around the total.
func lineValues(rng *rand.Rand) store.LineValues {
	impl := 10 + rng.Int64N(191)
	phases := [5]int64{impl * 15 / 100, impl * 25 / 100, impl, impl * 30 / 100, impl * 10 / 100}
	var days int64
	for _, d := range phases {
		days += d
	}
	return store.LineValues{
		Phases:      phases,
		Optimistic:  days * 80 / 100,
		Pessimistic: days * 150 / 100,
		Confidence:  pick(rng, []string{"low", "medium", "medium", "high"}),
		Source:      "offline",
	}
}

// pick returns one of list at random.
func pick[T any](rng *rand.Rand, list []T) T {
	return list[rng.IntN(len(list))]
}

// pickSome returns n different elements of list (all of them when n is larger) in random order.
func pickSome[T any](rng *rand.Rand, list []T, n int) []T {
	out := make([]T, 0, min(n, len(list)))
	for _, i := range rng.Perm(len(list))[:cap(out)] {
		out = append(out, list[i])
	}
	return out
}
