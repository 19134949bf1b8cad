package jobs_test

import (
	"testing"
	"time"

	"estimator/jobs"
	"estimator/llm"
	"estimator/llm/offline"
	"estimator/store"
)

// TestCostCapCheckedBeforeCalling: once the day's spend reaches the daily cap, the next unit is
// refused before anything is sent, fails at once (no retries) with the cost_cap code the pages
// translate, and the offline engine still estimates. Every fake call costs 270 micro-USD.
func TestCostCapCheckedBeforeCalling(t *testing.T) {
	for _, d := range testDBs(t) {
		t.Run(d.dialect, func(t *testing.T) {
			ctx := t.Context()
			s := d.open(t)
			engine := &fakeEngine{}
			cfg := fast()
			cfg.Workers = 1
			cfg.DailyCapMicroUSD = 500 // the questions and one line fit; the second line does not
			cfg.MaxAttempts = 3
			zone, err := time.LoadLocation("Asia/Tokyo")
			if err != nil {
				t.Fatal(err)
			}
			cfg.Zone = zone
			r := jobs.New(s, engine, discard(), cfg)
			start(t, r)

			id := newTask(t, s, 1, 2)
			if err := r.EnqueueQuestions(ctx, id); err != nil {
				t.Fatal(err)
			}
			waitStatus(t, s, id, store.StatusAwaitingAnswers)
			if err := s.SaveAnswers(ctx, id, []string{"yes"}, time.Now()); err != nil {
				t.Fatal(err)
			}
			if _, err := r.StartRunForAnswers(ctx, id); err != nil {
				t.Fatal(err)
			}
			waitStatus(t, s, id, store.StatusFailed)
			_, lines, err := s.LatestRun(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if lines[0].Status != store.LineDone || lines[1].Status != store.LineFailed || lines[1].Error != llm.KindCostCap {
				t.Errorf("lines %+v / %+v: want the first done, the second failed with %s", lines[0], lines[1], llm.KindCostCap)
			}
			if n := engine.callsOf("L2"); n != 0 {
				t.Errorf("the model was called %d times for the line past the cap", n)
			}
			if n := d.count(t, `SELECT attempts FROM jobs WHERE task_id = ? AND status = 'failed'`, id); n != 1 {
				t.Errorf("the refused unit was tried %d times, want once", n)
			}
			sp, err := r.Spending(ctx)
			if err != nil || sp.Day != 540 || sp.Month != 540 || sp.Reached() != "day" {
				t.Errorf("spending %+v (err %v), want 540 today and this month, the daily cap reached", sp, err)
			}
		})
	}
}

// TestCostCapSparesOffline: the offline engine costs nothing and is never refused.
func TestCostCapSparesOffline(t *testing.T) {
	d := sqliteDB(t)
	ctx := t.Context()
	s := d.open(t)
	cfg := fast()
	cfg.DailyCapMicroUSD = 1
	if err := s.RecordModelCall(ctx, store.ModelCall{Operation: "questions", Provider: "openai", Model: "gpt-4o-mini",
		CostMicroUSD: 10, Status: store.CallOK}, time.Now()); err != nil {
		t.Fatal(err)
	}
	r := jobs.New(s, offline.New(), discard(), cfg)
	start(t, r)
	id := newTask(t, s, 1, 2)
	if err := r.EnqueueQuestions(ctx, id); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, s, id, store.StatusAwaitingAnswers)
}

// TestCostCapOfflineQuestions: at the cap the questions are refused before calling (the task says
// why), and the offline engine, the user's choice then, writes them without calling the model.
func TestCostCapOfflineQuestions(t *testing.T) {
	d := sqliteDB(t)
	ctx := t.Context()
	s := d.open(t)
	if err := s.RecordModelCall(ctx, store.ModelCall{Operation: "questions", Provider: "openai", Model: "gpt-4o-mini",
		CostMicroUSD: 600, Status: store.CallOK}, time.Now()); err != nil {
		t.Fatal(err)
	}
	engine := &fakeEngine{}
	cfg := fast()
	cfg.MonthlyCapMicroUSD = 500
	r := jobs.New(s, engine, discard(), cfg)
	start(t, r)

	id := newTask(t, s, 2, 1)
	if err := r.EnqueueQuestions(ctx, id); err != nil {
		t.Fatal(err)
	}
	if task := waitStatus(t, s, id, store.StatusFailed); task.ErrorMessage != store.CodeCostCap {
		t.Errorf("task error %q, want %s", task.ErrorMessage, store.CodeCostCap)
	}
	if err := r.EnqueueOfflineQuestions(ctx, id); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, s, id, store.StatusAwaitingAnswers)
	if qs, err := s.Questions(ctx, id); err != nil || len(qs) != 2 {
		t.Errorf("offline questions %+v (err %v), want 2", qs, err)
	}
	if n := engine.callsOf("questions"); n != 0 {
		t.Errorf("the model was called %d times past the cap", n)
	}
}
