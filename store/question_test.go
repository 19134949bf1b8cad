package store_test

import (
	"errors"
	"testing"
	"time"

	"estimator/store"
)

// t0 is the fixed time the job and run tests start from.
var t0 = time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)

// testLease is the lease the tests claim jobs with.
const testLease = 30 * time.Second

// claim claims the next due job at now and fails the test when there is none.
func claim(t *testing.T, s *store.Store, owner string, now time.Time) store.Job {
	t.Helper()
	job, err := s.ClaimJob(t.Context(), owner, testLease, now)
	if err != nil {
		t.Fatalf("ClaimJob(%s) at %v: %v", owner, now, err)
	}
	return job
}

// jobCount counts the task's jobs of kind in status.
func jobCount(t *testing.T, s *store.Store, taskID, kind, status string) int {
	t.Helper()
	var n int
	err := s.DB().GetContext(t.Context(), &n,
		s.DB().Rebind(`SELECT COUNT(*) FROM jobs WHERE task_id = ? AND kind = ? AND status = ?`), taskID, kind, status)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// taskStatus returns the task's status and error message.
func taskStatus(t *testing.T, s *store.Store, taskID string) (string, string) {
	t.Helper()
	task, err := s.Task(t.Context(), taskID)
	if err != nil {
		t.Fatal(err)
	}
	return task.Status, task.ErrorMessage
}

// questionTexts returns the texts of the task's questions in order.
func questionTexts(t *testing.T, s *store.Store, taskID string) []string {
	t.Helper()
	qs, err := s.Questions(t.Context(), taskID)
	if err != nil {
		t.Fatal(err)
	}
	texts := make([]string, len(qs))
	for i, q := range qs {
		texts[i] = q.Text
		if q.Position != i+1 {
			t.Errorf("question %d has position %d", i+1, q.Position)
		}
	}
	return texts
}

func TestQuestions(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := createTask(t, s, newTestTask("Shop", "ACME", "Login", "Cart"), t0)
			for range 2 {
				if err := s.EnqueueQuestions(ctx, id, 3, t0); err != nil {
					t.Fatal(err)
				}
			}
			if n := jobCount(t, s, id, store.JobQuestions, "queued"); n != 1 {
				t.Fatalf("%d queued questions jobs after two EnqueueQuestions, want 1", n)
			}
			job := claim(t, s, "w1", t0)
			if job.Kind != store.JobQuestions || job.TaskID != id || job.RunID != 0 || job.TaskLineID != 0 ||
				job.Attempts != 1 || job.MaxAttempts != 3 || job.Owner != "w1" || !job.LeaseUntil.Equal(t0.Add(testLease)) {
				t.Errorf("claimed %+v", job)
			}
			qs := []store.NewQuestion{
				{Text: "Single sign-on?", Rationale: "scope"},
				{Text: "How many users?", Rationale: "scale"},
				{Text: "Mobile?"},
			}
			if err := s.CompleteQuestionsJob(ctx, job, qs, t0.Add(time.Second)); err != nil {
				t.Fatal(err)
			}
			if status, msg := taskStatus(t, s, id); status != store.StatusAwaitingAnswers || msg != "" {
				t.Errorf("status %q %q, want awaiting_answers", status, msg)
			}
			got, err := s.Questions(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 3 || got[0].Text != "Single sign-on?" || got[0].Rationale != "scope" || got[2].Rationale != "" {
				t.Fatalf("Questions = %+v", got)
			}
			for _, q := range got {
				if q.Answer != nil || q.AnsweredAt != nil || q.ID == 0 {
					t.Errorf("fresh question %+v: want an id and no answer", q)
				}
			}

			if err := s.SaveAnswers(ctx, id, []string{"yes", "no"}, t0); !errors.Is(err, store.ErrConflict) {
				t.Errorf("SaveAnswers with 2 answers for 3 questions: %v, want ErrConflict", err)
			}
			answeredAt := t0.Add(2 * time.Minute)
			if err := s.SaveAnswers(ctx, id, []string{"yes", "", "iOS only"}, answeredAt); err != nil {
				t.Fatal(err)
			}
			got, err = s.Questions(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			for i, want := range []string{"yes", "", "iOS only"} {
				q := got[i]
				if q.Answer == nil || *q.Answer != want || q.AnsweredAt == nil || !q.AnsweredAt.Equal(answeredAt) ||
					q.AnsweredAt.Location() != time.UTC {
					t.Errorf("question %d: answer %v at %v, want %q at %v", i+1, q.Answer, q.AnsweredAt, want, answeredAt)
				}
			}

			// Generating again (before any run) replaces the questions and their answers.
			if err := s.EnqueueQuestions(ctx, id, 3, t0); err != nil {
				t.Fatal(err)
			}
			if status, _ := taskStatus(t, s, id); status != store.StatusGeneratingQuestions {
				t.Errorf("status %q after EnqueueQuestions, want generating_questions", status)
			}
			job = claim(t, s, "w1", t0)
			if err := s.CompleteQuestionsJob(ctx, job, []store.NewQuestion{{Text: "Budget?", Rationale: "money"}}, t0); err != nil {
				t.Fatal(err)
			}
			if texts := questionTexts(t, s, id); len(texts) != 1 || texts[0] != "Budget?" {
				t.Errorf("questions after replacing = %q", texts)
			}
			if qs, _ := s.Questions(ctx, id); qs[0].Answer != nil {
				t.Errorf("replaced question kept an answer")
			}

			// Once estimation has started, the questions are those the estimate was made with.
			if _, err := s.StartRun(ctx, id, 3, t0); err != nil {
				t.Fatal(err)
			}
			if err := s.EnqueueQuestions(ctx, id, 3, t0); !errors.Is(err, store.ErrConflict) {
				t.Errorf("EnqueueQuestions after StartRun: %v, want ErrConflict", err)
			}
			if err := s.EnqueueQuestions(ctx, "3f1c2b9a-5d4e-4f60-8a7b-9c0d1e2f3a4b", 3, t0); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("EnqueueQuestions of a missing task: %v, want ErrNotFound", err)
			}
		})
	}
}

func TestQuestionsJobFails(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := createTask(t, s, newTestTask("Shop", "ACME"), t0)
			if err := s.EnqueueQuestions(ctx, id, 2, t0); err != nil {
				t.Fatal(err)
			}
			job := claim(t, s, "w1", t0)
			if err := s.RetryJob(ctx, job, "timeout", t0.Add(time.Second), t0); err != nil {
				t.Fatal(err)
			}
			if _, err := s.ClaimJob(ctx, "w1", testLease, t0); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("ClaimJob before the backoff has passed: %v, want ErrNotFound", err)
			}
			job = claim(t, s, "w1", t0.Add(time.Second))
			if job.Attempts != 2 {
				t.Errorf("second claim has attempts %d, want 2", job.Attempts)
			}
			if err := s.FailJob(ctx, job, "timeout", "", t0.Add(2*time.Second)); err != nil {
				t.Fatal(err)
			}
			if status, msg := taskStatus(t, s, id); status != store.StatusFailed || msg != store.CodeQuestionsFailed {
				t.Errorf("status %q %q, want failed %q", status, msg, store.CodeQuestionsFailed)
			}
			if n := jobCount(t, s, id, store.JobQuestions, "failed"); n != 1 {
				t.Errorf("%d failed questions jobs, want 1", n)
			}
			// The user retries: the task generates questions again.
			if err := s.EnqueueQuestions(ctx, id, 2, t0.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			if status, msg := taskStatus(t, s, id); status != store.StatusGeneratingQuestions || msg != "" {
				t.Errorf("status %q %q after retry, want generating_questions", status, msg)
			}
		})
	}
}
