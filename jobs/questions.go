package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"estimator/llm"
	"estimator/store"
)

// questions generates the task's clarifying questions (as many as the task asks for) and stores
// them; the task then awaits its answers. A task that asks for none gets none without a call.
// The questions already asked (with any answers) go to the engine, so that asking again brings
// questions about what is not known yet rather than the same ones.
func (r *Runner) questions(ctx context.Context, job store.Job, log *slog.Logger) error {
	in, err := r.loadTask(ctx, job.TaskID, true)
	if err != nil {
		return err
	}
	n := in.task.QuestionCount
	var qs []store.NewQuestion
	if n > 0 {
		qs, _, err = callEngine(ctx, r, job, log,
			func(ctx context.Context) ([]store.NewQuestion, llm.Usage, error) {
				got, usage, err := r.engineFor(job).Questions(ctx, in.llm, n)
				return toNewQuestions(got), usage, err
			},
			func(qs []store.NewQuestion) ([]store.NewQuestion, error) { return checkQuestions(qs, n) })
		if err != nil {
			return err
		}
	}
	return r.store.CompleteQuestionsJob(ctx, job, qs, r.cfg.Now())
}

// toNewQuestions converts the engine's questions, trimmed.
func toNewQuestions(qs []llm.Question) []store.NewQuestion {
	out := make([]store.NewQuestion, len(qs))
	for i, q := range qs {
		out[i] = store.NewQuestion{Text: strings.TrimSpace(q.Text), Rationale: strings.TrimSpace(q.Rationale)}
	}
	return out
}

// checkQuestions keeps the questions that have text, at most n of them; none at all is an
// invalid result, because the user was promised questions.
func checkQuestions(qs []store.NewQuestion, n int) ([]store.NewQuestion, error) {
	var kept []store.NewQuestion
	for _, q := range qs {
		if q.Text != "" && len(kept) < n {
			kept = append(kept, q)
		}
	}
	if len(kept) == 0 {
		return nil, fmt.Errorf("%w: no questions among %d returned", errInvalidResult, len(qs))
	}
	return kept, nil
}
