package jobs_test

import (
	"context"
	"encoding/json"
	"reflect"
	"sync"
	"testing"
	"time"

	"estimator/estimate"
	"estimator/jobs"
	"estimator/llm"
	"estimator/store"
)

// chatEngine is fakeEngine with a chat: reply answers each turn by the user's message, and every
// request is kept.
type chatEngine struct {
	fakeEngine
	reply func(req llm.ChatRequest) (llm.ChatReply, error)

	mu       sync.Mutex
	requests map[string][]llm.ChatRequest // by the user's message
}

func (e *chatEngine) Chat(_ context.Context, req llm.ChatRequest) (llm.ChatReply, llm.Usage, error) {
	e.mu.Lock()
	if e.requests == nil {
		e.requests = make(map[string][]llm.ChatRequest)
	}
	e.requests[req.Message] = append(e.requests[req.Message], req)
	e.mu.Unlock()
	reply, err := e.reply(req)
	return reply, fakeUsage(), err
}

// requestFor is the last request the engine saw for message, and how many it saw.
func (e *chatEngine) requestFor(t *testing.T, message string) (llm.ChatRequest, int) {
	t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	reqs := e.requests[message]
	if len(reqs) == 0 {
		t.Fatalf("the engine was never asked %q", message)
	}
	return reqs[len(reqs)-1], len(reqs)
}

// chatTask is an estimated task of three lines L1–L3 of 6.0 person-days at $800 a day.
func chatTask(t *testing.T, s *store.Store, r *jobs.Runner) string {
	t.Helper()
	id := newTask(t, s, 0, 3)
	if err := r.EnqueueQuestions(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, s, id, store.StatusAwaitingAnswers)
	if _, err := r.StartRunForAnswers(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, s, id, store.StatusEstimated)
	return id
}

// turn posts message about revision base and returns the reply once it is written or failed.
func turn(t *testing.T, s *store.Store, r *jobs.Runner, id string, base int, message string) store.ChatMessage {
	t.Helper()
	_, reply, err := r.PostMessage(t.Context(), id, base, message, false)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the reply to "+message, func() bool {
		if reply, err = s.ChatMessage(t.Context(), id, reply.ID); err != nil {
			t.Fatal(err)
		}
		return reply.Status != store.ChatPending
	})
	return reply
}

// cardsOf returns the reply's stored cards with their changes decoded.
func cardsOf(t *testing.T, s *store.Store, id string, reply int64) ([]store.Proposal, []estimate.Proposal) {
	t.Helper()
	all, err := s.Proposals(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	var ps []store.Proposal
	var eps []estimate.Proposal
	for _, p := range all {
		if p.MessageID != reply {
			continue
		}
		var ep estimate.Proposal
		if err := json.Unmarshal([]byte(p.Changes), &ep); err != nil {
			t.Fatal(err)
		}
		ps, eps = append(ps, p), append(eps, ep)
	}
	return ps, eps
}

// TestChatUnit runs chat turns against a stub engine: the request the engine gets (the revision,
// the message, the earlier turns in order without the current message or failed replies), and
// the cards stored from its proposals (positions become line keys, a proposal naming a line that
// does not exist is dropped, at most three are kept, an addition becomes a new line on apply, a
// proposal that misses the amount asked for is dropped rather than shown).
func TestChatUnit(t *testing.T) {
	for _, d := range testDBs(t) {
		t.Run(d.dialect, func(t *testing.T) {
			ctx := t.Context()
			s := d.open(t)
			engine := &chatEngine{reply: func(req llm.ChatRequest) (llm.ChatReply, error) {
				switch req.Message {
				case "first":
					return llm.ChatReply{Kind: llm.ChatAdjust, Text: "Here are options.", Intent: llm.Intent{Kind: llm.IntentUnknown, Phase: -1},
						Proposals: []llm.Proposal{
							{Title: "Trim L2", Changes: []llm.LineChange{{Position: 2, Phases: [5]int64{5, 10, 20, 10, 5}, Reason: "less"}}},
							{Title: "Line 4", Changes: []llm.LineChange{{Position: 4, Phases: [5]int64{5, 10, 20, 10, 5}}}},
							{Title: "Add a load test", Additions: []llm.LineAddition{{Name: "Load test", Description: "k6", Phases: [5]int64{0, 5, 0, 20, 5}, Reason: "asked"}}},
							{Title: "Drop L3", Changes: []llm.LineChange{{Position: 3, Remove: true, Reason: "not needed"}}},
							{Title: "Discount", DiscountMinor: 10000},
						}}, nil
				case "third":
					return llm.ChatReply{}, errEngine
				case "cheaper":
					// L1 is $4,800 of the $100 asked for: far more than 20 % off, and a removal
					// cannot be scaled.
					return llm.ChatReply{Kind: llm.ChatAdjust, Text: "Remove L1.", Intent: llm.Intent{Kind: llm.IntentReduce, TargetDeltaMinor: -10000, Phase: -1, Amount: true},
						Proposals: []llm.Proposal{{Title: "Drop L1", Changes: []llm.LineChange{{Position: 1, Remove: true}}}}}, nil
				}
				return llm.ChatReply{Kind: llm.ChatAnswer, Text: "Because of " + req.Message + ".", Intent: llm.Intent{Kind: llm.IntentQuestion, Phase: -1}}, nil
			}}
			r := jobs.New(s, engine, discard(), fast())
			start(t, r)
			id := chatTask(t, s, r)
			rev, lines, err := s.Revision(ctx, id, 1)
			if err != nil {
				t.Fatal(err)
			}
			doc := rev.Document(lines)
			tot, err := doc.Totals()
			if err != nil {
				t.Fatal(err)
			}

			reply := turn(t, s, r, id, 1, "first")
			if reply.Status != store.ChatDone || reply.Content != "Here are options." || reply.Source != "ai" || reply.RevisionNumber != 1 {
				t.Fatalf("reply = %+v", reply)
			}
			req, _ := engine.requestFor(t, "first")
			if len(req.History) != 0 || req.Currency != "USD" || req.Task.Language != "en" || req.Totals.SubtotalMinor != tot.SubtotalMinor || len(req.Lines) != 3 {
				t.Errorf("first request: %+v", req)
			}
			for i, l := range req.Lines {
				if l.Position != i+1 || l.Name != lines[i].Name || l.Phases != lines[i].Phases || l.UnitCostMinor != 80000 {
					t.Errorf("line %d of the request: %+v", i+1, l)
				}
			}

			ps, eps := cardsOf(t, s, id, reply.ID)
			var titles []string
			for _, p := range ps {
				titles = append(titles, p.Title)
				if p.BaseNumber != 1 || p.Status != store.ProposalOpen {
					t.Errorf("card %q: base %d, status %s", p.Title, p.BaseNumber, p.Status)
				}
			}
			if want := []string{"Trim L2", "Add a load test", "Drop L3"}; !reflect.DeepEqual(titles, want) {
				t.Fatalf("cards %q, want %q: the unknown line dropped, three kept", titles, want)
			}
			wantCards := []estimate.Proposal{
				{Changes: []estimate.LineChange{{Key: lines[1].LineKey, Phases: [5]int64{5, 10, 20, 10, 5}, Reason: "less"}}},
				{Additions: []estimate.NewLine{{Name: "Load test", Description: "k6", Phases: [5]int64{0, 5, 0, 20, 5}, Source: estimate.SourceAI, Reasoning: "asked", Reason: "asked"}}},
				{Changes: []estimate.LineChange{{Key: lines[2].LineKey, Remove: true, Reason: "not needed"}}},
			}
			if !reflect.DeepEqual(eps, wantCards) {
				t.Errorf("stored changes:\n%+v\nwant\n%+v", eps, wantCards)
			}

			// The addition becomes a line of its own.
			after, err := doc.Apply(eps[1])
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := s.CreateRevision(ctx, id, 1, store.NewRevision{Reason: store.RevisionProposal, BaseNumber: 1,
				ContingencyBP: after.ContingencyBP, DiscountMinor: after.DiscountMinor, Lines: store.LinesOf(after), ProposalID: ps[1].ID}, time.Now()); err != nil {
				t.Fatal(err)
			}
			_, now, err := s.LatestRevision(ctx, id)
			if err != nil || len(now) != 4 {
				t.Fatalf("%d lines after applying the addition (%v), want 4", len(now), err)
			}
			if added := now[3]; added.Name != "Load test" || added.Phases != [5]int64{0, 5, 0, 20, 5} || added.UnitCostMinor != 80000 ||
				added.LineKey == "" || added.LineKey == lines[0].LineKey || added.LineKey == lines[1].LineKey || added.LineKey == lines[2].LineKey {
				t.Errorf("the added line: %+v", added)
			}

			second := turn(t, s, r, id, 2, "second")
			if failed := turn(t, s, r, id, 2, "third"); failed.Status != store.ChatFailed || failed.Error != store.CodeChatFailed {
				t.Errorf("the failing turn's reply: %+v", failed)
			}
			if _, n := engine.requestFor(t, "third"); n != jobs.DefaultMaxAttempts {
				t.Errorf("the failing turn was tried %d times, want %d", n, jobs.DefaultMaxAttempts)
			}
			turn(t, s, r, id, 2, "fourth")
			req, n := engine.requestFor(t, "fourth")
			wantHistory := []llm.ChatTurn{
				{Role: llm.ChatRoleUser, Content: "first"}, {Role: llm.ChatRoleAssistant, Content: "Here are options."},
				{Role: llm.ChatRoleUser, Content: "second"}, {Role: llm.ChatRoleAssistant, Content: second.Content},
				{Role: llm.ChatRoleUser, Content: "third"},
			}
			if n != 1 || !reflect.DeepEqual(req.History, wantHistory) || len(req.Lines) != 4 || req.Lines[3].Name != "Load test" {
				t.Errorf("fourth request (%d calls): history %+v, %d lines", n, req.History, len(req.Lines))
			}

			missed := turn(t, s, r, id, 2, "cheaper")
			if ps, _ := cardsOf(t, s, id, missed.ID); len(ps) != 0 || missed.Content != llm.NoFittingProposal("en") {
				t.Errorf("a proposal far from the amount asked for: %d cards, reply %q", len(ps), missed.Content)
			}
			usage, err := s.TaskUsage(ctx, id)
			// Three lines, then one call per turn and per attempt of the failing one.
			if want := 3 + 1 + 1 + jobs.DefaultMaxAttempts + 1 + 1; err != nil || usage.Calls != want {
				t.Errorf("%d model calls recorded (%v), want %d", usage.Calls, err, want)
			}
			noJobsLeft(t, d)
		})
	}
}
