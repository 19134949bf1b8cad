-- list_version: one number that changes with everything the estimates list shows (SQLite).
-- migrations/postgres/00011_list_version.sql is the same change for PostgreSQL; keep the two in
-- step.
--
-- A page of the list (GET /tasks, any search, any page) rendered after reading version N is served
-- again while the version is N. The list shows, for each task, what its page shows a part of
-- (title, client, status, lines, the latest revision's total), so the number follows
-- task_versions (migration 00009), which every write to a task's data already bumps: it changes
-- whenever a task's version is created, bumped or deleted, that is when a task is created,
-- changed or deleted. Writes that the list does not show (a line's estimate, a chat message) change
-- it too; that costs a render of the next list page, never a stale one.

-- +goose Up
CREATE TABLE list_version (
    id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO list_version (id) VALUES (1);
-- +goose StatementBegin
CREATE TRIGGER task_versions_list_insert AFTER INSERT ON task_versions
BEGIN
    UPDATE list_version SET version = version + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER task_versions_list_update AFTER UPDATE ON task_versions
BEGIN
    UPDATE list_version SET version = version + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER task_versions_list_delete AFTER DELETE ON task_versions
BEGIN
    UPDATE list_version SET version = version + 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER task_versions_list_delete;
DROP TRIGGER task_versions_list_update;
DROP TRIGGER task_versions_list_insert;
DROP TABLE list_version;
