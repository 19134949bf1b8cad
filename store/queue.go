package store

import (
	"context"
	"fmt"
	"time"
)

// QueuedKind is the part of the job queue of one kind of job.
type QueuedKind struct {
	Kind string
	// Jobs counts the queued jobs: due, or waiting out the backoff after a failed attempt.
	Jobs int
	// OldestWait is how long the job due first has been due; 0 when none is due yet.
	OldestWait time.Duration
}

type queuedKindRow struct {
	Kind          string  `db:"kind"`
	Jobs          int     `db:"jobs"`
	OldestSeconds float64 `db:"oldest_seconds"`
}

// The queue is read in one statement over the jobs_status_run_after_idx index. The engines differ
// only in how the time since the earliest run_after is computed: SQLite keeps times as text,
// which julianday reads; PostgreSQL subtracts timestamps.
const (
	queueSQLite = `SELECT kind, COUNT(*) AS jobs,
	(julianday(?) - julianday(MIN(run_after))) * 86400.0 AS oldest_seconds
FROM jobs WHERE status = 'queued' GROUP BY kind ORDER BY kind`
	queuePostgres = `SELECT kind, COUNT(*) AS jobs,
	CAST(EXTRACT(EPOCH FROM (CAST(? AS TIMESTAMPTZ) - MIN(run_after))) AS DOUBLE PRECISION) AS oldest_seconds
FROM jobs WHERE status = 'queued' GROUP BY kind ORDER BY kind`
)

// Queue returns the queued jobs at now by kind, for monitoring; kinds with no queued job are
// left out. Running jobs are not counted, even those whose lease expired.
func (s *Store) Queue(ctx context.Context, now time.Time) ([]QueuedKind, error) {
	query := queueSQLite
	if s.dialect == DialectPostgres {
		query = queuePostgres
	}
	var rows []queuedKindRow
	if err := s.db.SelectContext(ctx, &rows, s.db.Rebind(query), dbTime(now)); err != nil {
		return nil, fmt.Errorf("store: read job queue: %w", err)
	}
	out := make([]QueuedKind, len(rows))
	for i, r := range rows {
		// A job in its backoff is not waiting yet: its run_after is still ahead.
		wait := time.Duration(max(r.OldestSeconds, 0) * float64(time.Second))
		out[i] = QueuedKind{Kind: r.Kind, Jobs: r.Jobs, OldestWait: wait.Round(time.Millisecond)}
	}
	return out, nil
}
