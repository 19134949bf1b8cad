package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Chat roles (the CHECK constraint's values).
const (
	ChatUser      = "user"
	ChatAssistant = "assistant"
)

// Chat message statuses (the CHECK constraint's values). A user's message is always done; an
// assistant's reply is pending until its job stores it or gives up.
const (
	ChatPending = "pending"
	ChatDone    = "done"
	ChatFailed  = "failed"
)

// CodeChatFailed is a failed reply's error when the engine gave no user-safe reason.
const CodeChatFailed = "chat_failed"

// ChatMessage is one message of a task's adjustment chat.
type ChatMessage struct {
	ID             int64
	TaskID         string
	Role           string // ChatUser or ChatAssistant
	Content        string
	Status         string // ChatPending, ChatDone or ChatFailed
	Error          string // a code for a failed reply, for the pages to translate
	Source         string // "ai" or "offline" for a written reply, "" otherwise
	RevisionNumber int    // the revision the user saw, or the reply was computed on
	CreatedAt      time.Time
}

type chatMessageRow struct {
	ID             int64     `db:"id"`
	TaskID         string    `db:"task_id"`
	Role           string    `db:"role"`
	Content        string    `db:"content"`
	Status         string    `db:"status"`
	Error          string    `db:"error"`
	Source         string    `db:"source"`
	RevisionNumber int       `db:"revision_number"`
	CreatedAt      time.Time `db:"created_at"`
}

// message converts the row. Times are put in UTC because pgx returns TIMESTAMPTZ in the local zone.
func (r chatMessageRow) message() ChatMessage {
	m := ChatMessage(r)
	m.CreatedAt = r.CreatedAt.UTC()
	return m
}

const (
	chatColumns        = `id, task_id, role, content, status, error, source, revision_number, created_at`
	insertMessageQuery = `INSERT INTO chat_messages (task_id, role, content, status, source, revision_number, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
RETURNING ` + chatColumns
)

// insertMessage stores m (its id and error aside) and returns it as stored.
func insertMessage(ctx context.Context, tx *sqlx.Tx, m chatMessageRow) (ChatMessage, error) {
	r, err := getOne[chatMessageRow](ctx, tx, insertMessageQuery, m.TaskID, m.Role, m.Content, m.Status, m.Source,
		m.RevisionNumber, m.CreatedAt)
	return r.message(), err
}

// chatJobKind is the job that computes a reply: with the configured engine, or with the offline one
// when the user asks for it.
func chatJobKind(offline bool) string {
	if offline {
		return JobChatOffline
	}
	return JobChat
}

// PostMessage stores the user's message (done) and a pending assistant reply, both on revision
// base, and queues the job that computes the reply (JobChat, or JobChatOffline when offline, with
// maxAttempts attempts), in one transaction. base must be the task's latest revision number, else
// ErrStale; the task must be estimated, else ErrConflict. ErrNotFound when the task does not exist.
func (s *Store) PostMessage(ctx context.Context, taskID string, base int, content string, offline bool, maxAttempts int, now time.Time) (user, reply ChatMessage, err error) {
	if !ValidTaskID(taskID) {
		return ChatMessage{}, ChatMessage{}, fmt.Errorf("store: post message to %q: %w", taskID, ErrNotFound)
	}
	now = dbTime(now)
	err = s.WithTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := lockLatestRevision(ctx, tx, taskID, base, now); err != nil {
			return err
		}
		m := chatMessageRow{TaskID: taskID, Role: ChatUser, Content: content, Status: ChatDone, RevisionNumber: base, CreatedAt: now}
		var err error
		if user, err = insertMessage(ctx, tx, m); err != nil {
			return err
		}
		m.Role, m.Content, m.Status = ChatAssistant, "", ChatPending
		if reply, err = insertMessage(ctx, tx, m); err != nil {
			return err
		}
		return insertJob(ctx, tx, chatJobKind(offline), taskID, jobRef{MessageID: reply.ID}, maxAttempts, now)
	})
	if err != nil {
		return ChatMessage{}, ChatMessage{}, fmt.Errorf("store: post message to %q: %w", taskID, err)
	}
	return user, reply, nil
}

const (
	chatMessagesQuery = `SELECT ` + chatColumns + ` FROM chat_messages WHERE task_id = ? ORDER BY id`
	chatMessageQuery  = `SELECT ` + chatColumns + ` FROM chat_messages WHERE task_id = ? AND id = ?`
)

// ChatMessages returns the task's chat in order; empty for a task without messages or one that
// does not exist.
func (s *Store) ChatMessages(ctx context.Context, taskID string) ([]ChatMessage, error) {
	if !ValidTaskID(taskID) {
		return []ChatMessage{}, nil
	}
	list, err := selectAll(ctx, s.db, chatMessageRow.message, chatMessagesQuery, taskID)
	if err != nil {
		return nil, fmt.Errorf("store: list chat messages %q: %w", taskID, err)
	}
	return list, nil
}

// getMessage reads one message of the task; ErrNotFound when the task has no such message.
func getMessage(ctx context.Context, q sqlx.ExtContext, taskID string, id int64) (ChatMessage, error) {
	r, err := getOne[chatMessageRow](ctx, q, chatMessageQuery, taskID, id)
	return r.message(), err
}

// ChatMessage returns one message of the task, for polling a pending reply. ErrNotFound when the
// task has no such message.
func (s *Store) ChatMessage(ctx context.Context, taskID string, id int64) (ChatMessage, error) {
	if !ValidTaskID(taskID) {
		return ChatMessage{}, fmt.Errorf("store: get chat message %d of %q: %w", id, taskID, ErrNotFound)
	}
	m, err := getMessage(ctx, s.db, taskID, id)
	if err != nil {
		return ChatMessage{}, fmt.Errorf("store: get chat message %d of %q: %w", id, taskID, err)
	}
	return m, nil
}

const completeReplyQuery = `UPDATE chat_messages SET content = ?, source = ?, status = 'done', error = ''
WHERE id = ? AND task_id = ? AND status = 'pending'
RETURNING revision_number`

// CompleteChatJob finishes a claimed chat job with the reply's text, the engine that wrote it
// (source "ai" or "offline") and its proposals, in one transaction: it ends the claim, stores the
// reply as done, and stores the proposals in order as open cards based on the revision the reply
// was computed on. ErrConflict when the claim is no longer the caller's; nothing is written then.
func (s *Store) CompleteChatJob(ctx context.Context, job Job, content, source string, proposals []NewProposal, now time.Time) error {
	now = dbTime(now)
	err := s.WithTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := lockTask(ctx, tx, job.TaskID, now); err != nil {
			return err
		}
		if err := finishJob(ctx, tx, job, jobDone, "", now); err != nil {
			return err
		}
		var base int
		err := tx.GetContext(ctx, &base, tx.Rebind(completeReplyQuery), content, source, job.MessageID, job.TaskID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("reply %d is not pending: %w", job.MessageID, ErrConflict)
		}
		if err != nil {
			return err
		}
		return insertProposals(ctx, tx, job.TaskID, job.MessageID, base, proposals, now)
	})
	if err != nil {
		return fmt.Errorf("store: complete chat job %d: %w", job.ID, err)
	}
	return nil
}

const failReplyQuery = `UPDATE chat_messages SET status = 'failed', error = ? WHERE id = ? AND task_id = ? AND status = 'pending'`

// failReply fails the reply a chat job was computing with the error code.
func failReply(ctx context.Context, tx *sqlx.Tx, job Job, code string) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(failReplyQuery), code, job.MessageID, job.TaskID)
	return err
}

const (
	activeChatJobsQuery = `SELECT payload FROM jobs
WHERE task_id = ? AND kind IN ('chat', 'chat_offline') AND status IN ('queued', 'running')`
	requeueReplyQuery = `UPDATE chat_messages SET status = 'pending', error = '' WHERE id = ?`
)

// RetryReply queues the job that computes a reply again (JobChatOffline when offline, with
// maxAttempts attempts), in one transaction: for a failed reply, or a pending one that no job is
// computing any more. A pending reply with a queued or running job is left as it is, so a repeated
// request is harmless (a running job whose worker crashed is taken over when its lease expires).
// ErrNotFound when the task has no such reply; ErrConflict when the reply is done.
func (s *Store) RetryReply(ctx context.Context, taskID string, messageID int64, offline bool, maxAttempts int, now time.Time) error {
	if !ValidTaskID(taskID) {
		return fmt.Errorf("store: retry reply %d of %q: %w", messageID, taskID, ErrNotFound)
	}
	now = dbTime(now)
	err := s.WithTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := lockTask(ctx, tx, taskID, now); err != nil {
			return err
		}
		m, err := getMessage(ctx, tx, taskID, messageID)
		if err != nil {
			return err
		}
		switch {
		case m.Role != ChatAssistant:
			return fmt.Errorf("message %d is not a reply: %w", messageID, ErrNotFound)
		case m.Status == ChatDone:
			return fmt.Errorf("reply %d is done: %w", messageID, ErrConflict)
		}
		if m.Status == ChatPending {
			active, err := replyJobActive(ctx, tx, taskID, messageID)
			if err != nil {
				return err
			}
			if active {
				return nil
			}
		}
		if _, err := tx.ExecContext(ctx, tx.Rebind(requeueReplyQuery), messageID); err != nil {
			return err
		}
		return insertJob(ctx, tx, chatJobKind(offline), taskID, jobRef{MessageID: messageID}, maxAttempts, now)
	})
	if err != nil {
		return fmt.Errorf("store: retry reply %d of %q: %w", messageID, taskID, err)
	}
	return nil
}

// replyJobActive reports whether a queued or running job computes the reply. The message id is in
// the payload, which is JSON, so the task's few active chat jobs are decoded here rather than
// searched with an engine's JSON functions.
func replyJobActive(ctx context.Context, tx *sqlx.Tx, taskID string, messageID int64) (bool, error) {
	var payloads []string
	if err := tx.SelectContext(ctx, &payloads, tx.Rebind(activeChatJobsQuery), taskID); err != nil {
		return false, err
	}
	for _, raw := range payloads {
		p, err := decodePayload(raw)
		if err != nil {
			return false, err
		}
		if p.MessageID == messageID {
			return true, nil
		}
	}
	return false, nil
}

// AddReply stores a reply computed without a model, such as a stale proposal recomputed on the
// current revision, as a done assistant message on revision base with its content, source and
// proposals, in one transaction, and returns the message. base must be the task's latest revision
// number, else ErrStale; the task must be estimated, else ErrConflict. ErrNotFound when the task
// does not exist.
func (s *Store) AddReply(ctx context.Context, taskID string, base int, content, source string, proposals []NewProposal, now time.Time) (ChatMessage, error) {
	if !ValidTaskID(taskID) {
		return ChatMessage{}, fmt.Errorf("store: add reply to %q: %w", taskID, ErrNotFound)
	}
	now = dbTime(now)
	var reply ChatMessage
	err := s.WithTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := lockLatestRevision(ctx, tx, taskID, base, now); err != nil {
			return err
		}
		var err error
		reply, err = insertMessage(ctx, tx, chatMessageRow{TaskID: taskID, Role: ChatAssistant, Content: content,
			Status: ChatDone, Source: source, RevisionNumber: base, CreatedAt: now})
		if err != nil {
			return err
		}
		return insertProposals(ctx, tx, taskID, reply.ID, base, proposals, now)
	})
	if err != nil {
		return ChatMessage{}, fmt.Errorf("store: add reply to %q: %w", taskID, err)
	}
	return reply, nil
}
