-- Initial schema (SQLite). migrations/postgres/00001_init.sql is the same schema for PostgreSQL;
-- keep the two in step, with the same tables, columns and constraints.
--
-- Conventions:
--   - Money is INTEGER minor units (yen, or cents for USD). Person-days are INTEGER tenths
--     (12 = 1.2 days). Rates and percentages are INTEGER basis points (1000 = 10 %). No REAL.
--   - Times are TIMESTAMP, which go-sqlite3 scans into time.Time. Go always writes them in UTC,
--     so the stored text compares in time order; queries pass times rather than use CURRENT_TIMESTAMP.
--   - Text that may be absent is NOT NULL DEFAULT '' so it scans into a plain string. NULL is kept
--     where "not yet" has a meaning of its own (an unanswered question, an unfinished run).
--   - JSON lists (assumptions, risks, proposal changes) are TEXT holding JSON.
--   - Everything a task owns references it, directly or through a parent, with ON DELETE CASCADE,
--     so deleting the task row deletes all of its data.
--   - Every foreign key column is indexed, either by its own index or as the first column of a
--     UNIQUE constraint, so cascades and per-task reads never scan a whole table.

-- +goose Up

-- settings: key/value pairs the application generates once and keeps, such as the session key.
CREATE TABLE settings (
    key        TEXT NOT NULL PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- tasks: one estimation request. Language, currency, tax rate, tax rounding and unit cost are
-- copied from the configuration at creation, so a later configuration change never alters an
-- existing estimate. The id is a random UUID because it appears in URLs.
CREATE TABLE tasks (
    id               TEXT NOT NULL PRIMARY KEY,
    title            TEXT NOT NULL DEFAULT '',
    client_name      TEXT NOT NULL DEFAULT '',
    client_honorific TEXT NOT NULL DEFAULT '' CHECK (client_honorific IN ('onchu', 'sama', '')), -- 御中 | 様 | none
    language         TEXT NOT NULL CHECK (language IN ('ja', 'en')),
    currency         TEXT NOT NULL CHECK (currency IN ('JPY', 'USD')),
    tax_rate_bp      INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
    tax_rounding     TEXT NOT NULL CHECK (tax_rounding IN ('down', 'half_up', 'up')),
    unit_cost_minor  INTEGER NOT NULL CHECK (unit_cost_minor >= 0), -- per person-day
    requirements     TEXT NOT NULL DEFAULT '',
    question_count   INTEGER NOT NULL CHECK (question_count >= 0), -- how many questions to ask
    status           TEXT NOT NULL CHECK (status IN ('generating_questions', 'awaiting_answers', 'estimating', 'estimated', 'failed')),
    error_message    TEXT NOT NULL DEFAULT '', -- safe to show to the user
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
-- Listing newest first and retention cleanup both go by creation time.
CREATE INDEX tasks_created_at_idx ON tasks (created_at);

-- task_lines: the deliverables (成果物) as entered or uploaded, in their original order. Estimates
-- refer to them; edits after estimation live in revision_lines.
CREATE TABLE task_lines (
    id          INTEGER PRIMARY KEY,
    task_id     TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 1),
    name        TEXT NOT NULL CHECK (name <> ''),
    description TEXT NOT NULL DEFAULT '',
    UNIQUE (task_id, position)
);

-- questions: clarifying questions asked before estimating, each with the reason it matters.
-- answer is NULL until the question is answered; an empty answer means answered blank.
CREATE TABLE questions (
    id          INTEGER PRIMARY KEY,
    task_id     TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 1),
    text        TEXT NOT NULL CHECK (text <> ''),
    rationale   TEXT NOT NULL DEFAULT '',
    answer      TEXT,
    answered_at TIMESTAMP,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (task_id, position),
    CHECK ((answer IS NULL) = (answered_at IS NULL))
);

-- estimate_runs: one estimation pass over a task's lines (the first after the answers, later ones
-- on re-estimation), numbered 1, 2, … per task.
CREATE TABLE estimate_runs (
    id          INTEGER PRIMARY KEY,
    task_id     TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    number      INTEGER NOT NULL CHECK (number >= 1),
    status      TEXT NOT NULL CHECK (status IN ('running', 'finished', 'cancelled')),
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    UNIQUE (task_id, number),
    CHECK (status = 'running' OR finished_at IS NOT NULL)
);

-- line_estimates: the result for one line in one run, stored as soon as that line finishes so the
-- page can fill in row by row. Only a 'done' row carries numbers: a failed line never gets
-- invented figures, and a 'done' row always says which engine produced it.
CREATE TABLE line_estimates (
    id                    INTEGER PRIMARY KEY,
    run_id                INTEGER NOT NULL REFERENCES estimate_runs (id) ON DELETE CASCADE,
    task_line_id          INTEGER NOT NULL REFERENCES task_lines (id) ON DELETE CASCADE,
    status                TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'cancelled')),
    requirements_tenths   INTEGER NOT NULL DEFAULT 0 CHECK (requirements_tenths >= 0),
    design_tenths         INTEGER NOT NULL DEFAULT 0 CHECK (design_tenths >= 0),
    implementation_tenths INTEGER NOT NULL DEFAULT 0 CHECK (implementation_tenths >= 0),
    testing_tenths        INTEGER NOT NULL DEFAULT 0 CHECK (testing_tenths >= 0),
    documentation_tenths  INTEGER NOT NULL DEFAULT 0 CHECK (documentation_tenths >= 0),
    optimistic_tenths     INTEGER NOT NULL DEFAULT 0 CHECK (optimistic_tenths >= 0),
    pessimistic_tenths    INTEGER NOT NULL DEFAULT 0 CHECK (pessimistic_tenths >= optimistic_tenths),
    confidence            TEXT NOT NULL DEFAULT '' CHECK (confidence IN ('low', 'medium', 'high', '')),
    reasoning             TEXT NOT NULL DEFAULT '',
    assumptions           TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    risks                 TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    source                TEXT NOT NULL DEFAULT '' CHECK (source IN ('ai', 'offline', 'manual', '')), -- '' until done
    model                 TEXT NOT NULL DEFAULT '',
    error                 TEXT NOT NULL DEFAULT '', -- safe to show to the user
    created_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL,
    UNIQUE (run_id, task_line_id),
    CHECK (status <> 'done' OR source <> ''),
    CHECK (status = 'done' OR (requirements_tenths + design_tenths + implementation_tenths + testing_tenths
        + documentation_tenths + optimistic_tenths + pessimistic_tenths) = 0)
);
CREATE INDEX line_estimates_task_line_id_idx ON line_estimates (task_line_id);

-- jobs: background work kept in the database, so a restart resumes it and several instances can
-- share it. A worker claims a job by setting lease_owner and lease_expires_at; an expired lease
-- may be taken over. kind has no CHECK so that new kinds need no migration; payload carries
-- whatever a kind needs beyond the references below.
CREATE TABLE jobs (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind <> ''), -- 'questions', 'estimate_line', …
    task_id          TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    run_id           INTEGER REFERENCES estimate_runs (id) ON DELETE CASCADE,
    task_line_id     INTEGER REFERENCES task_lines (id) ON DELETE CASCADE,
    payload          TEXT NOT NULL DEFAULT '{}', -- JSON object
    status           TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts     INTEGER NOT NULL CHECK (max_attempts >= 1),
    lease_owner      TEXT NOT NULL DEFAULT '',
    lease_expires_at TIMESTAMP,
    run_after        TIMESTAMP NOT NULL, -- not before this time (backoff after a failure)
    last_error       TEXT NOT NULL DEFAULT '',
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
-- Workers look for queued jobs whose run_after has passed, and running jobs whose lease expired.
CREATE INDEX jobs_status_run_after_idx ON jobs (status, run_after);
CREATE INDEX jobs_task_id_idx ON jobs (task_id);
CREATE INDEX jobs_run_id_idx ON jobs (run_id);
CREATE INDEX jobs_task_line_id_idx ON jobs (task_line_id);

-- revisions: immutable snapshots of an estimate, numbered 1, 2, … per task. Every change (applying
-- a proposal, a quick action, an edit, a restore) adds revision n+1 and never rewrites an older one.
-- based_on_revision_id is the revision the change started from (the restored one for a restore);
-- it is NULL for the initial revision.
CREATE TABLE revisions (
    id                   INTEGER PRIMARY KEY,
    task_id              TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    number               INTEGER NOT NULL CHECK (number >= 1),
    reason               TEXT NOT NULL CHECK (reason IN ('initial', 'proposal', 'quick_action', 'manual_edit', 'restore')),
    based_on_revision_id INTEGER REFERENCES revisions (id) ON DELETE SET NULL,
    note                 TEXT NOT NULL DEFAULT '',
    currency             TEXT NOT NULL CHECK (currency IN ('JPY', 'USD')),
    tax_rate_bp          INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
    tax_rounding         TEXT NOT NULL CHECK (tax_rounding IN ('down', 'half_up', 'up')),
    contingency_bp       INTEGER NOT NULL DEFAULT 0 CHECK (contingency_bp >= 0),
    discount_minor       INTEGER NOT NULL DEFAULT 0 CHECK (discount_minor >= 0), -- 出精値引
    created_at           TIMESTAMP NOT NULL,
    UNIQUE (task_id, number)
);
CREATE INDEX revisions_based_on_revision_id_idx ON revisions (based_on_revision_id);

-- revision_lines: the lines of one revision, copied in full so a revision never changes when
-- another is made. line_key identifies the same deliverable across revisions, so two revisions can
-- be compared line by line even after a rename or a reorder.
CREATE TABLE revision_lines (
    id                    INTEGER PRIMARY KEY,
    revision_id           INTEGER NOT NULL REFERENCES revisions (id) ON DELETE CASCADE,
    position              INTEGER NOT NULL CHECK (position >= 1),
    line_key              TEXT NOT NULL CHECK (line_key <> ''),
    name                  TEXT NOT NULL CHECK (name <> ''),
    description           TEXT NOT NULL DEFAULT '',
    requirements_tenths   INTEGER NOT NULL CHECK (requirements_tenths >= 0),
    design_tenths         INTEGER NOT NULL CHECK (design_tenths >= 0),
    implementation_tenths INTEGER NOT NULL CHECK (implementation_tenths >= 0),
    testing_tenths        INTEGER NOT NULL CHECK (testing_tenths >= 0),
    documentation_tenths  INTEGER NOT NULL CHECK (documentation_tenths >= 0),
    optimistic_tenths     INTEGER NOT NULL CHECK (optimistic_tenths >= 0),
    pessimistic_tenths    INTEGER NOT NULL CHECK (pessimistic_tenths >= optimistic_tenths),
    unit_cost_minor       INTEGER NOT NULL CHECK (unit_cost_minor >= 0), -- per person-day
    confidence            TEXT NOT NULL DEFAULT '' CHECK (confidence IN ('low', 'medium', 'high', '')),
    reasoning             TEXT NOT NULL DEFAULT '',
    assumptions           TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    risks                 TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    source                TEXT NOT NULL CHECK (source IN ('ai', 'offline', 'manual')),
    UNIQUE (revision_id, position),
    UNIQUE (revision_id, line_key)
);

-- chat_messages: the adjustment chat of a task, in order.
CREATE TABLE chat_messages (
    id         INTEGER PRIMARY KEY,
    task_id    TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    content    TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX chat_messages_task_id_idx ON chat_messages (task_id);

-- proposals: suggested changes (proposal cards) against a base revision. changes is JSON that the
-- estimate package interprets; its effect is always recomputed in Go, never taken from the model.
-- Applying one records the revision it created.
CREATE TABLE proposals (
    id                  INTEGER PRIMARY KEY,
    task_id             TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    base_revision_id    INTEGER NOT NULL REFERENCES revisions (id) ON DELETE CASCADE,
    chat_message_id     INTEGER REFERENCES chat_messages (id) ON DELETE SET NULL,
    position            INTEGER NOT NULL CHECK (position >= 1), -- order among the cards of one answer
    title               TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    changes             TEXT NOT NULL, -- JSON
    status              TEXT NOT NULL CHECK (status IN ('open', 'applied', 'dismissed')),
    applied_revision_id INTEGER REFERENCES revisions (id) ON DELETE SET NULL,
    created_at          TIMESTAMP NOT NULL
);
CREATE INDEX proposals_task_id_idx ON proposals (task_id);
CREATE INDEX proposals_base_revision_id_idx ON proposals (base_revision_id);
CREATE INDEX proposals_chat_message_id_idx ON proposals (chat_message_id);
CREATE INDEX proposals_applied_revision_id_idx ON proposals (applied_revision_id);

-- model_calls: one row per language-model call, for the cost shown next to a result and for the
-- daily and monthly spending caps. The spend is the operator's record, not the task's data, so
-- deleting a task detaches its calls (task_id becomes NULL) instead of erasing money already
-- spent; the rows hold no user text. job_id has no foreign key for the same reason: finished jobs
-- may be purged.
CREATE TABLE model_calls (
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
CREATE INDEX model_calls_task_id_idx ON model_calls (task_id);
-- The spending caps sum the calls of the current day and month.
CREATE INDEX model_calls_created_at_idx ON model_calls (created_at);

-- +goose Down
DROP TABLE model_calls;
DROP TABLE proposals;
DROP TABLE chat_messages;
DROP TABLE revision_lines;
DROP TABLE revisions;
DROP TABLE jobs;
DROP TABLE line_estimates;
DROP TABLE estimate_runs;
DROP TABLE questions;
DROP TABLE task_lines;
DROP TABLE tasks;
DROP TABLE settings;
