-- +goose Up
-- revisions.total_minor: the revision's total, tax included, computed in Go when the revision is
-- written (revisions never change), so that the list of estimates shows every task's latest total
-- in its one query instead of reading and pricing each task's lines. NULL until computed: the
-- revisions written before this migration get theirs when the store is next migrated
-- (Store.Migrate).
ALTER TABLE revisions ADD COLUMN total_minor INTEGER;

-- +goose Down
ALTER TABLE revisions DROP COLUMN total_minor;
