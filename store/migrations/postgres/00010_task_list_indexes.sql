-- The indexes of the estimates list (PostgreSQL). migrations/sqlite/00010_task_list_indexes.sql is
-- the same change for SQLite; keep the two in step.
--
-- With 10,000 tasks the list read far more than it showed (EXPLAIN ANALYZE): its order
-- (created_at DESC, id DESC) went beyond tasks_created_at_idx, so the first page walked that index
-- and sorted again (Incremental Sort), a search fetched every row it passed over from the table to
-- test it, a deep page (OFFSET 9950) was a Seq Scan of the whole table and a Sort of all 10,000
-- rows, and the total of a search was a Seq Scan of the table.

-- +goose Up

-- tasks_list_idx serves the page of the list (store.ListTasks, store/task.go), with or without a
-- search: ORDER BY created_at DESC, id DESC LIMIT … OFFSET … walks it backwards, ties broken by
-- id as the ORDER BY does, with no sort; a search (search_text LIKE …) is checked on it too. The
-- page's ids come from this index alone (Index Only Scan Backward), so neither the rows OFFSET
-- skips nor the ones a search rejects are read from the table: only the page's tasks are.
CREATE INDEX tasks_list_idx ON tasks (created_at, id, search_text);

-- tasks_search_idx serves the total of the list: COUNT(*) … WHERE search_text LIKE … must read
-- the search text of every task, and this index holds nothing else. With repeated texts
-- deduplicated it is a small fraction of the table (280 kB for 10,000 tasks, against 5 MB), so
-- the planner takes an Index Only Scan of it (2.1 ms) over a Seq Scan of the table (6.2 ms); at
-- a quarter of the table, tasks_list_idx still lost to the Seq Scan under the default
-- random_page_cost. The total without a search counts it as well.
CREATE INDEX tasks_search_idx ON tasks (search_text);

-- The two replace tasks_created_at_idx: nothing else reads tasks by creation time, and
-- tasks_list_idx starts with created_at.
DROP INDEX tasks_created_at_idx;

-- +goose Down
CREATE INDEX tasks_created_at_idx ON tasks (created_at);
DROP INDEX tasks_search_idx;
DROP INDEX tasks_list_idx;
