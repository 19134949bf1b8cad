package store

import (
	"context"
	"fmt"
	"time"
)

// CallTotals sums model calls: how many, their tokens and what they cost.
type CallTotals struct {
	Calls            int64
	PromptTokens     int64 // input tokens, the cached ones included
	CachedTokens     int64 // the part of PromptTokens served from the provider's prompt cache
	CompletionTokens int64
	CostMicroUSD     int64
}

// Add returns the sum of t and u.
func (t CallTotals) Add(u CallTotals) CallTotals {
	return CallTotals{Calls: t.Calls + u.Calls, PromptTokens: t.PromptTokens + u.PromptTokens,
		CachedTokens: t.CachedTokens + u.CachedTokens, CompletionTokens: t.CompletionTokens + u.CompletionTokens,
		CostMicroUSD: t.CostMicroUSD + u.CostMicroUSD}
}

// CallGroup is the model calls of one operation that ended one way (CallOK, CallError, CallLost or
// still CallInFlight), over a recent window and a longer one that contains it.
type CallGroup struct {
	Operation, Status string
	Recent, Longer    CallTotals
}

type callGroupRow struct {
	Operation        string `db:"operation"`
	Status           string `db:"status"`
	Recent           bool   `db:"recent"`
	Calls            int64  `db:"calls"`
	PromptTokens     int64  `db:"prompt_tokens"`
	CachedTokens     int64  `db:"cached_tokens"`
	CompletionTokens int64  `db:"completion_tokens"`
	CostMicroUSD     int64  `db:"cost_micro_usd"`
}

// callGroupsQuery reads both windows in one pass over the created_at index: the calls since the
// longer window's start, grouped by whether they are also in the recent one. Sums are cast because
// PostgreSQL's SUM over BIGINT is NUMERIC. Arguments: the recent window's start, then the longer's.
const callGroupsQuery = `SELECT operation, status,
	CASE WHEN created_at >= ? THEN 1 ELSE 0 END AS recent,
	COUNT(*) AS calls,
	CAST(COALESCE(SUM(prompt_tokens), 0) AS BIGINT) AS prompt_tokens,
	CAST(COALESCE(SUM(cached_prompt_tokens), 0) AS BIGINT) AS cached_tokens,
	CAST(COALESCE(SUM(completion_tokens), 0) AS BIGINT) AS completion_tokens,
	CAST(COALESCE(SUM(cost_micro_usd), 0) AS BIGINT) AS cost_micro_usd
FROM model_calls WHERE created_at >= ?
GROUP BY operation, status, 3
ORDER BY operation, status`

// ModelCallGroups sums the model calls made since longer by operation and status, and separately
// those made since recent (which must not be before longer), for the admin page.
func (s *Store) ModelCallGroups(ctx context.Context, recent, longer time.Time) ([]CallGroup, error) {
	var rows []callGroupRow
	if err := s.db.SelectContext(ctx, &rows, s.db.Rebind(callGroupsQuery), recent.UTC(), longer.UTC()); err != nil {
		return nil, fmt.Errorf("store: group model calls: %w", err)
	}
	groups := []CallGroup{}
	for _, r := range rows {
		t := CallTotals{Calls: r.Calls, PromptTokens: r.PromptTokens, CachedTokens: r.CachedTokens,
			CompletionTokens: r.CompletionTokens, CostMicroUSD: r.CostMicroUSD}
		// Rows come sorted by operation and status, so the two halves of a group are neighbours.
		if n := len(groups); n == 0 || groups[n-1].Operation != r.Operation || groups[n-1].Status != r.Status {
			groups = append(groups, CallGroup{Operation: r.Operation, Status: r.Status})
		}
		g := &groups[len(groups)-1]
		g.Longer = g.Longer.Add(t)
		if r.Recent {
			g.Recent = t
		}
	}
	return groups, nil
}

// StatusCount is how many tasks are in one status.
type StatusCount struct {
	Status string `db:"status"`
	Tasks  int64  `db:"tasks"`
}

// TasksByStatus counts the tasks in each status; statuses without a task are left out.
func (s *Store) TasksByStatus(ctx context.Context) ([]StatusCount, error) {
	list, err := selectAll(ctx, s.db, func(c StatusCount) StatusCount { return c },
		`SELECT status, COUNT(*) AS tasks FROM tasks GROUP BY status ORDER BY status`)
	if err != nil {
		return nil, fmt.Errorf("store: count tasks by status: %w", err)
	}
	return list, nil
}

// How big the database is, per engine. SQLite: the main file's pages (the WAL file is not
// counted). PostgreSQL: the tables of the schema in use (DB_SCHEMA, or public) with their indexes
// and TOAST data, not the whole database, which other applications may share.
const (
	sizeSQLite   = `SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()`
	sizePostgres = `SELECT CAST(COALESCE(SUM(pg_total_relation_size(c.oid)), 0) AS BIGINT)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'm') AND n.nspname = current_schema()`
)

// DatabaseSize returns the bytes the application's data takes, as the constants above define it.
func (s *Store) DatabaseSize(ctx context.Context) (int64, error) {
	query := sizeSQLite
	if s.dialect == DialectPostgres {
		query = sizePostgres
	}
	n, err := getOne[int64](ctx, s.db, query)
	if err != nil {
		return 0, fmt.Errorf("store: database size: %w", err)
	}
	return n, nil
}
