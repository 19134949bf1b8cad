package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// DateLayout is how quotation dates are stored: a calendar date without a time or a zone, because
// a 見積書 is dated by the issuer's calendar, not by an instant.
const DateLayout = "2006-01-02"

// Quote is what a task's quotation says beyond the estimate. Every text may be empty: an empty
// Title or Addressee means the task's own title or client (with the task's honorific), and the
// documents leave out what stays empty.
type Quote struct {
	Number                string // 見積番号; "" until IssueQuoteNumber assigns one (or one is typed)
	IssueDate, ValidUntil string // DateLayout, or "" when not set
	Title                 string // 件名
	Addressee, Honorific  string // 宛名; honorific "onchu" (御中), "sama" (様) or ""
	Delivery              string // 納期
	PaymentTerms          string // 支払条件; "" means the issuer's default
	Remarks               string // 備考, several lines
	UpdatedAt             time.Time
}

// Dates returns the quotation's issue date and validity limit: the stored dates, or else today
// and validityDays after the issue date. Stored dates are valid DateLayout dates (SaveQuote
// checks them), read in today's location.
func (q Quote) Dates(validityDays int, today time.Time) (issue, validUntil time.Time) {
	issue = dateOr(q.IssueDate, today)
	validUntil = dateOr(q.ValidUntil, issue.AddDate(0, 0, validityDays))
	return issue, validUntil
}

func dateOr(s string, fallback time.Time) time.Time {
	if d, err := time.ParseInLocation(DateLayout, s, fallback.Location()); err == nil {
		return d
	}
	y, m, d := fallback.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, fallback.Location())
}

type quoteRow struct {
	Number       sql.NullString `db:"number"`
	IssueDate    string         `db:"issue_date"`
	ValidUntil   string         `db:"valid_until"`
	Title        string         `db:"title"`
	Addressee    string         `db:"addressee"`
	Honorific    string         `db:"honorific"`
	Delivery     string         `db:"delivery"`
	PaymentTerms string         `db:"payment_terms"`
	Remarks      string         `db:"remarks"`
	UpdatedAt    time.Time      `db:"updated_at"`
}

const quoteQuery = `SELECT number, issue_date, valid_until, title, addressee, honorific, delivery,
	payment_terms, remarks, updated_at FROM quotes WHERE task_id = ?`

// Quote returns the task's quotation details; ok is false (with a zero Quote) when none were ever
// saved or issued, including for a task that does not exist.
func (s *Store) Quote(ctx context.Context, taskID string) (Quote, bool, error) {
	if !ValidTaskID(taskID) {
		return Quote{}, false, nil
	}
	var r quoteRow
	err := s.db.GetContext(ctx, &r, s.db.Rebind(quoteQuery), taskID)
	if errors.Is(err, sql.ErrNoRows) {
		return Quote{}, false, nil
	}
	if err != nil {
		return Quote{}, false, fmt.Errorf("store: get quote %q: %w", taskID, err)
	}
	return Quote{
		Number:       r.Number.String,
		IssueDate:    r.IssueDate,
		ValidUntil:   r.ValidUntil,
		Title:        r.Title,
		Addressee:    r.Addressee,
		Honorific:    r.Honorific,
		Delivery:     r.Delivery,
		PaymentTerms: r.PaymentTerms,
		Remarks:      r.Remarks,
		UpdatedAt:    r.UpdatedAt.UTC(),
	}, true, nil
}

const saveQuoteQuery = `INSERT INTO quotes (task_id, number, issue_date, valid_until, title, addressee,
	honorific, delivery, payment_terms, remarks, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (task_id) DO UPDATE SET number = excluded.number, issue_date = excluded.issue_date,
	valid_until = excluded.valid_until, title = excluded.title, addressee = excluded.addressee,
	honorific = excluded.honorific, delivery = excluded.delivery, payment_terms = excluded.payment_terms,
	remarks = excluded.remarks, updated_at = excluded.updated_at`

// SaveQuote stores the task's quotation details, replacing the previous ones, the number
// included: an empty Number takes the number away, and the next IssueQuoteNumber assigns a new
// one. ErrConflict when Number is already another task's, ErrNotFound when the task does not
// exist; dates must be DateLayout or empty.
func (s *Store) SaveQuote(ctx context.Context, taskID string, q Quote, now time.Time) error {
	for _, d := range []string{q.IssueDate, q.ValidUntil} {
		if _, err := time.Parse(DateLayout, d); d != "" && err != nil {
			return fmt.Errorf("store: save quote %q: %w", taskID, err)
		}
	}
	err := s.WithTx(ctx, func(tx *sqlx.Tx) error {
		if err := requireTask(ctx, tx, taskID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, tx.Rebind(saveQuoteQuery), taskID, nullIfEmpty(q.Number), q.IssueDate,
			q.ValidUntil, q.Title, q.Addressee, q.Honorific, q.Delivery, q.PaymentTerms, q.Remarks,
			now.UTC().Truncate(time.Microsecond))
		return err
	})
	if isUniqueViolation(err) {
		return fmt.Errorf("store: save quote %q: number %q is taken: %w", taskID, q.Number, ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: save quote %q: %w", taskID, err)
	}
	return nil
}

const taskExistsQuery = `SELECT COUNT(*) FROM tasks WHERE id = ?`

// requireTask returns ErrNotFound unless the task exists.
func requireTask(ctx context.Context, tx *sqlx.Tx, taskID string) error {
	n := 0
	if ValidTaskID(taskID) {
		if err := tx.GetContext(ctx, &n, tx.Rebind(taskExistsQuery), taskID); err != nil {
			return err
		}
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// nullIfEmpty stores "" as NULL, for a UNIQUE column where many rows may have no value.
func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
