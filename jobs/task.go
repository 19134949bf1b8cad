package jobs

import (
	"context"

	"estimator/llm"
	"estimator/store"
)

// taskInput is what a unit reads before its engine call.
type taskInput struct {
	task  store.Task
	lines []store.TaskLine
	llm   llm.Task
}

// loadTask reads the task, its lines and, when withAnswers is set, its questions and answers, and
// builds the engine's view of it. An unanswered question is passed with an empty answer, which the
// engine treats as unknown.
func (r *Runner) loadTask(ctx context.Context, taskID string, withAnswers bool) (taskInput, error) {
	task, err := r.store.Task(ctx, taskID)
	if err != nil {
		return taskInput{}, err
	}
	lines, err := r.store.TaskLines(ctx, taskID)
	if err != nil {
		return taskInput{}, err
	}
	in := llm.Task{
		Language:     task.Language,
		Title:        task.Title,
		Requirements: task.Requirements,
		Lines:        make([]llm.LineInput, len(lines)),
	}
	for i, l := range lines {
		in.Lines[i] = llm.LineInput{Name: l.Name, Description: l.Description}
	}
	if withAnswers {
		qs, err := r.store.Questions(ctx, taskID)
		if err != nil {
			return taskInput{}, err
		}
		in.Answers = make([]llm.QA, len(qs))
		for i, q := range qs {
			in.Answers[i] = llm.QA{Question: q.Text, Rationale: q.Rationale}
			if q.Answer != nil {
				in.Answers[i].Answer = *q.Answer
			}
		}
	}
	return taskInput{task: task, lines: lines, llm: in}, nil
}
