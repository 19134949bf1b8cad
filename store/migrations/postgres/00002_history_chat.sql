-- Revision history and chat (PostgreSQL). migrations/sqlite/00002_history_chat.sql is the same change
-- for SQLite; keep the two in step. Only columns are added, on both engines: SQLite changes a CHECK
-- constraint only by rebuilding the table, and rebuilding a table that others reference would
-- cascade-delete their rows, so the constraints of 00001 stay as they are.
--
-- What changes in meaning without a change of schema:
--   - revisions: a re-estimate (a run over a task that already has a revision) is stored with
--     reason 'initial', because it is made by an estimation run, and with based_on_revision_id
--     set to the revision that was latest when the run finished. The first revision of a task is
--     the only 'initial' one without a base. Revision.Kind in Go names the two apart
--     ('re_estimate' for the second case, the reason otherwise).
--   - task_lines: the deliverables as entered or uploaded, plus the ones added in a revision. When a
--     task with a revision is re-estimated, each line of the latest revision first gives its task
--     line the name and description it has there, so a renamed deliverable is re-estimated under
--     its current name; lines the latest revision no longer has are not re-estimated.
--   - jobs: a chat job ('chat', 'chat_offline') names the reply it computes in its payload, as
--     {"message_id": N}.

-- +goose Up

-- revisions.run_id: the estimation run whose answers the revision rests on. A revision made by a
-- run names that run; every other revision copies it from the revision it was made from. NULL when
-- no run is known; kept (as NULL) if the run's row is ever removed without its task.
ALTER TABLE revisions ADD COLUMN run_id BIGINT REFERENCES estimate_runs (id) ON DELETE SET NULL;
CREATE INDEX revisions_run_id_idx ON revisions (run_id);

-- estimate_runs.answers: the questions and answers the run was started with, in question order, as
-- a JSON array of {"question": …, "rationale": …, "answer": …}. Answers can be edited after a run;
-- this snapshot keeps what each estimate rests on.
ALTER TABLE estimate_runs ADD COLUMN answers TEXT NOT NULL DEFAULT '[]';

-- chat_messages.revision_number: the revision the user saw when writing, and the revision an
-- assistant reply was computed on; its proposals are based on that revision.
ALTER TABLE chat_messages ADD COLUMN revision_number BIGINT NOT NULL DEFAULT 0;
-- chat_messages.status: an assistant reply is pending until its job stores it (done) or gives up
-- (failed); a user's message is always done.
ALTER TABLE chat_messages ADD COLUMN status TEXT NOT NULL DEFAULT 'done' CHECK (status IN ('pending', 'done', 'failed'));
-- chat_messages.error: why a reply failed, as a code the pages translate; never the provider's text.
ALTER TABLE chat_messages ADD COLUMN error TEXT NOT NULL DEFAULT '';
-- chat_messages.source: the engine that wrote a reply; '' for a user's message and a reply not yet
-- written.
ALTER TABLE chat_messages ADD COLUMN source TEXT NOT NULL DEFAULT '' CHECK (source IN ('', 'ai', 'offline'));

-- revision_lines.model: the model whose answer gave an 'ai' line its figures, shown beside the
-- line; '' for the other sources and for lines stored before this column existed.
ALTER TABLE revision_lines ADD COLUMN model TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE revision_lines DROP COLUMN model;
ALTER TABLE chat_messages DROP COLUMN source;
ALTER TABLE chat_messages DROP COLUMN error;
ALTER TABLE chat_messages DROP COLUMN status;
ALTER TABLE chat_messages DROP COLUMN revision_number;
ALTER TABLE estimate_runs DROP COLUMN answers;
DROP INDEX revisions_run_id_idx;
ALTER TABLE revisions DROP COLUMN run_id;
