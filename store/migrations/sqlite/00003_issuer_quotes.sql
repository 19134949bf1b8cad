-- The issuer of quotations and the quotation details of each task (SQLite).
-- migrations/postgres/00003_issuer_quotes.sql is the same change for PostgreSQL; keep the two in
-- step. Only tables are added, so rolling back loses nothing but what these tables hold.

-- +goose Up

-- issuer: the company that sends the quotations (発行者), one row with id 1. A row exists only
-- once the settings have been saved; until then the application uses the defaults below. Images
-- are PNG files the application has already checked and re-encoded; NULL when there is none.
CREATE TABLE issuer (
    id             INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    company        TEXT NOT NULL DEFAULT '',
    address        TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    person         TEXT NOT NULL DEFAULT '', -- 担当者
    registration   TEXT NOT NULL DEFAULT '' CHECK (registration = '' OR (length(registration) = 14 AND registration GLOB 'T[0-9]*' AND substr(registration, 2) NOT GLOB '*[^0-9]*')), -- 適格請求書発行事業者登録番号
    payment_terms  TEXT NOT NULL DEFAULT '', -- the default 支払条件 of a new quotation
    validity_days  INTEGER NOT NULL DEFAULT 30 CHECK (validity_days BETWEEN 1 AND 365),
    number_format  TEXT NOT NULL DEFAULT 'YYYYMM-NNNN' CHECK (number_format <> ''),
    seal           BLOB, -- 社印 / 角印
    logo           BLOB,
    updated_at     TIMESTAMP NOT NULL
);

-- quotes: what a task's quotation says beyond the estimate. number is NULL until the first
-- quotation is issued and never reused by another task; dates are YYYY-MM-DD text, '' when unset.
CREATE TABLE quotes (
    task_id       TEXT NOT NULL PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
    number        TEXT UNIQUE CHECK (number <> ''), -- 見積番号
    issue_date    TEXT NOT NULL DEFAULT '' CHECK (issue_date = '' OR issue_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    valid_until   TEXT NOT NULL DEFAULT '' CHECK (valid_until = '' OR valid_until GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    title         TEXT NOT NULL DEFAULT '', -- 件名; '' means the task's title
    addressee     TEXT NOT NULL DEFAULT '', -- 宛名; '' means the task's client
    honorific     TEXT NOT NULL DEFAULT '' CHECK (honorific IN ('onchu', 'sama', '')), -- 御中 | 様 | none
    delivery      TEXT NOT NULL DEFAULT '', -- 納期
    payment_terms TEXT NOT NULL DEFAULT '', -- 支払条件
    remarks       TEXT NOT NULL DEFAULT '', -- 備考
    updated_at    TIMESTAMP NOT NULL
);

-- quote_sequences: the last serial number handed out per scope. A scope is a quotation number with
-- its serial left out (202612-# for YYYYMM-NNNN in December 2026), so the serial restarts with
-- every month, or every year when the format names no month.
CREATE TABLE quote_sequences (
    scope       TEXT NOT NULL PRIMARY KEY,
    last_number INTEGER NOT NULL CHECK (last_number >= 1)
);

-- +goose Down
DROP TABLE quote_sequences;
DROP TABLE quotes;
DROP TABLE issuer;
