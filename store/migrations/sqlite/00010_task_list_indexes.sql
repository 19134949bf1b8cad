-- The indexes of the estimates list (SQLite). migrations/postgres/00010_task_list_indexes.sql is
-- the same change for PostgreSQL; keep the two in step.
--
-- With 10,000 tasks the list read far more than it showed (EXPLAIN QUERY PLAN): its order
-- (created_at DESC, id DESC) went beyond tasks_created_at_idx, so every row up to the page was
-- read from the table and sorted on id ("USE TEMP B-TREE FOR RIGHT PART OF ORDER BY"), and the
-- count of the total scanned the whole table ("SCAN tasks"), whose rows carry the requirements.

-- +goose Up

-- tasks_list_idx serves the page of the list (store.ListTasks, store/task.go), with or without a
-- search: ORDER BY created_at DESC, id DESC LIMIT … OFFSET … walks it backwards, ties broken by
-- id as the ORDER BY does, with no sort; a search (search_text LIKE …) is checked on it too. The
-- page's ids come from this index alone ("COVERING INDEX"), so neither the rows OFFSET skips nor
-- the ones a search rejects are read from the table: only the page's tasks are.
CREATE INDEX tasks_list_idx ON tasks (created_at, id, search_text);

-- tasks_search_idx serves the total of the list: COUNT(*) … WHERE search_text LIKE … must read
-- the search text of every task, and this index holds nothing else, so it is the narrowest thing
-- to scan (600 kB for 10,000 tasks, against 1.4 MB for tasks_list_idx and 4.8 MB for the table).
-- The total without a search counts it as well.
CREATE INDEX tasks_search_idx ON tasks (search_text);

-- The two replace tasks_created_at_idx: nothing else reads tasks by creation time, and
-- tasks_list_idx starts with created_at.
DROP INDEX tasks_created_at_idx;

-- +goose Down
CREATE INDEX tasks_created_at_idx ON tasks (created_at);
DROP INDEX tasks_search_idx;
DROP INDEX tasks_list_idx;
