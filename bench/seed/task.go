package main

import (
	"context"
	"fmt"
	"time"

	"estimator/store"
)

// The seeded timeline of a task after its creation: when its questions are ready, when it is
// answered (and its lines estimated, a few seconds apart), and when a person changes the
// estimate. followUp is the last of these, rounded up: creation times end that long before now,
// so nothing is dated in the future.
const (
	questionsAfter = 30 * time.Second
	answersAfter   = 10 * time.Minute
	lineEvery      = 5 * time.Second
	revisionEvery  = 6 * time.Hour
	followUp       = 24 * time.Hour
)

// lease is how long a seeded claim holds its job; each is completed at once.
const lease = time.Minute

// owner is the worker name the seed's claims carry.
const owner = "seed"

// seedTask creates the task of p and takes it as far as p says through the calls the
// application's pages and workers make: the questions job completes (or fails), the answers are
// saved, a run starts and every line's job completes, which writes revision 1; then the person's
// changes become revisions 2 and 3.
func seedTask(ctx context.Context, st *store.Store, p plan) error {
	id, err := st.CreateTask(ctx, p.task, p.createdAt)
	if err != nil {
		return err
	}
	t := p.createdAt.Add(questionsAfter)
	job, err := claim(ctx, st, id, t)
	if err != nil {
		return err
	}
	if p.outcome == outcomeFailed {
		return st.FailJob(ctx, job, "seed: the questions failed", "", t)
	}
	if err := st.CompleteQuestionsJob(ctx, job, p.questions, t); err != nil {
		return err
	}
	if p.outcome == outcomeAwaiting {
		return nil
	}
	t = p.createdAt.Add(answersAfter)
	if err := st.SaveAnswers(ctx, id, p.answers, t); err != nil {
		return err
	}
	if _, err := st.StartRunForAnswers(ctx, id, 1, t); err != nil {
		return err
	}
	for _, v := range p.lines {
		t = t.Add(lineEvery)
		job, err := claim(ctx, st, id, t)
		if err != nil {
			return err
		}
		if err := st.CompleteLineJob(ctx, job, v, t); err != nil {
			return err
		}
	}
	return reviseTask(ctx, st, id, p, t)
}

// claim takes the next due job, which must be one of the task's: the seed runs one task at a
// time, so a job of another task means the database had work queued before the seed began.
func claim(ctx context.Context, st *store.Store, taskID string, now time.Time) (store.Job, error) {
	job, err := st.ClaimJob(ctx, owner, lease, now)
	if err != nil {
		return store.Job{}, err
	}
	if job.TaskID != taskID {
		return store.Job{}, fmt.Errorf("job %d of task %s was due: seed a database without queued jobs", job.ID, job.TaskID)
	}
	return job, nil
}

// reviseTask adds revisions 2 and 3 as far as p asks: a quick action that adds 10% contingency,
// then a manual edit that also grants a discount of one person-day.
func reviseTask(ctx context.Context, st *store.Store, taskID string, p plan, t time.Time) error {
	if p.revisions < 2 {
		return nil
	}
	changes := []store.NewRevision{
		{Reason: store.RevisionQuickAction, Note: p.corpus.contingencyNote, ContingencyBP: 1000},
		{Reason: store.RevisionManualEdit, Note: p.corpus.discountNote, ContingencyBP: 1000, DiscountMinor: p.task.UnitCostMinor},
	}
	rev, lines, err := st.LatestRevision(ctx, taskID)
	if err != nil {
		return err
	}
	for _, change := range changes[:p.revisions-1] {
		change.BaseNumber, change.Lines = rev.Number, lines
		t = t.Add(revisionEvery)
		if rev, lines, err = st.CreateRevision(ctx, taskID, rev.Number, change, t); err != nil {
			return err
		}
	}
	return nil
}
