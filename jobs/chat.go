package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"estimator/estimate"
	"estimator/llm"
	"estimator/store"
)

// maxCards is how many proposal cards one reply shows.
const maxCards = 3

// chat answers one turn of the negotiation chat: one engine call about the revision the user
// saw. The engine only says what to change; here every proposal is turned into the domain's
// terms, checked by applying it, fitted to the change the user asked for (a card that cannot be
// brought within the tolerance is dropped, never shown as meeting it), and stored as a card
// with the reply. The engine's own figures are never kept.
func (r *Runner) chat(ctx context.Context, job store.Job, log *slog.Logger) error {
	turn, err := r.loadTurn(ctx, job)
	if err != nil {
		return err
	}
	engine := r.engineFor(job)
	reply, _, err := callEngine(ctx, r, job, log,
		func(ctx context.Context) (llm.ChatReply, llm.Usage, error) { return engine.Chat(ctx, turn.req) },
		func(reply llm.ChatReply) (llm.ChatReply, error) { return reply, nil })
	if err != nil {
		return err
	}
	source := estimate.SourceAI
	if engine.Offline() {
		source = estimate.SourceOffline
	}
	var cards []store.NewProposal
	for i, p := range reply.Proposals {
		card, ok, err := turn.card(p, reply.Intent, source)
		if err != nil {
			return err
		}
		if !ok {
			log.Info("proposal dropped: it cannot be applied or does not meet the request", "card", i+1)
			continue
		}
		if len(cards) < maxCards {
			cards = append(cards, card)
		}
	}
	text := reply.Text
	if reply.Kind == llm.ChatAdjust && len(cards) == 0 {
		text = llm.NoFittingProposal(turn.req.Task.Language)
	}
	return r.store.CompleteChatJob(ctx, job, text, string(source), cards, r.cfg.Now())
}

// chatTurn is what a chat job knows: the request for the engine and the revision it is about.
type chatTurn struct {
	req llm.ChatRequest
	doc estimate.Document
}

// loadTurn reads the reply the job computes, the user's message before it, the earlier turns
// and the revision the user saw.
func (r *Runner) loadTurn(ctx context.Context, job store.Job) (chatTurn, error) {
	task, err := r.store.Task(ctx, job.TaskID)
	if err != nil {
		return chatTurn{}, err
	}
	reply, err := r.store.ChatMessage(ctx, job.TaskID, job.MessageID)
	if err != nil {
		return chatTurn{}, err
	}
	rev, lines, err := r.store.Revision(ctx, job.TaskID, reply.RevisionNumber)
	if err != nil {
		return chatTurn{}, err
	}
	messages, err := r.store.ChatMessages(ctx, job.TaskID)
	if err != nil {
		return chatTurn{}, err
	}
	t := chatTurn{doc: rev.Document(lines)}
	tot, err := t.doc.Totals()
	if err != nil {
		return chatTurn{}, fmt.Errorf("jobs: revision %d: %w", rev.Number, err)
	}
	t.req = llm.ChatRequest{
		Task:     llm.Task{Language: task.Language, Title: task.Title, Requirements: task.Requirements},
		Currency: task.Currency,
		Totals: llm.ChatTotals{LinesMinor: tot.LinesMinor, ContingencyBP: t.doc.ContingencyBP, ContingencyMinor: tot.ContingencyMinor,
			DiscountMinor: tot.DiscountMinor, SubtotalMinor: tot.SubtotalMinor, TaxRateBP: t.doc.TaxRateBP, TaxMinor: tot.TaxMinor,
			TotalMinor: tot.TotalMinor},
	}
	for i, l := range t.doc.Lines {
		t.req.Lines = append(t.req.Lines, llm.ChatLine{Position: i + 1, Name: l.Name, Description: l.Description,
			Phases: l.Effort.Phases, UnitCostMinor: l.UnitCostMinor, Confidence: string(l.Confidence), Reasoning: l.Reasoning,
			Assumptions: l.Assumptions, Risks: l.Risks})
	}
	// The user's message is the one just before the reply; the turns before it are history.
	for _, m := range messages {
		if m.ID >= reply.ID {
			break
		}
		if m.Status == store.ChatDone {
			t.req.History = append(t.req.History, llm.ChatTurn{Role: m.Role, Content: m.Content})
		}
	}
	if n := len(t.req.History); n > 0 && t.req.History[n-1].Role == store.ChatUser {
		t.req.Message = t.req.History[n-1].Content
		t.req.History = t.req.History[:n-1]
	}
	return t, nil
}

// card turns an engine's proposal into a stored card: positions become line keys, the proposal
// must apply to the revision, and when the user asked for a change of price it is fitted to it.
// ok is false for a proposal that is dropped.
func (t chatTurn) card(p llm.Proposal, in llm.Intent, source estimate.Source) (store.NewProposal, bool, error) {
	ep := estimate.Proposal{DiscountMinor: p.DiscountMinor, UnitCostMinor: p.UnitCostMinor}
	for _, c := range p.Changes {
		if c.Position < 1 || c.Position > len(t.doc.Lines) {
			return store.NewProposal{}, false, nil
		}
		ep.Changes = append(ep.Changes, estimate.LineChange{Key: t.doc.Lines[c.Position-1].Key, Remove: c.Remove, Phases: c.Phases, Reason: c.Reason})
	}
	for _, a := range p.Additions {
		ep.Additions = append(ep.Additions, estimate.NewLine{Name: a.Name, Description: a.Description, Phases: a.Phases,
			Source: source, Reasoning: a.Reason, Reason: a.Reason})
	}
	if _, err := t.doc.Apply(ep); err != nil {
		return store.NewProposal{}, false, nil
	}
	if target := in.TargetDeltaMinor; target != 0 && (in.Kind == llm.IntentReduce || in.Kind == llm.IntentIncrease) {
		fitted, ok, err := t.doc.FitProposal(ep, target)
		if err != nil || !ok {
			return store.NewProposal{}, false, nil
		}
		ep = fitted
	}
	changes, err := json.Marshal(ep)
	if err != nil {
		return store.NewProposal{}, false, fmt.Errorf("jobs: encode proposal: %w", err)
	}
	return store.NewProposal{Title: p.Title, Description: p.Description, Changes: string(changes)}, true, nil
}
