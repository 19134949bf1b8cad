-- +goose Up
-- tasks.search_text: the title and client name as the list's search compares them, folded in Go
-- (NFKC, then lower case) so that 「Ａｃｍｅ」 finds "Acme" the same way on both databases. Written
-- with the task (they never change); tasks created before this migration get theirs when the store
-- is next migrated (Store.Migrate).
ALTER TABLE tasks ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE tasks DROP COLUMN search_text;
