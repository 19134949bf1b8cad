package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// maxNumberSkips bounds how many serials IssueQuoteNumber passes over because a number was already
// typed in by hand (SaveQuote) before it gives up with ErrConflict.
const maxNumberSkips = 100

// ensureQuoteQuery gives the task a quotes row to lock; an existing row is left alone.
const ensureQuoteQuery = `INSERT INTO quotes (task_id, updated_at) VALUES (?, ?) ON CONFLICT (task_id) DO NOTHING`

// lockQuoteQuery changes nothing but takes the row's write lock on PostgreSQL, so concurrent
// issues for one task wait here and then read the number the first one assigned. On SQLite the
// transaction already holds the database's write lock (_txlock=immediate).
const lockQuoteQuery = `UPDATE quotes SET number = number WHERE task_id = ? RETURNING number`

// nextSerialQuery takes the next serial of a scope. The row lock it holds until commit makes
// concurrent issues in one scope take consecutive serials, one after the other.
const nextSerialQuery = `INSERT INTO quote_sequences (scope, last_number) VALUES (?, 1)
ON CONFLICT (scope) DO UPDATE SET last_number = quote_sequences.last_number + 1
RETURNING last_number`

const numberTakenQuery = `SELECT COUNT(*) FROM quotes WHERE number = ?`

// setNumberQuery assigns the number and, when the quotation has no issue date yet, dates it.
const setNumberQuery = `UPDATE quotes SET number = ?,
	issue_date = CASE WHEN issue_date = '' THEN ? ELSE issue_date END, updated_at = ?
WHERE task_id = ?`

// IssueQuoteNumber returns the task's quotation number, assigning one on the first call: format
// (see FormatQuoteNumber; "" for the default) filled with today's year and month and the next
// serial of that month (of that year when the format names no month). A task that has a number
// keeps it, whatever format and date later calls pass, so calling this on every export is safe.
// today is the current time in the zone whose calendar dates the quotation (the documents'
// zone): its month names the number, and its date becomes the issue date when none is set.
//
// The number is assigned in one transaction, so concurrent calls give each task one number and
// different tasks different, consecutive serials. A serial whose number was already typed in by
// hand is passed over. ErrNotFound when the task does not exist.
func (s *Store) IssueQuoteNumber(ctx context.Context, taskID, format string, today time.Time) (string, error) {
	if err := CheckQuoteNumberFormat(format); err != nil {
		return "", fmt.Errorf("store: issue quote number %q: %w", taskID, err)
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	var number string
	err := s.WithTx(ctx, func(tx *sqlx.Tx) error {
		if err := requireTask(ctx, tx, taskID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, tx.Rebind(ensureQuoteQuery), taskID, now); err != nil {
			return err
		}
		var current sql.NullString
		if err := tx.GetContext(ctx, &current, tx.Rebind(lockQuoteQuery), taskID); err != nil {
			return err
		}
		if current.Valid {
			number = current.String
			return nil
		}
		var err error
		if number, err = nextQuoteNumber(ctx, tx, format, today); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, tx.Rebind(setNumberQuery), number, today.Format(DateLayout), now, taskID)
		return err
	})
	if isUniqueViolation(err) {
		// Another scope produced the same text meanwhile (formats changed under way).
		return "", fmt.Errorf("store: issue quote number %q: %w", taskID, ErrConflict)
	}
	if err != nil {
		return "", fmt.Errorf("store: issue quote number %q: %w", taskID, err)
	}
	return number, nil
}

// nextQuoteNumber takes serials of the scope of format and today until one gives a number no
// quotation has.
func nextQuoteNumber(ctx context.Context, tx *sqlx.Tx, format string, today time.Time) (string, error) {
	scope := quoteNumberScope(format, today)
	for range maxNumberSkips {
		var serial int64
		if err := tx.GetContext(ctx, &serial, tx.Rebind(nextSerialQuery), scope); err != nil {
			return "", err
		}
		number := FormatQuoteNumber(format, today, serial)
		taken := 0
		if err := tx.GetContext(ctx, &taken, tx.Rebind(numberTakenQuery), number); err != nil {
			return "", err
		}
		if taken == 0 {
			return number, nil
		}
	}
	return "", fmt.Errorf("%d numbers in a row are taken: %w", maxNumberSkips, ErrConflict)
}
