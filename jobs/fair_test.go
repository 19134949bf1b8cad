package jobs_test

import (
	"context"
	"testing"
	"time"

	"estimator/jobs"
	"estimator/llm"
	"estimator/store"
)

// gate is an engine whose line estimates each wait for one release, so a test decides when a
// worker frees up and sees, from the jobs table, which job the freed worker claims next.
type gate struct {
	engine  *fakeEngine
	started chan string   // the name of each line whose estimate began
	release chan struct{} // one send lets one waiting estimate finish; closing it lets all finish
}

func newGate() *gate {
	g := &gate{started: make(chan string, 64), release: make(chan struct{})}
	g.engine = &fakeEngine{estimate: func(ctx context.Context, line string, _ int) (llm.LineEstimate, error) {
		g.started <- line
		select {
		case <-g.release:
			return goodEstimate(), nil
		case <-ctx.Done():
			return llm.LineEstimate{}, ctx.Err()
		}
	}}
	return g
}

// taskClaims is one task's jobs as the claim order counts them: Claimed, of any kind, is what
// the order goes round the tasks by; the line counts tell which task a claim was for.
type taskClaims struct {
	TaskID       string `db:"task_id"`
	Claimed      int    `db:"claimed"`
	LinesClaimed int    `db:"lines_claimed"`
	LinesQueued  int    `db:"lines_queued"`
}

// claims reads every task's claims.
func claims(t *testing.T, d testDB) map[string]taskClaims {
	t.Helper()
	var rows []taskClaims
	err := d.raw.SelectContext(context.Background(), &rows, d.raw.Rebind(`SELECT task_id,
		SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END) AS claimed,
		SUM(CASE WHEN kind = ? AND attempts > 0 THEN 1 ELSE 0 END) AS lines_claimed,
		SUM(CASE WHEN kind = ? AND status = 'queued' THEN 1 ELSE 0 END) AS lines_queued
		FROM jobs GROUP BY task_id`), store.JobEstimateLine, store.JobEstimateLine)
	if err != nil {
		t.Fatal(err)
	}
	byTask := make(map[string]taskClaims, len(rows))
	for _, r := range rows {
		byTask[r.TaskID] = r
	}
	return byTask
}

// step lets one waiting estimate finish and waits until its worker has claimed the next line and
// started estimating it. It returns the task of that line, and fails the test when another task
// with lines queued had been claimed fewer times: the claim order goes round the tasks, whichever
// runner claims.
func (g *gate) step(t *testing.T, d testDB) string {
	t.Helper()
	before := claims(t, d)
	select {
	case g.release <- struct{}{}:
	case <-time.After(10 * time.Second):
		t.Fatal("no estimate was waiting to be released")
	}
	select {
	case <-g.started:
	case <-time.After(10 * time.Second):
		t.Fatal("the freed worker started no estimate")
	}
	after := claims(t, d)
	var claimed []string
	for id, c := range after {
		if c.LinesClaimed > before[id].LinesClaimed {
			claimed = append(claimed, id)
		}
	}
	if len(claimed) != 1 {
		t.Fatalf("lines claimed by task before %v, after %v: want one more line of one task", before, after)
	}
	id := claimed[0]
	for other, c := range before {
		if c.LinesQueued > 0 && c.Claimed < before[id].Claimed {
			t.Errorf("claimed a line of task %s (%d jobs claimed so far) while task %s had %d claimed and %d lines queued",
				id, before[id].Claimed, other, c.Claimed, c.LinesQueued)
		}
	}
	return id
}

// TestFairQueueAcrossRunners runs two instances on one database, each with its own connection
// pool and two workers, busy with four big tasks; a small task submitted last gets its questions
// from the next free worker and its lines from the next three, while most of the big tasks'
// lines are still queued. The model answers only when the test releases it, so the order is
// read from the jobs table claim by claim rather than inferred from timings.
func TestFairQueueAcrossRunners(t *testing.T) {
	for _, d := range testDBs(t) {
		t.Run(d.dialect, func(t *testing.T) {
			const bigTasks, bigLines, smallLines = 4, 8, 3
			ctx := t.Context()
			g := newGate()
			cfg := fast()
			cfg.Workers = 2
			a := jobs.New(d.open(t), g.engine, discard(), cfg)
			b := jobs.New(d.open(t), g.engine, discard(), cfg)
			start(t, a)
			start(t, b)
			s := d.open(t)

			// Every big task gets its questions before any line is queued: once the lines are,
			// every worker waits on the gate.
			big := make([]string, bigTasks)
			for i := range big {
				big[i] = newTask(t, s, 0, bigLines)
				if err := a.EnqueueQuestions(ctx, big[i]); err != nil {
					t.Fatal(err)
				}
			}
			for i, id := range big {
				waitStatus(t, s, id, store.StatusAwaitingAnswers)
				runner := []*jobs.Runner{a, b}[i%2]
				if _, err := runner.StartRunForAnswers(ctx, id); err != nil {
					t.Fatal(err)
				}
			}
			for range 2 * cfg.Workers { // every worker of both runners is estimating a line
				<-g.started
			}
			for range 2 * bigTasks {
				g.step(t, d)
			}

			small := newTask(t, s, 0, smallLines)
			if err := b.EnqueueQuestions(ctx, small); err != nil {
				t.Fatal(err)
			}
			g.step(t, d) // the freed worker takes the questions first, then a big line
			if task, _ := s.Task(ctx, small); task.Status != store.StatusAwaitingAnswers {
				t.Fatalf("the small task is %q after one worker freed up, want awaiting_answers: questions go first", task.Status)
			}
			if _, err := b.StartRunForAnswers(ctx, small); err != nil {
				t.Fatal(err)
			}
			for i := range smallLines {
				if id := g.step(t, d); id != small {
					t.Fatalf("claim %d after the small task's answers took a line of task %s, want the small task's", i+1, id)
				}
			}
			waiting := 0
			for _, id := range big {
				waiting += claims(t, d)[id].LinesQueued
			}
			if waiting == 0 {
				t.Error("the big tasks have no line queued: the small task was not tested against a backlog")
			}
			t.Logf("the small task's lines were all claimed with %d big lines still queued", waiting)

			close(g.release)
			for _, id := range append(big, small) {
				waitStatus(t, s, id, store.StatusEstimated)
			}
			noJobsLeft(t, d)
			if n := d.count(t, `SELECT COUNT(*) FROM jobs WHERE attempts <> 1`); n != 0 {
				t.Errorf("%d jobs claimed more than once", n)
			}
			if n := d.count(t, `SELECT COUNT(DISTINCT lease_owner) FROM jobs WHERE kind = ?`, store.JobEstimateLine); n != 2 {
				t.Errorf("lines claimed by %d runners, want both", n)
			}
		})
	}
}
