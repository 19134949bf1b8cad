package jobs

import (
	"context"
	"log/slog"
	"slices"

	"estimator/llm"
	"estimator/store"
)

// newLine estimates a deliverable added to an estimated task, with the task's other lines and the
// answers as context, and stores the next revision with the line added.
func (r *Runner) newLine(ctx context.Context, job store.Job, log *slog.Logger) error {
	values, in, err := r.estimateTaskLine(ctx, job, log)
	if err != nil {
		return err
	}
	line := slices.IndexFunc(in.lines, func(l store.TaskLine) bool { return l.ID == job.TaskLineID })
	note := llm.NewLineNote(in.task.Language, in.lines[line].Name)
	return r.store.CompleteNewLineJob(ctx, job, values, note, r.cfg.Now())
}
