-- rate_limits: the state of each client's limit on the requests that cost model calls (PostgreSQL).
-- The other dialect's 00013_rate_limits.sql is the same change; keep the two in step.
--
-- The limit is a generic cell rate algorithm (a token bucket kept as one number): next_at is the
-- "theoretical arrival time" in Unix milliseconds, the moment the client's bucket is full again.
-- A request at now is allowed when max(next_at, now) + interval - now <= burst × interval, and then
-- moves next_at to max(next_at, now) + interval, in one statement. Kept in the database rather than
-- in memory so that several instances share it and a restart forgets nothing. A row whose next_at
-- has passed is the same as no row; such rows are deleted from time to time.
-- refused and refused_at count the refusals, for the admin page.

-- +goose Up
CREATE TABLE rate_limits (
    client     TEXT NOT NULL PRIMARY KEY,
    next_at    BIGINT NOT NULL,
    refused    BIGINT NOT NULL DEFAULT 0,
    refused_at BIGINT
);
CREATE INDEX rate_limits_next_at_idx ON rate_limits (next_at);

-- +goose Down
DROP TABLE rate_limits;
