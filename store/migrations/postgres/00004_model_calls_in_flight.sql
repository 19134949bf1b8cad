-- Model calls recorded when they start (PostgreSQL). migrations/sqlite/00004_model_calls_in_flight.sql
-- is the same change for SQLite; keep the two in step.
--
-- A call used to be recorded after it returned, so a process killed during a call left no record
-- of a call the provider still billed, and the cost of a task and the spending totals came out too
-- low. A call is now recorded as 'in_flight' just before its request is sent, with input tokens
-- estimated from the prompt and their cost, and completed when it returns. An in-flight call that
-- no live worker can complete any more becomes 'lost'; it keeps its estimate and still counts.
--
-- PostgreSQL changes the CHECK constraint in place; the table keeps its rows and indexes.

-- +goose Up

-- model_calls.status: 'in_flight' from the moment the request is about to be sent; 'ok' or
-- 'error' when the call returned; 'lost' when it never will (its worker crashed or stopped).
ALTER TABLE model_calls DROP CONSTRAINT model_calls_status_check;
ALTER TABLE model_calls ADD CONSTRAINT model_calls_status_check CHECK (status IN ('in_flight', 'ok', 'error', 'lost'));
-- model_calls.estimated: the tokens, and the cost computed from them, were estimated from the
-- prompt because no usage came back from the provider (in-flight and lost calls, and calls that
-- failed before the provider reported any usage).
ALTER TABLE model_calls ADD COLUMN estimated BOOLEAN NOT NULL DEFAULT false;
-- Workers look for in-flight calls whose job no longer holds a live lease. Few calls are in flight
-- at any time, so the index stays small however many calls the table keeps.
CREATE INDEX model_calls_in_flight_idx ON model_calls (job_id) WHERE status = 'in_flight';

-- +goose Down
-- The old constraint knows only 'ok' and 'error': a call still in flight or lost is kept as a
-- failed call, with its estimate, classified 'lost' so it is not taken for a provider's error.
DROP INDEX model_calls_in_flight_idx;
UPDATE model_calls SET status = 'error', error = 'lost' WHERE status IN ('in_flight', 'lost');
ALTER TABLE model_calls DROP COLUMN estimated;
ALTER TABLE model_calls DROP CONSTRAINT model_calls_status_check;
ALTER TABLE model_calls ADD CONSTRAINT model_calls_status_check CHECK (status IN ('ok', 'error'));
