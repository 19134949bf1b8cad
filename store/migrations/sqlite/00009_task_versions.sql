-- task_versions: a number that changes with everything the task's page shows (SQLite).
-- migrations/postgres/00009_task_versions.sql is the same change for PostgreSQL; keep the two in
-- step.
--
-- The page of an estimated task and its polled progress fragment are answered from this number:
-- a page rendered at version N is served again while the version is N, and a poll that saw N
-- gets "nothing changed" (204). For that to be exact the number must change in the same
-- transaction as every write that changes what the page shows, whichever code makes it, so
-- triggers keep it rather than the application: on the task itself, on every table the page reads
-- that belongs to a task (directly by task_id, or through its run or revision), and on the issuer,
-- whose default payment terms every task's quotation panel shows. jobs count only when their status
-- changes: renewing a lease changes nothing a person sees.
--
-- It is a table of its own rather than a column of tasks so that, on PostgreSQL, bumping it never
-- waits behind a lock on the task's row (see the PostgreSQL migration).

-- +goose Up
CREATE TABLE task_versions (
    task_id TEXT NOT NULL PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
    version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO task_versions (task_id) SELECT id FROM tasks;
-- +goose StatementBegin
CREATE TRIGGER tasks_version_insert AFTER INSERT ON tasks FOR EACH ROW
BEGIN
    INSERT INTO task_versions (task_id) VALUES (NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tasks_version_update AFTER UPDATE ON tasks FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER task_lines_version_insert AFTER INSERT ON task_lines FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (NEW.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER task_lines_version_update AFTER UPDATE ON task_lines FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (OLD.task_id, NEW.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER task_lines_version_delete AFTER DELETE ON task_lines FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (OLD.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER questions_version_insert AFTER INSERT ON questions FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (NEW.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER questions_version_update AFTER UPDATE ON questions FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (OLD.task_id, NEW.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER questions_version_delete AFTER DELETE ON questions FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (OLD.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER estimate_runs_version_insert AFTER INSERT ON estimate_runs FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (NEW.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER estimate_runs_version_update AFTER UPDATE ON estimate_runs FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (OLD.task_id, NEW.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER estimate_runs_version_delete AFTER DELETE ON estimate_runs FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (OLD.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER revisions_version_insert AFTER INSERT ON revisions FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (NEW.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER revisions_version_update AFTER UPDATE ON revisions FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (OLD.task_id, NEW.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER revisions_version_delete AFTER DELETE ON revisions FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (OLD.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER chat_messages_version_insert AFTER INSERT ON chat_messages FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (NEW.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER chat_messages_version_update AFTER UPDATE ON chat_messages FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (OLD.task_id, NEW.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER chat_messages_version_delete AFTER DELETE ON chat_messages FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (OLD.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER proposals_version_insert AFTER INSERT ON proposals FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (NEW.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER proposals_version_update AFTER UPDATE ON proposals FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (OLD.task_id, NEW.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER proposals_version_delete AFTER DELETE ON proposals FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (OLD.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER model_calls_version_insert AFTER INSERT ON model_calls FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (NEW.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER model_calls_version_update AFTER UPDATE ON model_calls FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (OLD.task_id, NEW.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER model_calls_version_delete AFTER DELETE ON model_calls FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (OLD.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER quotes_version_insert AFTER INSERT ON quotes FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (NEW.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER quotes_version_update AFTER UPDATE ON quotes FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (OLD.task_id, NEW.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER quotes_version_delete AFTER DELETE ON quotes FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (OLD.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER jobs_version_insert AFTER INSERT ON jobs FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (NEW.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER jobs_version_update AFTER UPDATE OF status ON jobs FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (OLD.task_id, NEW.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER jobs_version_delete AFTER DELETE ON jobs FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (OLD.task_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER line_estimates_version_insert AFTER INSERT ON line_estimates FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (SELECT task_id FROM estimate_runs WHERE id IN (NEW.run_id));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER line_estimates_version_update AFTER UPDATE ON line_estimates FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (SELECT task_id FROM estimate_runs WHERE id IN (OLD.run_id, NEW.run_id));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER line_estimates_version_delete AFTER DELETE ON line_estimates FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (SELECT task_id FROM estimate_runs WHERE id IN (OLD.run_id));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER revision_lines_version_insert AFTER INSERT ON revision_lines FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (SELECT task_id FROM revisions WHERE id IN (NEW.revision_id));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER revision_lines_version_update AFTER UPDATE ON revision_lines FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (SELECT task_id FROM revisions WHERE id IN (OLD.revision_id, NEW.revision_id));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER revision_lines_version_delete AFTER DELETE ON revision_lines FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1 WHERE task_id IN (SELECT task_id FROM revisions WHERE id IN (OLD.revision_id));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER issuer_version_insert AFTER INSERT ON issuer FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER issuer_version_update AFTER UPDATE ON issuer FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER issuer_version_delete AFTER DELETE ON issuer FOR EACH ROW
BEGIN
    UPDATE task_versions SET version = version + 1;
END;
-- +goose StatementEnd
-- +goose Down
DROP TRIGGER tasks_version_insert;
DROP TRIGGER tasks_version_update;
DROP TRIGGER task_lines_version_insert;
DROP TRIGGER task_lines_version_update;
DROP TRIGGER task_lines_version_delete;
DROP TRIGGER questions_version_insert;
DROP TRIGGER questions_version_update;
DROP TRIGGER questions_version_delete;
DROP TRIGGER estimate_runs_version_insert;
DROP TRIGGER estimate_runs_version_update;
DROP TRIGGER estimate_runs_version_delete;
DROP TRIGGER revisions_version_insert;
DROP TRIGGER revisions_version_update;
DROP TRIGGER revisions_version_delete;
DROP TRIGGER chat_messages_version_insert;
DROP TRIGGER chat_messages_version_update;
DROP TRIGGER chat_messages_version_delete;
DROP TRIGGER proposals_version_insert;
DROP TRIGGER proposals_version_update;
DROP TRIGGER proposals_version_delete;
DROP TRIGGER model_calls_version_insert;
DROP TRIGGER model_calls_version_update;
DROP TRIGGER model_calls_version_delete;
DROP TRIGGER quotes_version_insert;
DROP TRIGGER quotes_version_update;
DROP TRIGGER quotes_version_delete;
DROP TRIGGER jobs_version_insert;
DROP TRIGGER jobs_version_update;
DROP TRIGGER jobs_version_delete;
DROP TRIGGER line_estimates_version_insert;
DROP TRIGGER line_estimates_version_update;
DROP TRIGGER line_estimates_version_delete;
DROP TRIGGER revision_lines_version_insert;
DROP TRIGGER revision_lines_version_update;
DROP TRIGGER revision_lines_version_delete;
DROP TRIGGER issuer_version_insert;
DROP TRIGGER issuer_version_update;
DROP TRIGGER issuer_version_delete;
DROP TABLE task_versions;
