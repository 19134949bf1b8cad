package jobs

import (
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"estimator/llm"
	"estimator/store"
)

// pricedEngine is an engine that is not offline, for the cost of a record; no call is made.
type pricedEngine struct{ llm.Engine }

func (pricedEngine) Name() string  { return "gpt-4o-mini" }
func (pricedEngine) Offline() bool { return false }

// TestCallRecord checks the bookkeeping of one call: the start is stored once, priced; a call
// that ends without usage keeps its estimate; a start after the call was given up is not stored.
func TestCallRecord(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "calls.db")
	s, err := store.Open(ctx, path, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	raw, err := sqlx.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = raw.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	r := New(s, pricedEngine{}, log, Config{})
	job := store.Job{ID: 7, Kind: store.JobEstimateLine}
	calls := func(where string) int {
		t.Helper()
		var n int
		if err := raw.GetContext(ctx, &n, `SELECT COUNT(*) FROM model_calls WHERE `+where); err != nil {
			t.Fatal(err)
		}
		return n
	}

	rec := r.newCallRecord(ctx, job, log)
	estimate := llm.Usage{Model: "gpt-4o-mini", InputTokens: 2000}
	rec.start(estimate)
	rec.start(estimate) // an engine reports once; a second report changes nothing
	id := rec.close()
	if id == 0 || calls("status = 'in_flight' AND estimated AND prompt_tokens = 2000 AND cost_micro_usd = 300") != 1 {
		t.Fatalf("record %d: want one call in flight at 300 micro-USD, estimated", id)
	}
	r.recordCall(ctx, job, log, id, llm.Usage{}, time.Second, errLeaseLost)
	if calls("status = 'error' AND error = 'lease_lost' AND estimated AND cost_micro_usd = 300 AND duration_ms = 1000") != 1 {
		t.Error("a call ended without usage did not keep its estimate")
	}

	late := r.newCallRecord(ctx, job, log)
	if id := late.close(); id != 0 {
		t.Errorf("close without a start = %d, want 0", id)
	}
	late.start(estimate)
	if n := calls("1 = 1"); n != 1 {
		t.Errorf("%d calls after a start reported too late, want still 1", n)
	}
}
