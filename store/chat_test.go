package store_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"estimator/store"
)

// postMessage posts content on revision base with the configured engine and three attempts.
func postMessage(t *testing.T, s *store.Store, taskID string, base int, content string, now time.Time) (store.ChatMessage, store.ChatMessage) {
	t.Helper()
	user, reply, err := s.PostMessage(t.Context(), taskID, base, content, false, 3, now)
	if err != nil {
		t.Fatal(err)
	}
	return user, reply
}

func proposals(t *testing.T, s *store.Store, taskID string) []store.Proposal {
	t.Helper()
	ps, err := s.Proposals(t.Context(), taskID)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func chatMessage(t *testing.T, s *store.Store, taskID string, id int64) store.ChatMessage {
	t.Helper()
	m, err := s.ChatMessage(t.Context(), taskID, id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var twoCards = []store.NewProposal{
	{Title: "Drop the cart", Description: "smaller scope", Changes: `{"remove":["line-2"]}`},
	{Title: "Discount", Changes: `{"discount_minor":10000}`},
}

func TestChat(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := estimatedTask(t, s, "Login", "Cart")
			rev1, _ := latestRevision(t, s, id)
			other := answeredTask(t, s, "A", "B")
			startRun(t, s, other, t0.Add(time.Minute)) // older jobs that nobody is waiting for

			at := t0.Add(2 * time.Minute)
			user, reply := postMessage(t, s, id, 1, "make it cheaper", at)
			wantUser := store.ChatMessage{ID: user.ID, TaskID: id, Role: store.ChatUser, Content: "make it cheaper",
				Status: store.ChatDone, RevisionNumber: 1, CreatedAt: at}
			wantReply := store.ChatMessage{ID: reply.ID, TaskID: id, Role: store.ChatAssistant, Status: store.ChatPending,
				RevisionNumber: 1, CreatedAt: at}
			if user != wantUser || reply != wantReply || reply.ID <= user.ID {
				t.Errorf("PostMessage = %+v, %+v\nwant %+v, %+v", user, reply, wantUser, wantReply)
			}

			job := claim(t, s, "w1", t0.Add(3*time.Minute))
			if job.Kind != store.JobChat || job.TaskID != id || job.MessageID != reply.ID || job.RunID != 0 {
				t.Fatalf("claimed %+v; want the chat job of reply %d before the other task's lines", job, reply.ID)
			}
			if err := s.CompleteChatJob(ctx, job, "Two options.", "ai", twoCards, at); err != nil {
				t.Fatal(err)
			}
			if err := s.CompleteChatJob(ctx, job, "again", "ai", nil, at); !errors.Is(err, store.ErrConflict) {
				t.Errorf("second CompleteChatJob: %v, want ErrConflict", err)
			}
			msgs, err := s.ChatMessages(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			wantReply.Content, wantReply.Status, wantReply.Source = "Two options.", store.ChatDone, "ai"
			if want := []store.ChatMessage{wantUser, wantReply}; !reflect.DeepEqual(msgs, want) {
				t.Errorf("ChatMessages = %+v\nwant %+v", msgs, want)
			}
			ps := proposals(t, s, id)
			if len(ps) != 2 {
				t.Fatalf("%d proposals, want 2", len(ps))
			}
			for i, p := range ps {
				want := store.Proposal{ID: p.ID, TaskID: id, BaseRevisionID: rev1.ID, BaseNumber: 1, MessageID: reply.ID,
					Position: i + 1, Title: twoCards[i].Title, Description: twoCards[i].Description,
					Changes: twoCards[i].Changes, Status: store.ProposalOpen, CreatedAt: at}
				if p != want {
					t.Errorf("proposal %d = %+v\nwant %+v", i+1, p, want)
				}
				if got, err := s.Proposal(ctx, id, p.ID); err != nil || got != p {
					t.Errorf("Proposal(%d) = %+v, %v; want %+v", p.ID, got, err, p)
				}
			}
			if _, err := s.Proposal(ctx, other, ps[0].ID); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("Proposal of another task: %v, want ErrNotFound", err)
			}
			if _, err := s.ChatMessage(ctx, other, user.ID); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("ChatMessage of another task: %v, want ErrNotFound", err)
			}

			// A second question and reply come after the first, with their cards.
			_, reply2 := postMessage(t, s, id, 1, "and faster?", at)
			job = claim(t, s, "w1", at)
			if err := s.CompleteChatJob(ctx, job, "One option.", "offline", twoCards[:1], at); err != nil {
				t.Fatal(err)
			}
			ps = proposals(t, s, id)
			if len(ps) != 3 || ps[2].MessageID != reply2.ID || ps[2].Position != 1 || ps[0].MessageID != reply.ID {
				t.Errorf("proposals = %+v; want the first reply's two, then the second's", ps)
			}
		})
	}
}

func TestChatFailAndRetry(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := estimatedTask(t, s, "Login")
			user, reply, err := s.PostMessage(ctx, id, 1, "cheaper", true, 1, t0)
			if err != nil {
				t.Fatal(err)
			}
			job := claim(t, s, "w1", t0)
			if job.Kind != store.JobChatOffline || job.MessageID != reply.ID {
				t.Fatalf("claimed %+v, want the offline chat job", job)
			}
			if err := s.FailJob(ctx, job, "provider said: secret prompt text", "", t0); err != nil {
				t.Fatal(err)
			}
			if m := chatMessage(t, s, id, reply.ID); m.Status != store.ChatFailed || m.Error != store.CodeChatFailed || m.Content != "" {
				t.Errorf("failed reply = %+v, want failed with %q and no text", m, store.CodeChatFailed)
			}

			if err := s.RetryReply(ctx, id, reply.ID, false, 3, t0.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			if m := chatMessage(t, s, id, reply.ID); m.Status != store.ChatPending || m.Error != "" {
				t.Errorf("retried reply = %+v, want pending without error", m)
			}
			// Asking again while a job is queued changes nothing.
			if err := s.RetryReply(ctx, id, reply.ID, true, 3, t0.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			if n := jobCount(t, s, id, store.JobChat, "queued") + jobCount(t, s, id, store.JobChatOffline, "queued"); n != 1 {
				t.Errorf("%d queued chat jobs, want 1", n)
			}
			job = claim(t, s, "w1", t0.Add(time.Minute))
			if job.Kind != store.JobChat || job.MessageID != reply.ID || job.Attempts != 1 || job.MaxAttempts != 3 {
				t.Fatalf("claimed %+v, want a fresh chat job for reply %d", job, reply.ID)
			}
			if err := s.FailJob(ctx, job, "HTTP 429", "rate_limited", t0.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			if m := chatMessage(t, s, id, reply.ID); m.Status != store.ChatFailed || m.Error != "rate_limited" {
				t.Errorf("failed reply = %+v, want the engine's code", m)
			}

			// A pending reply whose job is gone (here: cancelled by hand) can be queued again.
			if err := s.RetryReply(ctx, id, reply.ID, false, 3, t0); err != nil {
				t.Fatal(err)
			}
			if _, err := s.DB().ExecContext(ctx, s.DB().Rebind(`UPDATE jobs SET status = 'cancelled' WHERE task_id = ? AND status = 'queued'`), id); err != nil {
				t.Fatal(err)
			}
			if err := s.RetryReply(ctx, id, reply.ID, false, 3, t0); err != nil {
				t.Fatal(err)
			}
			job = claim(t, s, "w1", t0)
			if err := s.CompleteChatJob(ctx, job, "Done.", "ai", nil, t0); err != nil {
				t.Fatal(err)
			}
			if m := chatMessage(t, s, id, reply.ID); m.Status != store.ChatDone || m.Content != "Done." || m.Error != "" {
				t.Errorf("reply = %+v, want done", m)
			}
			if err := s.RetryReply(ctx, id, reply.ID, false, 3, t0); !errors.Is(err, store.ErrConflict) {
				t.Errorf("RetryReply of a done reply: %v, want ErrConflict", err)
			}
			if err := s.RetryReply(ctx, id, user.ID, false, 3, t0); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("RetryReply of a user's message: %v, want ErrNotFound", err)
			}
		})
	}
}

func TestPostMessageRejects(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := estimatedTask(t, s, "Login")
			if _, _, err := s.PostMessage(ctx, id, 2, "hi", false, 3, t0); !errors.Is(err, store.ErrStale) {
				t.Errorf("PostMessage on revision 2 of 1: %v, want ErrStale", err)
			}
			if _, err := s.AddReply(ctx, id, 0, "hi", "offline", nil, t0); !errors.Is(err, store.ErrStale) {
				t.Errorf("AddReply on revision 0 of 1: %v, want ErrStale", err)
			}
			if _, _, err := s.PostMessage(ctx, id, 1, "hi", false, 0, t0); err == nil {
				t.Error("PostMessage with no attempts succeeded")
			}
			startRun(t, s, id, t0)
			if _, _, err := s.PostMessage(ctx, id, 1, "hi", false, 3, t0); !errors.Is(err, store.ErrConflict) {
				t.Errorf("PostMessage while re-estimating: %v, want ErrConflict", err)
			}
			if _, _, err := s.PostMessage(ctx, "3f1c2b9a-5d4e-4f60-8a7b-9c0d1e2f3a4b", 1, "hi", false, 3, t0); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("PostMessage to a missing task: %v, want ErrNotFound", err)
			}
			if n := rowCount(t, s, "chat_messages", "task_id = ?", id); n != 0 {
				t.Errorf("%d messages stored by rejected posts, want 0", n)
			}
		})
	}
}

func TestApplyProposal(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := estimatedTask(t, s, "Login", "Cart")
			_, lines := latestRevision(t, s, id)
			postMessage(t, s, id, 1, "cheaper", t0)
			if err := s.CompleteChatJob(ctx, claim(t, s, "w1", t0), "Two options.", "ai", twoCards, t0); err != nil {
				t.Fatal(err)
			}
			ps := proposals(t, s, id)
			apply := func(expect int, p store.Proposal) error {
				_, _, err := s.CreateRevision(ctx, id, expect, store.NewRevision{Reason: store.RevisionProposal,
					Note: p.Title, BaseNumber: p.BaseNumber, Lines: lines[:1], ProposalID: p.ID}, t0)
				return err
			}

			if err := apply(1, ps[0]); err != nil {
				t.Fatal(err)
			}
			if p, _ := s.Proposal(ctx, id, ps[0].ID); p.Status != store.ProposalApplied || p.AppliedNumber != 2 {
				t.Errorf("applied proposal = %+v, want applied by revision 2", p)
			}
			if err := apply(2, ps[0]); !errors.Is(err, store.ErrConflict) {
				t.Errorf("applying it twice: %v, want ErrConflict", err)
			}
			if err := apply(1, ps[1]); !errors.Is(err, store.ErrStale) {
				t.Errorf("applying with a stale base: %v, want ErrStale", err)
			}
			if err := apply(2, ps[1]); !errors.Is(err, store.ErrStale) {
				t.Errorf("applying a proposal of revision 1 onto revision 2: %v, want ErrStale", err)
			}
			if p, _ := s.Proposal(ctx, id, ps[1].ID); p.Status != store.ProposalOpen || p.AppliedNumber != 0 {
				t.Errorf("refused proposal = %+v, want still open", p)
			}
			if n := rowCount(t, s, "revisions", "task_id = ?", id); n != 2 {
				t.Errorf("%d revisions, want 2", n)
			}

			// The stale card recomputed on the current revision can be applied.
			reply, err := s.AddReply(ctx, id, 2, "Recomputed.", "offline", twoCards[1:], t0.Add(time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			want := store.ChatMessage{ID: reply.ID, TaskID: id, Role: store.ChatAssistant, Content: "Recomputed.",
				Status: store.ChatDone, Source: "offline", RevisionNumber: 2, CreatedAt: t0.Add(time.Minute)}
			if reply != want {
				t.Errorf("AddReply = %+v, want %+v", reply, want)
			}
			ps = proposals(t, s, id)
			if p := ps[2]; p.MessageID != reply.ID || p.BaseNumber != 2 || p.Status != store.ProposalOpen {
				t.Fatalf("recomputed proposal = %+v, want open on revision 2", p)
			}
			if err := apply(2, ps[2]); err != nil {
				t.Fatal(err)
			}

			// A proposal of another task is not this task's to apply.
			foreign := estimatedTask(t, s, "X")
			if _, err := s.AddReply(ctx, foreign, 1, "x", "offline", twoCards[:1], t0); err != nil {
				t.Fatal(err)
			}
			if err := apply(3, proposals(t, s, foreign)[0]); !errors.Is(err, store.ErrConflict) {
				t.Errorf("applying another task's proposal: %v, want ErrConflict", err)
			}
		})
	}
}

func TestDeleteTaskDeletesChat(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			id := estimatedTask(t, s, "Login")
			kept := estimatedTask(t, s, "Other")
			for _, task := range []string{id, kept} {
				if _, err := s.AddReply(ctx, task, 1, "x", "offline", twoCards, t0); err != nil {
					t.Fatal(err)
				}
				postMessage(t, s, task, 1, "cheaper", t0)
			}
			if err := s.DeleteTask(ctx, id, userDeletion()); err != nil {
				t.Fatal(err)
			}
			for _, table := range []string{"chat_messages", "proposals", "jobs"} {
				if n := rowCount(t, s, table, "task_id = ?", id); n != 0 {
					t.Errorf("%d %s rows left of the deleted task", n, table)
				}
			}
			if n := rowCount(t, s, "chat_messages", "task_id = ?", kept); n != 3 {
				t.Errorf("the other task has %d messages, want 3", n)
			}
			if n := rowCount(t, s, "proposals", "task_id = ?", kept); n != 2 {
				t.Errorf("the other task has %d proposals, want 2", n)
			}
		})
	}
}
