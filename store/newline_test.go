package store_test

import (
	"errors"
	"testing"
	"time"

	"estimator/store"
)

// TestNewLine: a deliverable added to an estimated task is estimated by a job, which then makes
// the next revision with the line at the end; while it runs, and after it fails, the line is
// pending; a stale base is refused.
func TestNewLine(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := estimatedTask(t, s, "Login", "Cart")
			at := t0.Add(time.Hour)
			if _, err := s.QueueNewLine(ctx, id, 2, "Search", "", false, 1, at); !errors.Is(err, store.ErrStale) {
				t.Fatalf("stale base: %v", err)
			}
			lineID, err := s.QueueNewLine(ctx, id, 1, "Search", "full text", false, 1, at)
			if err != nil {
				t.Fatal(err)
			}
			pending, err := s.PendingLines(ctx, id)
			if err != nil || len(pending) != 1 || pending[0] != (store.PendingLine{TaskLineID: lineID, Name: "Search", Description: "full text"}) {
				t.Fatalf("pending = %+v, %v", pending, err)
			}
			job := claim(t, s, "w1", at)
			if job.Kind != store.JobNewLine || job.TaskLineID != lineID {
				t.Fatalf("claimed %+v", job)
			}
			if err := s.CompleteNewLineJob(ctx, job, lineValues(30), "added Search", at); err != nil {
				t.Fatal(err)
			}
			rev, lines := latestRevision(t, s, id)
			if rev.Number != 2 || rev.Note != "added Search" || rev.Kind() != store.RevisionManualEdit || len(lines) != 3 {
				t.Fatalf("revision %+v with %d lines", rev, len(lines))
			}
			if l := lines[2]; l.Name != "Search" || l.Description != "full text" || l.Phases[2] != 30 || l.Source != "ai" {
				t.Errorf("added line %+v", l)
			}
			if pending, _ := s.PendingLines(ctx, id); len(pending) != 0 {
				t.Errorf("still pending after the revision: %+v", pending)
			}

			// A failed estimate stays visible until the next revision, and can be retried.
			other, err := s.QueueNewLine(ctx, id, 2, "Export", "", true, 1, at.Add(time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			job = claim(t, s, "w1", at.Add(time.Minute))
			if job.Kind != store.JobNewLineOffline {
				t.Fatalf("kind %q, want the offline one", job.Kind)
			}
			if err := s.FailJob(ctx, job, "boom", "", at.Add(2*time.Minute)); err != nil {
				t.Fatal(err)
			}
			if pending, _ := s.PendingLines(ctx, id); len(pending) != 1 || !pending[0].Failed {
				t.Fatalf("after failing: %+v", pending)
			}
			if err := s.RetryNewLine(ctx, id, other, false, 1, at.Add(3*time.Minute)); err != nil {
				t.Fatal(err)
			}
			if err := s.RetryNewLine(ctx, id, lineID, false, 1, at.Add(3*time.Minute)); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("retrying a line that did not fail: %v", err)
			}
			if pending, _ := s.PendingLines(ctx, id); len(pending) != 1 || pending[0].Failed {
				t.Errorf("after the retry: %+v", pending)
			}
		})
	}
}
