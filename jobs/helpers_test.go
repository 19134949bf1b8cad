package jobs_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"estimator/jobs"
	"estimator/llm"
	"estimator/store"
)

// testDB is a migrated database the tests can open several stores on, as several instances of
// the application would, plus a separate connection for assertions on the jobs table.
type testDB struct {
	dialect     string
	url, schema string
	raw         *sqlx.DB
}

// testDBs returns a SQLite file in a temporary directory and, when TEST_POSTGRES_URL is set, a
// fresh PostgreSQL schema that is dropped afterwards. In CI PostgreSQL is mandatory.
func testDBs(t *testing.T) []testDB {
	t.Helper()
	dbs := []testDB{sqliteDB(t)}
	u := os.Getenv("TEST_POSTGRES_URL")
	if u == "" && os.Getenv("CI") == "true" {
		t.Fatal("TEST_POSTGRES_URL is required when CI=true")
	}
	if u != "" {
		dbs = append(dbs, postgresDB(t, u))
	}
	return dbs
}

// sqliteDB returns a migrated SQLite database in a temporary file.
func sqliteDB(t *testing.T) testDB {
	t.Helper()
	d := testDB{dialect: store.DialectSQLite, url: filepath.Join(t.TempDir(), "jobs.db")}
	migrate(t, d)
	raw, err := sqlx.Open("sqlite3", "file:"+d.url+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = raw.Close() })
	d.raw = raw
	return d
}

// postgresDB returns a migrated PostgreSQL schema of its own, dropped when the test ends.
func postgresDB(t *testing.T, u string) testDB {
	t.Helper()
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	d := testDB{dialect: store.DialectPostgres, url: u, schema: "jobs_test_" + hex.EncodeToString(b)}
	migrate(t, d)
	parsed, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	q := parsed.Query()
	q.Set("search_path", d.schema)
	parsed.RawQuery = q.Encode()
	raw, err := sqlx.Open("pgx", parsed.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// t.Context is already cancelled when cleanups run.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := raw.ExecContext(ctx, `DROP SCHEMA IF EXISTS "`+d.schema+`" CASCADE`); err != nil {
			t.Error(err)
		}
		_ = raw.Close()
	})
	d.raw = raw
	return d
}

func migrate(t *testing.T, d testDB) {
	t.Helper()
	if _, err := d.open(t).Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// open returns a new store on the database, closed when the test ends: one per instance.
func (d testDB) open(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(t.Context(), d.url, d.schema)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// count runs a COUNT(*) query written with "?".
func (d testDB) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := d.raw.GetContext(context.Background(), &n, d.raw.Rebind(query), args...); err != nil {
		t.Fatal(err)
	}
	return n
}

// jobRow is a jobs row as the assertions read it.
type jobRow struct {
	TaskLineID *int64 `db:"task_line_id"`
	Status     string `db:"status"`
	Attempts   int    `db:"attempts"`
	LastError  string `db:"last_error"`
	Owner      string `db:"lease_owner"`
}

// jobs returns the task's jobs of kind, oldest first.
func (d testDB) jobs(t *testing.T, taskID, kind string) []jobRow {
	t.Helper()
	var rows []jobRow
	err := d.raw.SelectContext(context.Background(), &rows, d.raw.Rebind(`SELECT task_line_id, status, attempts,
		last_error, lease_owner FROM jobs WHERE task_id = ? AND kind = ? ORDER BY id`), taskID, kind)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// newTask creates a task with lines deliverables named L1, L2, … that asks for questions
// clarifying questions.
func newTask(t *testing.T, s *store.Store, questions int, lines int) string {
	t.Helper()
	task := store.NewTask{
		Title: "Shop", ClientName: "ACME", Language: "en", Currency: "USD", TaxRateBP: 875,
		TaxRounding: "down", UnitCostMinor: 80000, Requirements: "A shop.", QuestionCount: questions,
	}
	for i := range lines {
		task.Lines = append(task.Lines, store.NewLine{Name: fmt.Sprintf("L%d", i+1), Description: "deliverable"})
	}
	id, err := s.CreateTask(t.Context(), task, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// discard is a logger for runners whose logs the test does not read.
func discard() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// start runs r until the test ends or the returned stop is called; stop waits for Run to return
// and fails the test when it takes longer than a few seconds.
func start(t *testing.T, r *jobs.Runner) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run: %v", err)
				}
			case <-time.After(5 * time.Second):
				t.Error("Run did not return within 5 s of its context ending")
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// waitFor polls cond until it holds, failing the test after a timeout.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitStatus waits until the task has status.
func waitStatus(t *testing.T, s *store.Store, taskID, status string) store.Task {
	t.Helper()
	var task store.Task
	waitFor(t, "status "+status, func() bool {
		var err error
		if task, err = s.Task(t.Context(), taskID); err != nil {
			t.Fatal(err)
		}
		return task.Status == status
	})
	return task
}

// fakeEngine is an llm.Engine whose answers the test scripts. It counts calls per line name and
// keeps the answers it was given.
type fakeEngine struct {
	// estimate answers EstimateLine; call counts this line's calls from 1. Nil answers goodEstimate.
	estimate func(ctx context.Context, line string, call int) (llm.LineEstimate, error)
	// questions answers Questions; nil returns n questions.
	questions func(ctx context.Context, n int) ([]llm.Question, error)

	mu      sync.Mutex
	calls   map[string]int // line name (or "questions") → calls
	answers []llm.QA       // as the last EstimateLine saw them
}

// fakeModel is the model the fake engine reports, priced by jobs.DefaultPrices.
const fakeModel = "gpt-4o-mini"

// fakeUsage is the usage of every fake call: 270 micro-USD at the default price.
func fakeUsage() llm.Usage {
	return llm.Usage{Model: fakeModel, InputTokens: 1000, OutputTokens: 200, Duration: 20 * time.Millisecond}
}

// fakeEstimate is what the fake engine reports before each call (see llm.WithCallStart): 75
// micro-USD at the default price.
func fakeEstimate() llm.Usage {
	return llm.Usage{Model: fakeModel, InputTokens: 500}
}

func (e *fakeEngine) Name() string  { return fakeModel }
func (e *fakeEngine) Offline() bool { return false }

func (e *fakeEngine) count(key string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.calls == nil {
		e.calls = make(map[string]int)
	}
	e.calls[key]++
	return e.calls[key]
}

// callsOf returns how many calls were made for key.
func (e *fakeEngine) callsOf(key string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.calls[key]
}

func (e *fakeEngine) Questions(ctx context.Context, _ llm.Task, n int) ([]llm.Question, llm.Usage, error) {
	llm.StartCall(ctx, fakeEstimate())
	e.count("questions")
	if e.questions != nil {
		qs, err := e.questions(ctx, n)
		return qs, fakeUsage(), err
	}
	qs := make([]llm.Question, n)
	for i := range qs {
		qs[i] = llm.Question{Text: fmt.Sprintf("Question %d?", i+1), Rationale: "it changes the effort"}
	}
	return qs, fakeUsage(), nil
}

func (e *fakeEngine) EstimateLine(ctx context.Context, t llm.Task, line int) (llm.LineEstimate, llm.Usage, error) {
	llm.StartCall(ctx, fakeEstimate())
	name := t.Lines[line].Name
	call := e.count(name)
	e.mu.Lock()
	e.answers = t.Answers
	e.mu.Unlock()
	if e.estimate != nil {
		est, err := e.estimate(ctx, name, call)
		return est, fakeUsage(), err
	}
	return goodEstimate(), fakeUsage(), nil
}

func (e *fakeEngine) Chat(context.Context, llm.ChatRequest) (llm.ChatReply, llm.Usage, error) {
	return llm.ChatReply{}, llm.Usage{}, llm.ErrNotSupported
}

// goodEstimate is a valid estimate of 6.0 person-days.
func goodEstimate() llm.LineEstimate {
	return llm.LineEstimate{
		Phases: [5]int64{5, 10, 30, 10, 5}, Optimistic: 45, Pessimistic: 90, Confidence: llm.ConfidenceMedium,
		Reasoning: "a login form", Assumptions: []string{"email login"}, Risks: []string{"SSO later"},
	}
}

// engineError is an engine failure without a user-safe message.
type engineError string

func (e engineError) Error() string { return string(e) }

// errEngine is what a failing fake engine returns.
const errEngine = engineError("llm: unavailable (HTTP 503)")
