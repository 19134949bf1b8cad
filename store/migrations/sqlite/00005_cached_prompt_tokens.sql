-- Cached prompt tokens (SQLite). migrations/postgres/00005_cached_prompt_tokens.sql is the same change
-- for PostgreSQL; keep the two in step.
--
-- Providers that cache prompt prefixes (OpenAI and others) bill the cached part of a prompt at a
-- lower rate and say how many prompt tokens it was. A call records that part, so that its cost
-- can be checked against the cached rate and the effect of the cache seen.

-- +goose Up

-- model_calls.cached_prompt_tokens: the part of prompt_tokens the provider served from its cache;
-- 0 when it did not say, and for calls still in flight or lost, whose tokens are estimated.
ALTER TABLE model_calls ADD COLUMN cached_prompt_tokens INTEGER NOT NULL DEFAULT 0
    CHECK (cached_prompt_tokens >= 0);

-- +goose Down
ALTER TABLE model_calls DROP COLUMN cached_prompt_tokens;
