package handlers

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"estimator/estimate"
	"estimator/store"
	"estimator/views"
)

// maxMessage bounds one chat message, in characters.
const maxMessage = 2000

// chatErrorCodes are the codes a failed reply may carry, catalog entries chat.error.<code>.
var chatErrorCodes = []string{store.CodeChatFailed, "rate_limited", "unavailable", "timeout", "rejected", "invalid_answer", "breaker_open", store.CodeCostCap}

// chatView builds the conversation with the latest cards' effect computed from their base
// revision. cur is the task's current revision with its lines, already read by the caller.
func (h *Handler) chatView(ctx context.Context, t store.Task, cur store.Revision, curLines []store.RevisionLine) (views.ChatView, error) {
	current := cur.Number
	c := views.ChatView{TaskID: t.ID, Base: current, Currency: t.Currency, OfferOffline: !h.engine.Offline}
	messages, err := h.store.ChatMessages(ctx, t.ID)
	if err != nil || len(messages) == 0 {
		return c, err
	}
	proposals, err := h.store.Proposals(ctx, t.ID)
	if err != nil {
		return c, err
	}
	// Only the latest reply's cards are priced and shown whole: they are the ones the user acts on,
	// and the page must not grow slower with every turn. Earlier cards are listed by title.
	var latest int64
	for _, p := range proposals {
		latest = max(latest, p.MessageID)
	}
	bases := map[int]estimate.Document{current: cur.Document(curLines)} // each base revision is read once
	for _, m := range messages {
		mv := views.ChatMessageView{ID: m.ID, Role: m.Role, Content: m.Content, Status: m.Status,
			Offline: m.Source == string(estimate.SourceOffline), Revision: m.RevisionNumber, Created: m.CreatedAt}
		if m.Status == store.ChatFailed {
			code := m.Error
			if !slices.Contains(chatErrorCodes, code) {
				code = store.CodeChatFailed
			}
			mv.Error = views.M("chat.error." + code)
		}
		for _, p := range proposals {
			if p.MessageID != m.ID {
				continue
			}
			if m.ID != latest {
				mv.Earlier = append(mv.Earlier, views.CardSummary{Title: p.Title, Applied: p.AppliedNumber})
				continue
			}
			card, err := h.cardView(ctx, t, p, current, bases)
			if err != nil {
				return c, err
			}
			card.N = len(mv.Cards) + 1
			mv.Cards = append(mv.Cards, card)
		}
		c.Messages = append(c.Messages, mv)
	}
	return c, nil
}

// currentChat is the chat of the task about its current revision.
func (h *Handler) currentChat(ctx context.Context, t store.Task) (views.ChatView, error) {
	rev, lines, err := h.store.LatestRevision(ctx, t.ID)
	if err != nil {
		return views.ChatView{}, err
	}
	return h.chatView(ctx, t, rev, lines)
}

// cardView computes a card's effect on its base revision: the lines it changes, before and after,
// and the totals it leads to. The figures are the domain package's, never the engine's.
func (h *Handler) cardView(ctx context.Context, t store.Task, p store.Proposal, current int, bases map[int]estimate.Document) (views.CardView, error) {
	key := cardKey{taskID: t.ID, id: p.ID, created: p.CreatedAt}
	card, ok := h.cards.get(key)
	if !ok {
		var err error
		if card, err = h.priceCard(ctx, t, p, bases); err != nil {
			return card, err
		}
		h.cards.put(key, card)
	}
	card.Stale, card.Applied = p.BaseNumber != current, p.AppliedNumber
	return card, nil
}

// priceCard computes a card's effect on its base revision.
func (h *Handler) priceCard(ctx context.Context, t store.Task, p store.Proposal, bases map[int]estimate.Document) (views.CardView, error) {
	base, ok := bases[p.BaseNumber]
	if !ok {
		rev, lines, err := h.store.Revision(ctx, t.ID, p.BaseNumber)
		if err != nil {
			return views.CardView{}, err
		}
		base = rev.Document(lines)
		bases[p.BaseNumber] = base
	}
	ep, after, err := applyProposal(base, p)
	if err != nil {
		return views.CardView{}, err
	}
	diff, err := estimate.Compare(base, after)
	if err != nil {
		return views.CardView{}, err
	}
	card := views.CardView{ID: p.ID, Title: p.Title, Description: p.Description, Base: p.BaseNumber,
		DiscountMinor: ep.DiscountMinor, UnitCostMinor: ep.UnitCostMinor,
		Before: *totalsView(diff.Before, base), After: *totalsView(diff.After, after)}
	for _, row := range diffRows(diff) {
		if row.State != views.CompareSame {
			card.Rows = append(card.Rows, row)
		}
	}
	card.Rows, card.MoreRows = largestChanges(card.Rows, maxCardRows)
	return card, nil
}

// maxCardRows is how many changed lines a card lists; the rest are counted. A card that scales a
// 100-line estimate would otherwise be a second copy of the table.
const maxCardRows = 8

// largestChanges keeps the n rows whose amount changes most, in their order, and counts the rest.
func largestChanges(rows []views.CompareRow, n int) ([]views.CompareRow, int) {
	if len(rows) <= n {
		return rows, 0
	}
	size := func(r views.CompareRow) int64 { return max(r.AmountB-r.AmountA, r.AmountA-r.AmountB) }
	ranked := slices.Clone(rows)
	slices.SortStableFunc(ranked, func(a, b views.CompareRow) int { return cmp.Compare(size(b), size(a)) })
	threshold := size(ranked[n-1])
	kept := make([]views.CompareRow, 0, n)
	for _, r := range rows {
		if len(kept) < n && size(r) >= threshold {
			kept = append(kept, r)
		}
	}
	return kept, len(rows) - len(kept)
}

// applyProposal decodes a stored proposal and applies it to its base revision.
func applyProposal(base estimate.Document, p store.Proposal) (estimate.Proposal, estimate.Document, error) {
	var ep estimate.Proposal
	if err := json.Unmarshal([]byte(p.Changes), &ep); err != nil {
		return ep, base, fmt.Errorf("proposal %d: %w", p.ID, err)
	}
	after, err := base.Apply(ep)
	if err != nil {
		return ep, base, fmt.Errorf("proposal %d: %w", p.ID, err)
	}
	return ep, after, nil
}

// taskChat is the chat panel alone, polled while a reply is being written.
func (h *Handler) taskChat(w http.ResponseWriter, r *http.Request) error {
	t, err := h.taskFromPath(r)
	if err != nil {
		return err
	}
	if !wantsFragment(r) {
		return redirectAfterPost(w, r, "/tasks/"+t.ID+"#chat")
	}
	c, err := h.currentChat(r.Context(), t)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, views.ChatPanel(c), nil)
}

// messagePost stores the user's message with a pending reply, which a worker writes with one
// engine call. The panel comes back at once and polls until the reply is there.
func (h *Handler) messagePost(w http.ResponseWriter, r *http.Request) error {
	t, err := h.taskFromPath(r)
	if err != nil {
		return err
	}
	base, err := h.formBase(w, r)
	if err != nil {
		return err
	}
	text := cleanText(r.PostForm.Get("message"))
	var problem views.Msg
	switch n := len([]rune(text)); {
	case n == 0:
		problem = views.M("chat.error_empty")
	case n > maxMessage:
		problem = views.M("chat.error_too_long", "max", maxMessage, "count", n)
		text = string([]rune(text)[:maxMessage])
	}
	if problem.IsZero() {
		_, _, err = h.jobs.PostMessage(r.Context(), t.ID, base, text, h.engine.Offline)
		switch {
		case errors.Is(err, store.ErrStale):
			return h.conflict(w, r, t, base, "")
		case err != nil:
			return err
		}
		if !wantsFragment(r) {
			return showTask(w, r, t.ID, "chat")
		}
	}
	c, err := h.currentChat(r.Context(), t)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if !problem.IsZero() {
		c.Draft, c.Error, status = text, problem, http.StatusUnprocessableEntity
	}
	if wantsFragment(r) {
		return h.render(w, r, status, views.ChatPanel(c), nil)
	}
	return h.renderTaskWith(w, r, t, status, func(e *views.ResultView) { e.Chat = c })
}

// replyRetry writes a failed reply again: with the model, or, when the user asks, the offline
// rules (labelled as such).
func (h *Handler) replyRetry(w http.ResponseWriter, r *http.Request) error {
	return h.retry(w, r, h.jobs.RetryReply, "chat")
}

// retry queues again the background work {n} of the task whose last attempt failed, with the
// configured engine, or the offline one when the user asks (?engine=offline) or no model is
// configured, and shows the task at anchor.
func (h *Handler) retry(w http.ResponseWriter, r *http.Request, queue func(ctx context.Context, taskID string, id int64, offline bool) error, anchor string) error {
	t, err := h.taskFromPath(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(pathLine(r), 10, 64)
	if err != nil || id < 1 {
		return errNotFound
	}
	offline := h.engine.Offline || r.URL.Query().Get("engine") == "offline"
	if err := queue(r.Context(), t.ID, id, offline); err != nil {
		return err
	}
	return showTask(w, r, t.ID, anchor)
}

// proposalApply makes the card the next revision. Its figures are computed again from its base
// revision, exactly as the card showed them; a card whose base is no longer the current revision
// is refused with 409 and a way to recompute it on the current one.
func (h *Handler) proposalApply(w http.ResponseWriter, r *http.Request) error {
	t, p, err := h.proposalFromPath(r)
	if err != nil {
		return err
	}
	if _, err := h.formBase(w, r); err != nil {
		return err
	}
	if p.Status == store.ProposalApplied {
		return alreadyApplied(p)
	}
	rev, lines, err := h.store.Revision(r.Context(), t.ID, p.BaseNumber)
	if err != nil {
		return err
	}
	_, after, err := applyProposal(rev.Document(lines), p)
	if err != nil {
		return err
	}
	_, _, err = h.store.CreateRevision(r.Context(), t.ID, p.BaseNumber, store.NewRevision{
		Reason: store.RevisionProposal, Note: h.note(t, "notes.proposal", "title", p.Title), BaseNumber: p.BaseNumber,
		ContingencyBP: after.ContingencyBP, DiscountMinor: after.DiscountMinor, Lines: store.LinesOf(after), ProposalID: p.ID,
	}, time.Now().UTC())
	if errors.Is(err, store.ErrStale) {
		// The other tab may have applied this very card: then there is nothing to recompute.
		if again, rerr := h.store.Proposal(r.Context(), t.ID, p.ID); rerr == nil && again.Status == store.ProposalApplied {
			return alreadyApplied(again)
		}
		return h.conflict(w, r, t, p.BaseNumber, "/tasks/"+t.ID+"/proposals/"+strconv.FormatInt(p.ID, 10)+"/recompute")
	}
	if err != nil {
		return err
	}
	return showTask(w, r, t.ID, "result")
}

// alreadyApplied refuses a card that made a revision already: applying it again, or recomputing
// it, would count its change twice.
func alreadyApplied(p store.Proposal) error {
	return &httpError{status: http.StatusConflict, titleKey: "error.conflict_title", bodyKey: "chat.already_applied", args: []any{"n", p.AppliedNumber}}
}

// proposalRecompute carries a card over to the current revision without a model call, as a new
// card in a reply of its own: each line change moves the same deliverable (by identity) by the same
// person-days per phase as it did on the card's own revision, so "trim the testing" still trims
// after other changes. Changes to deliverables the current revision no longer has are left out.
func (h *Handler) proposalRecompute(w http.ResponseWriter, r *http.Request) error {
	t, p, err := h.proposalFromPath(r)
	if err != nil {
		return err
	}
	if p.Status == store.ProposalApplied {
		return alreadyApplied(p)
	}
	cur, lines, err := h.store.LatestRevision(r.Context(), t.ID)
	if err != nil {
		return err
	}
	if cur.Number == p.BaseNumber {
		return showTask(w, r, t.ID, "chat") // already on the current revision: nothing to carry over
	}
	baseRev, baseLines, err := h.store.Revision(r.Context(), t.ID, p.BaseNumber)
	if err != nil {
		return err
	}
	var ep estimate.Proposal
	if err := json.Unmarshal([]byte(p.Changes), &ep); err != nil {
		return fmt.Errorf("proposal %d: %w", p.ID, err)
	}
	doc := cur.Document(lines)
	ep.Changes = rebase(ep.Changes, baseRev.Document(baseLines), doc)
	if _, err := doc.Apply(ep); err != nil {
		return &httpError{status: http.StatusConflict, titleKey: "error.conflict_title", bodyKey: "chat.recompute_failed", err: err}
	}
	changes, err := json.Marshal(ep)
	if err != nil {
		return err
	}
	content := h.note(t, "notes.recomputed", "title", p.Title, "n", cur.Number)
	if _, err := h.store.AddReply(r.Context(), t.ID, cur.Number, content, "", []store.NewProposal{{Title: p.Title, Description: p.Description, Changes: string(changes)}}, time.Now().UTC()); err != nil {
		return err
	}
	return showTask(w, r, t.ID, "chat")
}

// rebase moves line changes made on from onto to: each phase changes by the same person-days as
// it did on from, within 0..MaxPhaseTenths. A change of a line to lacks, or that leaves a line
// without effort or unchanged, is dropped.
func rebase(changes []estimate.LineChange, from, to estimate.Document) []estimate.LineChange {
	var out []estimate.LineChange
	for _, c := range changes {
		i, j := from.LineIndex(c.Key), to.LineIndex(c.Key)
		if i < 0 || j < 0 {
			continue
		}
		if !c.Remove {
			old, cur := from.Lines[i].Effort.Phases, to.Lines[j].Effort.Phases
			for p := range c.Phases {
				c.Phases[p] = min(max(cur[p]+c.Phases[p]-old[p], 0), estimate.MaxPhaseTenths)
			}
			if c.Phases == cur || c.Phases == [estimate.PhaseCount]int64{} {
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// proposalFromPath reads the task and the proposal {pid} of the path.
func (h *Handler) proposalFromPath(r *http.Request) (store.Task, store.Proposal, error) {
	t, err := h.taskFromPath(r)
	if err != nil {
		return t, store.Proposal{}, err
	}
	id, err := strconv.ParseInt(pathProposal(r), 10, 64)
	if err != nil || id < 1 {
		return t, store.Proposal{}, errNotFound
	}
	p, err := h.store.Proposal(r.Context(), t.ID, id)
	return t, p, err
}

// renderTaskWith renders the whole task page, its current revision's part changed by edit: what a
// form without JavaScript gets back when a field needs fixing.
func (h *Handler) renderTaskWith(w http.ResponseWriter, r *http.Request, t store.Task, status int, edit func(*views.ResultView)) error {
	_, tv, err := h.loadTask(r)
	if err != nil {
		return err
	}
	// Version 0: the form being fixed is the user's, so its polling always fetches the section.
	e, err := h.estimateView(r.Context(), t, 0, time.Now().UTC())
	if err != nil {
		return err
	}
	if e.Result != nil {
		edit(e.Result)
	}
	return h.render(w, r, status, views.TaskPage(h.shell(r, tv.Title, ""), tv, e), nil)
}
