package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"estimator/store"
)

// insertID runs an INSERT … RETURNING id written with "?" placeholders.
func insertID(ctx context.Context, tx *sqlx.Tx, query string, args ...any) (int64, error) {
	var id int64
	err := tx.GetContext(ctx, &id, tx.Rebind(query+" RETURNING id"), args...)
	return id, err
}

// insertTask stores a task with one row in every table a task owns, and one model call.
func insertTask(t *testing.T, s *store.Store, taskID string) {
	t.Helper()
	ctx := t.Context()
	now := time.Now().UTC()
	err := s.WithTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO tasks (id, title, client_name, client_honorific,
			language, currency, tax_rate_bp, tax_rounding, unit_cost_minor, requirements, question_count, status,
			created_at, updated_at) VALUES (?, 'Shop', 'ACME', 'onchu', 'ja', 'JPY', 1000, 'down', 40000, '', 3,
			'estimated', ?, ?)`), taskID, now, now); err != nil {
			return err
		}
		lineID, err := insertID(ctx, tx, `INSERT INTO task_lines (task_id, position, name, description)
			VALUES (?, 1, 'Login', 'Login page')`, taskID)
		if err != nil {
			return err
		}
		if _, err := insertID(ctx, tx, `INSERT INTO questions (task_id, position, text, rationale, answer,
			answered_at, created_at) VALUES (?, 1, 'Single sign-on', 'scope', 'no', ?, ?)`, taskID, now, now); err != nil {
			return err
		}
		runID, err := insertID(ctx, tx, `INSERT INTO estimate_runs (task_id, number, status, started_at,
			finished_at) VALUES (?, 1, 'finished', ?, ?)`, taskID, now, now)
		if err != nil {
			return err
		}
		if _, err := insertID(ctx, tx, `INSERT INTO line_estimates (run_id, task_line_id, status,
			requirements_tenths, design_tenths, implementation_tenths, testing_tenths, documentation_tenths,
			optimistic_tenths, pessimistic_tenths, confidence, reasoning, assumptions, risks, source, model,
			created_at, updated_at) VALUES (?, ?, 'done', 5, 10, 30, 10, 5, 50, 90, 'medium', 'why', '["a"]',
			'["r"]', 'ai', 'm', ?, ?)`, runID, lineID, now, now); err != nil {
			return err
		}
		if _, err := insertID(ctx, tx, `INSERT INTO jobs (kind, task_id, run_id, task_line_id, status,
			max_attempts, run_after, created_at, updated_at) VALUES ('estimate_line', ?, ?, ?, 'done', 3, ?, ?, ?)`,
			taskID, runID, lineID, now, now, now); err != nil {
			return err
		}
		rev1, err := insertID(ctx, tx, `INSERT INTO revisions (task_id, number, reason, currency, tax_rate_bp,
			tax_rounding, created_at) VALUES (?, 1, 'initial', 'JPY', 1000, 'down', ?)`, taskID, now)
		if err != nil {
			return err
		}
		rev2, err := insertID(ctx, tx, `INSERT INTO revisions (task_id, number, reason, based_on_revision_id,
			currency, tax_rate_bp, tax_rounding, contingency_bp, discount_minor, created_at)
			VALUES (?, 2, 'proposal', ?, 'JPY', 1000, 'down', 1000, 10000, ?)`, taskID, rev1, now)
		if err != nil {
			return err
		}
		for _, rev := range []int64{rev1, rev2} {
			if _, err := insertID(ctx, tx, `INSERT INTO revision_lines (revision_id, position, line_key, name,
				requirements_tenths, design_tenths, implementation_tenths, testing_tenths, documentation_tenths,
				optimistic_tenths, pessimistic_tenths, unit_cost_minor, source)
				VALUES (?, 1, 'L1', 'Login', 5, 10, 30, 10, 5, 50, 90, 40000, 'ai')`, rev); err != nil {
				return err
			}
		}
		msgID, err := insertID(ctx, tx, `INSERT INTO chat_messages (task_id, role, content, created_at)
			VALUES (?, 'user', 'cheaper', ?)`, taskID, now)
		if err != nil {
			return err
		}
		if _, err := insertID(ctx, tx, `INSERT INTO proposals (task_id, base_revision_id, chat_message_id,
			position, title, changes, status, applied_revision_id, created_at)
			VALUES (?, ?, ?, 1, 'Cut', '[]', 'applied', ?, ?)`, taskID, rev1, msgID, rev2, now); err != nil {
			return err
		}
		_, err = insertID(ctx, tx, `INSERT INTO model_calls (task_id, operation, provider, model, prompt_tokens,
			completion_tokens, cost_micro_usd, duration_ms, status, created_at)
			VALUES (?, 'estimate_line', 'openai', 'm', 100, 50, 45, 900, 'ok', ?)`, taskID, now)
		return err
	})
	if err != nil {
		t.Fatalf("insert task %s: %v", taskID, err)
	}
}

// ownedTables are the tables whose rows belong to a task and must go when it is deleted.
var ownedTables = []string{"tasks", "task_lines", "questions", "estimate_runs", "line_estimates", "jobs",
	"revisions", "revision_lines", "chat_messages", "proposals"}

func countRows(t *testing.T, s *store.Store, table string) int {
	t.Helper()
	var n int
	if err := s.DB().GetContext(t.Context(), &n, "SELECT COUNT(*) FROM "+table); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDeleteTaskCascades(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			insertTask(t, s, "task-deleted")
			insertTask(t, s, "task-kept")
			for _, table := range ownedTables {
				if n := countRows(t, s, table); n == 0 || n%2 != 0 {
					t.Fatalf("%s has %d rows before the delete, want an even number > 0", table, n)
				}
			}
			before := make(map[string]int)
			for _, table := range ownedTables {
				before[table] = countRows(t, s, table)
			}
			_, err := s.DB().ExecContext(t.Context(), s.DB().Rebind(`DELETE FROM tasks WHERE id = ?`), "task-deleted")
			if err != nil {
				t.Fatal(err)
			}
			for _, table := range ownedTables {
				if got, want := countRows(t, s, table), before[table]/2; got != want {
					t.Errorf("%s has %d rows after deleting one of two tasks, want %d", table, got, want)
				}
			}
			// Spending records survive, detached from the deleted task.
			var detached int
			if err := s.DB().GetContext(t.Context(), &detached, `SELECT COUNT(*) FROM model_calls WHERE task_id IS NULL`); err != nil {
				t.Fatal(err)
			}
			if n := countRows(t, s, "model_calls"); n != 2 || detached != 1 {
				t.Errorf("model_calls: %d rows, %d detached; want 2, 1", n, detached)
			}
		})
	}
}

func TestCheckConstraints(t *testing.T) {
	bad := []struct {
		name  string
		query string
	}{
		{"TaskStatus", `UPDATE tasks SET status = 'bogus'`},
		{"TaskLanguage", `UPDATE tasks SET language = 'fr'`},
		{"TaskHonorific", `UPDATE tasks SET client_honorific = 'dono'`},
		{"TaskTaxRate", `UPDATE tasks SET tax_rate_bp = -1`},
		{"TaskUnitCost", `UPDATE tasks SET unit_cost_minor = -1`},
		{"JobStatus", `UPDATE jobs SET status = 'paused'`},
		{"RunStatus", `UPDATE estimate_runs SET status = 'done'`},
		{"RunFinishedWithoutTime", `UPDATE estimate_runs SET finished_at = NULL`},
		{"AnswerWithoutTime", `UPDATE questions SET answered_at = NULL`},
		{"NegativePhase", `UPDATE line_estimates SET design_tenths = -1`},
		{"PessimisticBelowOptimistic", `UPDATE line_estimates SET pessimistic_tenths = 10`},
		{"FailedLineWithNumbers", `UPDATE line_estimates SET status = 'failed'`},
		{"DoneLineWithoutSource", `UPDATE line_estimates SET source = ''`},
		{"RevisionReason", `UPDATE revisions SET reason = 'whim'`},
		{"NegativeDiscount", `UPDATE revisions SET discount_minor = -1`},
		{"RevisionLineSource", `UPDATE revision_lines SET source = ''`},
		{"ChatRole", `UPDATE chat_messages SET role = 'system'`},
		{"ChatStatus", `UPDATE chat_messages SET status = 'lost'`},
		{"ChatSource", `UPDATE chat_messages SET source = 'manual'`},
		{"ProposalStatus", `UPDATE proposals SET status = 'maybe'`},
		{"ModelCallStatus", `UPDATE model_calls SET status = 'fine'`},
	}
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			insertTask(t, s, "task-1")
			for _, tt := range bad {
				// Each statement runs in its own transaction: on PostgreSQL an error aborts the
				// transaction it happens in.
				err := s.WithTx(t.Context(), func(tx *sqlx.Tx) error {
					_, err := tx.ExecContext(t.Context(), tt.query)
					return err
				})
				if err == nil || !strings.Contains(strings.ToLower(err.Error()), "check constraint") {
					t.Errorf("%s: %s: error = %v, want a CHECK constraint violation", tt.name, tt.query, err)
				}
			}
		})
	}
}

func TestIsUniqueViolation(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			insertTask(t, s, "task-1")
			const duplicate = `INSERT INTO task_lines (task_id, position, name) VALUES ('task-1', 1, 'Again')`
			_, err := s.DB().ExecContext(t.Context(), duplicate)
			if !store.IsUniqueViolation(err) {
				t.Errorf("duplicate position: IsUniqueViolation(%v) = false, want true", err)
			}
			const badStatus = `UPDATE tasks SET status = 'bogus'`
			_, err = s.DB().ExecContext(t.Context(), badStatus)
			if err == nil || store.IsUniqueViolation(err) {
				t.Errorf("CHECK violation: IsUniqueViolation(%v) = true, want false", err)
			}
		})
	}
}
