-- list_version: one number that changes with everything the estimates list shows (PostgreSQL).
-- migrations/sqlite/00011_list_version.sql is the same change for SQLite; its header says what the
-- number is for and why it follows task_versions.
--
-- Every transaction that writes to a task now also updates this one row, so the row's lock must
-- never be held while the transaction waits for another lock, or two transactions could wait for
-- each other. The trigger is a deferred constraint trigger on task_versions, whose own rows are
-- bumped by deferred triggers (migration 00009). At commit PostgreSQL fires the deferred events
-- queued by the transaction's statements first, and the events those triggers queue (these) after
-- them, so the bump comes after every lock on a task's version. The exceptions are the insert and
-- the delete of a task's version row, queued with the statement that creates or deletes the task;
-- the rows such a transaction locks after it are the new or deleted task's own, which no other
-- transaction can hold.
--
-- A transaction bumps the row once however many tasks it changes (the issuer's terms change every
-- task): a setting local to the transaction remembers that it did.

-- +goose Up
CREATE TABLE list_version (
    id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL DEFAULT 1
);
INSERT INTO list_version (id) VALUES (1);

-- +goose StatementBegin
CREATE FUNCTION list_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('estimator.list_version_bumped', true) IS DISTINCT FROM 'yes' THEN
        UPDATE list_version SET version = version + 1;
        PERFORM set_config('estimator.list_version_bumped', 'yes', true);
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE CONSTRAINT TRIGGER task_versions_list AFTER INSERT OR UPDATE OR DELETE ON task_versions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION list_version_bump();

-- +goose Down
DROP TRIGGER task_versions_list ON task_versions;
DROP FUNCTION list_version_bump();
DROP TABLE list_version;
