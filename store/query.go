package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jmoiron/sqlx"
)

// getOne reads the one row query selects, in a transaction or not, into an R; ErrNotFound when
// there is none.
func getOne[R any](ctx context.Context, q sqlx.ExtContext, query string, args ...any) (R, error) {
	var r R
	err := sqlx.GetContext(ctx, q, &r, q.Rebind(query), args...)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	return r, err
}

// selectAll reads the rows query selects, in a transaction or not, and converts each with conv.
// The result is never nil, so an empty list is [] to JSON and templates alike.
func selectAll[R, T any](ctx context.Context, q sqlx.ExtContext, conv func(R) T, query string, args ...any) ([]T, error) {
	var rows []R
	if err := sqlx.SelectContext(ctx, q, &rows, q.Rebind(query), args...); err != nil {
		return nil, err
	}
	list := make([]T, len(rows))
	for i, r := range rows {
		list[i] = conv(r)
	}
	return list, nil
}
