package offline

import (
	"context"
	"slices"
	"strings"

	"estimator/llm"
	"estimator/llm/internal/keyword"
)

// maxQuestions is the most questions asked before estimating: more answers sharpen the
// estimate, but each one costs the user time before they see anything.
const maxQuestions = 5

// Questions picks n questions (clamped to 1–5) from the bank. Topics are scored by how many of
// their keywords appear in the title, requirements and deliverables; the highest scores come
// first, ties and the rest in the default topic order. A topic whose count is already stated
// ("20画面") comes after every other topic, and one already asked comes last of all, so that
// the user is asked only what the estimate does not yet know.
func (o *Engine) Questions(ctx context.Context, t llm.Task, n int) ([]llm.Question, llm.Usage, error) {
	if err := ctx.Err(); err != nil {
		return nil, offlineUsage(), err
	}
	n = min(max(n, 1), maxQuestions)
	text := keyword.Fold(taskText(t))
	stated := scanCounts(text, srcRequirements)
	asked := askedTopics(t.Answers)

	type candidate struct {
		topic         topic
		score         int
		stated, asked bool
	}
	cands := make([]candidate, numTopics)
	for tp := range numTopics {
		c := candidate{topic: tp, asked: asked[tp]}
		e := questionBank[tp]
		c.stated = e.answeredBy != noSignal && stated.has(e.answeredBy)
		for _, w := range e.words {
			if keyword.Contains(text, w) {
				c.score++
			}
		}
		cands[tp] = c
	}
	slices.SortStableFunc(cands, func(a, b candidate) int {
		switch {
		case a.asked != b.asked:
			return boolOrder(a.asked)
		case a.stated != b.stated:
			return boolOrder(a.stated)
		}
		return b.score - a.score
	})

	l := languageOf(t.Language)
	qs := make([]llm.Question, 0, n)
	for _, c := range cands[:n] {
		e := questionBank[c.topic]
		qs = append(qs, llm.Question{Text: e.question.in(l), Rationale: e.rationale.in(l)})
	}
	return qs, offlineUsage(), nil
}

// boolOrder sorts false before true.
func boolOrder(b bool) int {
	if b {
		return 1
	}
	return -1
}

// taskText joins everything the user wrote about the task, for keyword scoring.
func taskText(t llm.Task) string {
	var b strings.Builder
	b.WriteString(t.Title)
	b.WriteString("\n")
	b.WriteString(t.Requirements)
	for _, l := range t.Lines {
		b.WriteString("\n")
		b.WriteString(l.Name)
		b.WriteString("\n")
		b.WriteString(l.Description)
	}
	return b.String()
}

// askedTopics marks the bank topics whose questions were asked already.
func askedTopics(answers []llm.QA) [numTopics]bool {
	var asked [numTopics]bool
	for _, a := range answers {
		if tp, ok := bankTopic(a.Question); ok {
			asked[tp] = true
		}
	}
	return asked
}
