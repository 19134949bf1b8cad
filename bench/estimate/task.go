package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// maxPollErrors is how many failed polls of one task are tolerated before the task is given up:
// a server that went away should end the run, not be polled until the timeout.
const maxPollErrors = 20

// taskResult is one task's way through the flow. Durations are in seconds in the JSON report.
type taskResult struct {
	ID        string `json:"id"`
	Questions int    `json:"questions"`
	// QuestionsS is from posting the form to the first page showing the questions.
	QuestionsS float64 `json:"questions_s"`
	// EstimatedS is from posting the answers to the first page showing data-status="estimated";
	// NotYetS is the last poll before it that did not, so the true moment lies in between.
	EstimatedS float64 `json:"estimated_s"`
	NotYetS    float64 `json:"not_yet_s"`
	Status     string  `json:"status"`
	PollErrors int     `json:"poll_errors"`
	Err        string  `json:"error,omitempty"`
}

// flow carries what every task's steps share.
type flow struct {
	client *http.Client
	base   string
	lines  int
	lang   string
	poll   time.Duration
	posts  chan struct{} // bounds the form posts in flight, so creating 50 tasks is not a burst of 50
}

// limited runs a form post when a slot is free.
func (f flow) limited(ctx context.Context, post func() error) error {
	select {
	case f.posts <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-f.posts }()
	return post()
}

// prepare creates task i and waits for its questions.
func (f flow) prepare(ctx context.Context, i int, res *taskResult) error {
	var start time.Time
	err := f.limited(ctx, func() error {
		start = time.Now()
		id, err := createTask(ctx, f.client, f.base, i, f.lines, f.lang)
		res.ID = id
		return err
	})
	if err != nil {
		return err
	}
	st, seen, _, err := f.waitFor(ctx, res, statusAwaitingAnswers, start)
	if err != nil {
		return err
	}
	res.QuestionsS, res.Questions = seen.Seconds(), st.answers
	if st.answers == 0 {
		return errors.New("the page asks no questions")
	}
	return nil
}

// estimate posts the answers and waits for the estimate. The clock starts when the post is sent,
// as a user's wait starts when they press the button.
func (f flow) estimate(ctx context.Context, res *taskResult) error {
	var start time.Time
	err := f.limited(ctx, func() error {
		start = time.Now()
		return postAnswers(ctx, f.client, f.base, res.ID, res.Questions, f.lang)
	})
	if err != nil {
		return err
	}
	_, seen, notYet, err := f.waitFor(ctx, res, statusEstimated, start)
	res.EstimatedS, res.NotYetS = seen.Seconds(), notYet.Seconds()
	return err
}

// waitFor polls the task page every f.poll until its status is want. It returns the page, the
// time since start when it was first seen, and when it was last seen not yet there. A failed
// task ends the wait with an error.
func (f flow) waitFor(ctx context.Context, res *taskResult, want string, start time.Time) (pageState, time.Duration, time.Duration, error) {
	tick := time.NewTicker(f.poll)
	defer tick.Stop()
	var notYet time.Duration
	for {
		st, err := fetchPage(ctx, f.client, f.base, res.ID)
		at := time.Since(start)
		switch {
		case err != nil && ctx.Err() != nil:
			return st, 0, notYet, ctx.Err()
		case err != nil:
			res.PollErrors++
			if res.PollErrors > maxPollErrors {
				return st, 0, notYet, fmt.Errorf("%d failed polls, the last: %w", res.PollErrors, err)
			}
		default:
			res.Status = st.status
			if st.status == want {
				return st, at, notYet, nil
			}
			if st.status == statusFailed {
				return st, 0, notYet, fmt.Errorf("task %s failed while waiting for %s", res.ID, want)
			}
			notYet = at
		}
		select {
		case <-ctx.Done():
			return st, 0, notYet, ctx.Err()
		case <-tick.C:
		}
	}
}
