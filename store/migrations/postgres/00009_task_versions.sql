-- task_versions: a number that changes with everything the task's page shows (PostgreSQL).
-- migrations/sqlite/00009_task_versions.sql is the same change for SQLite; keep the two in step;
-- its header says what the number is for and which writes change it.
--
-- The triggers that bump it are deferred to commit. Bumping takes the lock on the task's version
-- row, and taken at commit it is the last lock a transaction takes, so it cannot close a cycle
-- with the row locks the transaction took before (a worker that finished a job and a person
-- cancelling the run would otherwise lock the same two rows in opposite orders). Readers see the
-- new number and the change together, at commit.

-- +goose Up
CREATE TABLE task_versions (
    task_id TEXT NOT NULL PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
    version BIGINT NOT NULL DEFAULT 1
);
INSERT INTO task_versions (task_id) SELECT id FROM tasks;

-- +goose StatementBegin
CREATE FUNCTION task_version_create() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_versions (task_id) VALUES (NEW.id);
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- task_version_bump(ref) bumps the version of the task the changed row belongs to, before and
-- after the change. ref names the column that leads to the task: id (the task itself), task_id,
-- run_id (through estimate_runs), revision_id (through revisions), or 'all' for every task.
-- +goose StatementBegin
CREATE FUNCTION task_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ref  TEXT := TG_ARGV[0];
    refs TEXT[] := ARRAY[]::TEXT[];
BEGIN
    IF ref = 'all' THEN
        UPDATE task_versions SET version = version + 1;
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        refs := refs || (to_jsonb(OLD) ->> ref);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        refs := refs || (to_jsonb(NEW) ->> ref);
    END IF;
    CASE ref
    WHEN 'run_id' THEN
        UPDATE task_versions SET version = version + 1
        WHERE task_id IN (SELECT task_id FROM estimate_runs WHERE id = ANY (refs::BIGINT[]));
    WHEN 'revision_id' THEN
        UPDATE task_versions SET version = version + 1
        WHERE task_id IN (SELECT task_id FROM revisions WHERE id = ANY (refs::BIGINT[]));
    ELSE
        UPDATE task_versions SET version = version + 1 WHERE task_id = ANY (refs);
    END CASE;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER tasks_version_create AFTER INSERT ON tasks
    FOR EACH ROW EXECUTE FUNCTION task_version_create();
CREATE CONSTRAINT TRIGGER tasks_version AFTER UPDATE ON tasks
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION task_version_bump('id');
CREATE CONSTRAINT TRIGGER task_lines_version AFTER INSERT OR UPDATE OR DELETE ON task_lines
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION task_version_bump('task_id');
CREATE CONSTRAINT TRIGGER questions_version AFTER INSERT OR UPDATE OR DELETE ON questions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION task_version_bump('task_id');
CREATE CONSTRAINT TRIGGER estimate_runs_version AFTER INSERT OR UPDATE OR DELETE ON estimate_runs
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION task_version_bump('task_id');
CREATE CONSTRAINT TRIGGER line_estimates_version AFTER INSERT OR UPDATE OR DELETE ON line_estimates
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION task_version_bump('run_id');
CREATE CONSTRAINT TRIGGER jobs_version AFTER INSERT OR UPDATE OF status OR DELETE ON jobs
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION task_version_bump('task_id');
CREATE CONSTRAINT TRIGGER revisions_version AFTER INSERT OR UPDATE OR DELETE ON revisions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION task_version_bump('task_id');
CREATE CONSTRAINT TRIGGER revision_lines_version AFTER INSERT OR UPDATE OR DELETE ON revision_lines
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION task_version_bump('revision_id');
CREATE CONSTRAINT TRIGGER chat_messages_version AFTER INSERT OR UPDATE OR DELETE ON chat_messages
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION task_version_bump('task_id');
CREATE CONSTRAINT TRIGGER proposals_version AFTER INSERT OR UPDATE OR DELETE ON proposals
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION task_version_bump('task_id');
CREATE CONSTRAINT TRIGGER model_calls_version AFTER INSERT OR UPDATE OR DELETE ON model_calls
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION task_version_bump('task_id');
CREATE CONSTRAINT TRIGGER quotes_version AFTER INSERT OR UPDATE OR DELETE ON quotes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION task_version_bump('task_id');
CREATE CONSTRAINT TRIGGER issuer_version AFTER INSERT OR UPDATE OR DELETE ON issuer
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION task_version_bump('all');

-- +goose Down
DROP TRIGGER tasks_version_create ON tasks;
DROP TRIGGER tasks_version ON tasks;
DROP TRIGGER task_lines_version ON task_lines;
DROP TRIGGER questions_version ON questions;
DROP TRIGGER estimate_runs_version ON estimate_runs;
DROP TRIGGER line_estimates_version ON line_estimates;
DROP TRIGGER jobs_version ON jobs;
DROP TRIGGER revisions_version ON revisions;
DROP TRIGGER revision_lines_version ON revision_lines;
DROP TRIGGER chat_messages_version ON chat_messages;
DROP TRIGGER proposals_version ON proposals;
DROP TRIGGER model_calls_version ON model_calls;
DROP TRIGGER quotes_version ON quotes;
DROP TRIGGER issuer_version ON issuer;
DROP FUNCTION task_version_bump();
DROP FUNCTION task_version_create();
DROP TABLE task_versions;
