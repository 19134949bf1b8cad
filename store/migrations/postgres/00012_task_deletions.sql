-- task_deletions: the audit record of every deleted task (PostgreSQL).
-- migrations/sqlite/00012_task_deletions.sql is the same change for SQLite; keep the two in
-- step.
--
-- A task is deleted by a user from its page, by the retention cleanup (DATA_RETENTION_DAYS) or by
-- an administrator. Each deletion writes one row here in the same transaction as the delete, so
-- there is never a deletion without its record, nor a record of a deletion that was rolled back.
--
-- The record outlives the task, so it has no foreign key to tasks, and the column is named
-- deleted_task_id rather than task_id on purpose: a task_id column marks a table that belongs to
-- a task and must bump the task's version (task_versions, migration 00009), which is meaningless
-- here because the task is gone.
--
-- It describes the task without its content: no title, client name, requirements or lines, only
-- what helps an operator answer "where did that estimate go": its id, its status, how many lines
-- it had and when it was created.

-- +goose Up
CREATE TABLE task_deletions (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deleted_task_id TEXT NOT NULL,
    task_status     TEXT NOT NULL,
    task_line_count BIGINT NOT NULL CHECK (task_line_count >= 0),
    task_created_at TIMESTAMPTZ NOT NULL,
    -- who: 'user' (the task page), 'retention' (the cleanup) or 'admin' (the admin page)
    deleted_by      TEXT NOT NULL CHECK (deleted_by IN ('user', 'retention', 'admin')),
    -- the client address as the app saw it through TRUSTED_PROXIES; empty for the retention
    client          TEXT NOT NULL DEFAULT '',
    reason          TEXT NOT NULL,
    deleted_at      TIMESTAMPTZ NOT NULL
);
-- The admin page lists the latest records first.
CREATE INDEX task_deletions_deleted_at_idx ON task_deletions (deleted_at);

-- +goose Down
DROP TABLE task_deletions;
