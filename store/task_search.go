package store

import (
	"context"
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// searchFold is how the list's search compares text: compatibility forms unified (full-width
// letters and digits, half-width katakana) and letters in lower case, in Go so that SQLite and
// PostgreSQL match alike.
func searchFold(s string) string {
	return strings.ToLower(norm.NFKC.String(s))
}

// searchText is what a task's search matches: its title and client name, folded.
func searchText(title, client string) string {
	return searchFold(title) + "\n" + searchFold(client)
}

const (
	tasksWithoutSearchQuery = `SELECT id, title, client_name FROM tasks WHERE search_text = '' ORDER BY id`
	setTaskSearchQuery      = `UPDATE tasks SET search_text = ? WHERE id = ?`
)

// fillTaskSearch folds the search text of the tasks created before it was kept (migration 00007).
func (s *Store) fillTaskSearch(ctx context.Context) error {
	var rows []struct {
		ID         string `db:"id"`
		Title      string `db:"title"`
		ClientName string `db:"client_name"`
	}
	if err := s.db.SelectContext(ctx, &rows, s.db.Rebind(tasksWithoutSearchQuery)); err != nil {
		return fmt.Errorf("store: tasks without search text: %w", err)
	}
	for _, r := range rows {
		if _, err := s.db.ExecContext(ctx, s.db.Rebind(setTaskSearchQuery), searchText(r.Title, r.ClientName), r.ID); err != nil {
			return fmt.Errorf("store: search text of task %s: %w", r.ID, err)
		}
	}
	return nil
}
