package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// RateLimit is a client's allowance: one request every Interval on average, up to Burst at once.
type RateLimit struct {
	Interval time.Duration
	Burst    int
}

// takeRateQuery takes one request from the client's allowance, or changes nothing and returns no
// row when none is left (migration 00013 explains next_at). Its arguments: client, now+interval,
// then now, now, interval for the new next_at, and now, now, interval, now, burst×interval for the
// condition.
const takeRateQuery = `INSERT INTO rate_limits (client, next_at) VALUES (?, ?)
ON CONFLICT (client) DO UPDATE SET next_at = (CASE WHEN rate_limits.next_at > ? THEN rate_limits.next_at ELSE ? END) + ?
WHERE (CASE WHEN rate_limits.next_at > ? THEN rate_limits.next_at ELSE ? END) + ? - ? <= ?
RETURNING next_at`

const refuseRateQuery = `UPDATE rate_limits SET refused = refused + 1, refused_at = ? WHERE client = ? RETURNING next_at`

// TakeRate counts one request of client at now against limit. It returns 0 when the request is
// allowed, otherwise how long the client must wait before the next one is, and counts the refusal.
// One statement decides, so several instances sharing the database share each client's allowance.
func (s *Store) TakeRate(ctx context.Context, client string, limit RateLimit, now time.Time) (time.Duration, error) {
	ms, interval := now.UnixMilli(), limit.Interval.Milliseconds()
	burst := int64(limit.Burst) * interval
	_, err := getOne[int64](ctx, s.db, takeRateQuery, client, ms+interval, ms, ms, interval, ms, ms, interval, ms, burst)
	if err == nil {
		return 0, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return 0, fmt.Errorf("store: take rate: %w", err)
	}
	next, err := getOne[int64](ctx, s.db, refuseRateQuery, ms, client)
	if err != nil {
		return 0, fmt.Errorf("store: count a refusal: %w", err)
	}
	// Allowed again once next_at + interval - t <= burst.
	return time.Duration(max(next+interval-burst-ms, 1)) * time.Millisecond, nil
}

// RateLimitedClient is a client refused at least once recently.
type RateLimitedClient struct {
	Client      string
	Refused     int64 // refusals since its allowance was last full for a day
	LastRefused time.Time
}

type rateLimitedRow struct {
	Client    string `db:"client"`
	Refused   int64  `db:"refused"`
	RefusedAt int64  `db:"refused_at"`
}

// RateLimitedClients lists the clients refused since since, the latest first, at most limit.
func (s *Store) RateLimitedClients(ctx context.Context, since time.Time, limit int) ([]RateLimitedClient, error) {
	list, err := selectAll(ctx, s.db, func(r rateLimitedRow) RateLimitedClient {
		return RateLimitedClient{Client: r.Client, Refused: r.Refused, LastRefused: time.UnixMilli(r.RefusedAt).UTC()}
	}, `SELECT client, refused, refused_at FROM rate_limits WHERE refused_at >= ? ORDER BY refused_at DESC, client LIMIT ?`,
		since.UnixMilli(), limit)
	if err != nil {
		return nil, fmt.Errorf("store: rate-limited clients: %w", err)
	}
	return list, nil
}

// ForgetRateLimits deletes the rows that no longer hold anything: allowances full again by now
// whose last refusal, if any, is older than keepRefused. It returns how many it deleted.
func (s *Store) ForgetRateLimits(ctx context.Context, now time.Time, keepRefused time.Duration) (int64, error) {
	res, err := s.db.ExecContext(ctx, s.db.Rebind(`DELETE FROM rate_limits WHERE next_at < ? AND COALESCE(refused_at, 0) < ?`),
		now.UnixMilli(), now.Add(-keepRefused).UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("store: forget rate limits: %w", err)
	}
	return res.RowsAffected()
}
