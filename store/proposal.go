package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Proposal statuses (the CHECK constraint's values).
const (
	ProposalOpen      = "open"
	ProposalApplied   = "applied"
	ProposalDismissed = "dismissed"
)

// NewProposal is a proposal card as a reply suggests it. Changes is JSON the store keeps as given:
// the caller encodes and decodes it (estimate's proposal), and computes its effect in Go.
type NewProposal struct{ Title, Description, Changes string }

// Proposal is a stored proposal card, a suggested change against a base revision.
type Proposal struct {
	ID                 int64
	TaskID             string
	BaseRevisionID     int64
	BaseNumber         int   // the number of the base revision
	MessageID          int64 // the reply that suggested it
	Position           int   // order among the cards of its reply, from 1
	Title, Description string
	Changes            string // JSON, opaque to the store
	Status             string // ProposalOpen, ProposalApplied or ProposalDismissed
	AppliedNumber      int    // the revision created by applying it; 0 if none
	CreatedAt          time.Time
}

type proposalRow struct {
	ID             int64     `db:"id"`
	TaskID         string    `db:"task_id"`
	BaseRevisionID int64     `db:"base_revision_id"`
	BaseNumber     int       `db:"base_number"`
	MessageID      int64     `db:"chat_message_id"`
	Position       int       `db:"position"`
	Title          string    `db:"title"`
	Description    string    `db:"description"`
	Changes        string    `db:"changes"`
	Status         string    `db:"status"`
	AppliedNumber  int       `db:"applied_number"`
	CreatedAt      time.Time `db:"created_at"`
}

// proposal converts the row. Times are put in UTC because pgx returns TIMESTAMPTZ in the local zone.
func (r proposalRow) proposal() Proposal {
	p := Proposal(r)
	p.CreatedAt = r.CreatedAt.UTC()
	return p
}

const insertProposalQuery = `INSERT INTO proposals (task_id, base_revision_id, chat_message_id, position, title,
	description, changes, status, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)`

// insertProposals stores ps in order as the open cards of reply messageID, based on the task's
// revision numbered base.
func insertProposals(ctx context.Context, tx *sqlx.Tx, taskID string, messageID int64, base int, ps []NewProposal, now time.Time) error {
	if len(ps) == 0 {
		return nil
	}
	baseID, err := getOne[int64](ctx, tx, revisionIDQuery, taskID, base)
	if err != nil {
		return fmt.Errorf("base revision %d: %w", base, err)
	}
	stmt, err := tx.PreparexContext(ctx, tx.Rebind(insertProposalQuery))
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, p := range ps {
		if _, err := stmt.ExecContext(ctx, taskID, baseID, messageID, i+1, p.Title, p.Description, p.Changes, now); err != nil {
			return fmt.Errorf("proposal %d: %w", i+1, err)
		}
	}
	return nil
}

const (
	// proposalSelect reads proposals with the numbers of their base and applied revisions; a WHERE
	// clause on p follows.
	proposalSelect = `SELECT p.id, p.task_id, p.base_revision_id, b.number AS base_number,
	COALESCE(p.chat_message_id, 0) AS chat_message_id, p.position, p.title, p.description, p.changes, p.status,
	COALESCE(a.number, 0) AS applied_number, p.created_at
FROM proposals p
JOIN revisions b ON b.id = p.base_revision_id
LEFT JOIN revisions a ON a.id = p.applied_revision_id
`
	proposalsQuery = proposalSelect + `WHERE p.task_id = ? ORDER BY p.chat_message_id, p.position`
	proposalQuery  = proposalSelect + `WHERE p.task_id = ? AND p.id = ?`
)

// Proposals returns the task's proposals, by reply and then position; empty for a task without
// proposals or one that does not exist.
func (s *Store) Proposals(ctx context.Context, taskID string) ([]Proposal, error) {
	if !ValidTaskID(taskID) {
		return []Proposal{}, nil
	}
	list, err := selectAll(ctx, s.db, proposalRow.proposal, proposalsQuery, taskID)
	if err != nil {
		return nil, fmt.Errorf("store: list proposals %q: %w", taskID, err)
	}
	return list, nil
}

// Proposal returns one proposal of the task; ErrNotFound when the task has no such proposal.
func (s *Store) Proposal(ctx context.Context, taskID string, id int64) (Proposal, error) {
	if !ValidTaskID(taskID) {
		return Proposal{}, fmt.Errorf("store: get proposal %d of %q: %w", id, taskID, ErrNotFound)
	}
	r, err := getOne[proposalRow](ctx, s.db, proposalQuery, taskID, id)
	if err != nil {
		return Proposal{}, fmt.Errorf("store: get proposal %d of %q: %w", id, taskID, err)
	}
	return r.proposal(), nil
}

const applyProposalQuery = `UPDATE proposals SET status = 'applied', applied_revision_id = ?
WHERE id = ? AND task_id = ? AND status = 'open'
RETURNING base_revision_id`

// applyProposal marks the task's open proposal id applied by revision revisionID. ErrConflict
// unless it is an open proposal of the task; ErrStale unless its base is latestID, the revision the
// new one follows.
func applyProposal(ctx context.Context, tx *sqlx.Tx, taskID string, id, latestID, revisionID int64) error {
	var baseID int64
	err := tx.GetContext(ctx, &baseID, tx.Rebind(applyProposalQuery), revisionID, id, taskID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("proposal %d is not open: %w", id, ErrConflict)
	}
	if err != nil {
		return err
	}
	if baseID != latestID {
		return fmt.Errorf("proposal %d is based on an earlier revision: %w", id, ErrStale)
	}
	return nil
}
