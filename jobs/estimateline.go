package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"

	"estimator/estimate"
	"estimator/llm"
	"estimator/store"
)

// errInvalidResult marks an engine answer that cannot be stored even after repair.
var errInvalidResult = errors.New("jobs: invalid result from the engine")

// estimateLine estimates the job's line, with the task's other lines and the answers as
// context, and stores the estimate. The store settles the run when it was the last line.
func (r *Runner) estimateLine(ctx context.Context, job store.Job, log *slog.Logger) error {
	values, _, err := r.estimateTaskLine(ctx, job, log)
	if err != nil {
		return err
	}
	return r.store.CompleteLineJob(ctx, job, values, r.cfg.Now())
}

// estimateTaskLine calls the engine for the job's task line, with the task's other lines and the
// answers as context, and returns what the store keeps of the estimate, and the task.
func (r *Runner) estimateTaskLine(ctx context.Context, job store.Job, log *slog.Logger) (store.LineValues, taskInput, error) {
	in, err := r.loadTask(ctx, job.TaskID, true)
	if err != nil {
		return store.LineValues{}, in, err
	}
	line := slices.IndexFunc(in.lines, func(l store.TaskLine) bool { return l.ID == job.TaskLineID })
	if line < 0 {
		return store.LineValues{}, in, fmt.Errorf("jobs: line %d is not a line of task %s", job.TaskLineID, job.TaskID)
	}
	engine := r.engineFor(job)
	est, usage, err := callEngine(ctx, r, job, log,
		func(ctx context.Context) (llm.LineEstimate, llm.Usage, error) {
			return engine.EstimateLine(ctx, in.llm, line)
		},
		func(est llm.LineEstimate) (llm.LineEstimate, error) { return normalize(est, log) })
	if err != nil {
		return store.LineValues{}, in, err
	}
	return lineValues(engine, est, usage.Model), in, nil
}

// normalize repairs an estimate into the domain's bounds (phases within range, a range that
// contains the sum of the phases) and refuses one with no effort at all: a number is never
// invented for a line. Repairs are logged as numbers only, never with the estimate's text.
func normalize(est llm.LineEstimate, log *slog.Logger) (llm.LineEstimate, error) {
	e, changes := estimate.Effort{Phases: est.Phases, Optimistic: est.Optimistic, Pessimistic: est.Pessimistic}.Normalize()
	if len(changes) > 0 {
		log.Warn("estimate repaired", "changes", changes)
	}
	if err := e.Validate(); err != nil {
		return est, fmt.Errorf("%w: %w", errInvalidResult, err)
	}
	est.Phases, est.Optimistic, est.Pessimistic = e.Phases, e.Optimistic, e.Pessimistic
	switch est.Confidence {
	case llm.ConfidenceLow, llm.ConfidenceMedium, llm.ConfidenceHigh:
	default:
		// An unknown label is dropped rather than guessed; the database accepts only these.
		log.Warn("unknown confidence dropped", "confidence", est.Confidence)
		est.Confidence = ""
	}
	return est, nil
}

// lineValues is what the store keeps of an estimate, labelled with the engine that made it.
func lineValues(engine llm.Engine, est llm.LineEstimate, model string) store.LineValues {
	source := estimate.SourceAI
	if engine.Offline() {
		source = estimate.SourceOffline
	}
	if model == "" {
		model = engine.Name()
	}
	return store.LineValues{
		Phases:      est.Phases,
		Optimistic:  est.Optimistic,
		Pessimistic: est.Pessimistic,
		Confidence:  est.Confidence,
		Reasoning:   est.Reasoning,
		Assumptions: est.Assumptions,
		Risks:       est.Risks,
		Source:      string(source),
		Model:       model,
	}
}

// engineFor is the engine a job runs with: the configured one, or the offline engine when the
// user asked for it explicitly (the model could not be used). Never one for the other silently.
func (r *Runner) engineFor(job store.Job) llm.Engine {
	switch job.Kind {
	case store.JobEstimateLineOffline, store.JobChatOffline, store.JobNewLineOffline, store.JobQuestionsOffline:
		return r.offline
	}
	return r.engine
}
