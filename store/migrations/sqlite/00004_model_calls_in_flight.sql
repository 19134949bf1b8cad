-- Model calls recorded when they start (SQLite). migrations/postgres/00004_model_calls_in_flight.sql
-- is the same change for PostgreSQL; keep the two in step.
--
-- A call used to be recorded after it returned, so a process killed during a call left no record
-- of a call the provider still billed, and the cost of a task and the spending totals came out too
-- low. A call is now recorded as 'in_flight' just before its request is sent, with input tokens
-- estimated from the prompt and their cost, and completed when it returns. An in-flight call that
-- no live worker can complete any more becomes 'lost'; it keeps its estimate and still counts.
--
-- SQLite changes a CHECK constraint only by rebuilding the table: create the new table, copy the
-- rows, drop the old one, rename the new one and create its indexes again. Nothing references
-- model_calls, so dropping it cascades to nothing.

-- +goose Up

-- model_calls.status: 'in_flight' from the moment the request is about to be sent; 'ok' or
-- 'error' when the call returned; 'lost' when it never will (its worker crashed or stopped).
-- model_calls.estimated: the tokens, and the cost computed from them, were estimated from the
-- prompt because no usage came back from the provider (in-flight and lost calls, and calls that
-- failed before the provider reported any usage).
CREATE TABLE model_calls_new (
    id                INTEGER PRIMARY KEY,
    task_id           TEXT REFERENCES tasks (id) ON DELETE SET NULL,
    job_id            INTEGER,
    operation         TEXT NOT NULL, -- 'questions', 'estimate_line', 'chat', …
    provider          TEXT NOT NULL,
    model             TEXT NOT NULL,
    prompt_tokens     INTEGER NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
    completion_tokens INTEGER NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0),
    cost_micro_usd    INTEGER NOT NULL DEFAULT 0 CHECK (cost_micro_usd >= 0),
    duration_ms       INTEGER NOT NULL DEFAULT 0 CHECK (duration_ms >= 0),
    status            TEXT NOT NULL CHECK (status IN ('in_flight', 'ok', 'error', 'lost')),
    error             TEXT NOT NULL DEFAULT '', -- classified, without user text
    estimated         INTEGER NOT NULL DEFAULT 0 CHECK (estimated IN (0, 1)),
    created_at        TIMESTAMP NOT NULL
);
INSERT INTO model_calls_new (id, task_id, job_id, operation, provider, model, prompt_tokens, completion_tokens,
    cost_micro_usd, duration_ms, status, error, created_at)
SELECT id, task_id, job_id, operation, provider, model, prompt_tokens, completion_tokens,
    cost_micro_usd, duration_ms, status, error, created_at
FROM model_calls;
DROP TABLE model_calls;
ALTER TABLE model_calls_new RENAME TO model_calls;
CREATE INDEX model_calls_task_id_idx ON model_calls (task_id);
-- The spending caps sum the calls of the current day and month.
CREATE INDEX model_calls_created_at_idx ON model_calls (created_at);
-- Workers look for in-flight calls whose job no longer holds a live lease. Few calls are in flight
-- at any time, so the index stays small however many calls the table keeps.
CREATE INDEX model_calls_in_flight_idx ON model_calls (job_id) WHERE status = 'in_flight';

-- +goose Down
-- The old constraint knows only 'ok' and 'error': a call still in flight or lost is kept as a
-- failed call, with its estimate, classified 'lost' so it is not taken for a provider's error.
CREATE TABLE model_calls_old (
    id                INTEGER PRIMARY KEY,
    task_id           TEXT REFERENCES tasks (id) ON DELETE SET NULL,
    job_id            INTEGER,
    operation         TEXT NOT NULL, -- 'questions', 'estimate_line', 'chat', …
    provider          TEXT NOT NULL,
    model             TEXT NOT NULL,
    prompt_tokens     INTEGER NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
    completion_tokens INTEGER NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0),
    cost_micro_usd    INTEGER NOT NULL DEFAULT 0 CHECK (cost_micro_usd >= 0),
    duration_ms       INTEGER NOT NULL DEFAULT 0 CHECK (duration_ms >= 0),
    status            TEXT NOT NULL CHECK (status IN ('ok', 'error')),
    error             TEXT NOT NULL DEFAULT '', -- classified, without user text
    created_at        TIMESTAMP NOT NULL
);
INSERT INTO model_calls_old (id, task_id, job_id, operation, provider, model, prompt_tokens, completion_tokens,
    cost_micro_usd, duration_ms, status, error, created_at)
SELECT id, task_id, job_id, operation, provider, model, prompt_tokens, completion_tokens,
    cost_micro_usd, duration_ms,
    CASE WHEN status IN ('in_flight', 'lost') THEN 'error' ELSE status END,
    CASE WHEN status IN ('in_flight', 'lost') THEN 'lost' ELSE error END,
    created_at
FROM model_calls;
DROP TABLE model_calls;
ALTER TABLE model_calls_old RENAME TO model_calls;
CREATE INDEX model_calls_task_id_idx ON model_calls (task_id);
-- The spending caps sum the calls of the current day and month.
CREATE INDEX model_calls_created_at_idx ON model_calls (created_at);
