package handlers

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"estimator/estimate"
	"estimator/store"
	"estimator/views"
)

// lineErrorCodes are the codes a failed line may carry; each has a catalog entry
// estimate.line_error.<code>. Anything else is shown as the generic failure.
var lineErrorCodes = []string{store.CodeEstimateFailed, "rate_limited", "unavailable", "timeout", "rejected", "invalid_answer", "breaker_open", store.CodeCostCap}

// taskErrorCodes are the codes a failed task may carry, catalog entries estimate.error.<code>.
var taskErrorCodes = []string{store.CodeLinesFailed, store.CodeQuestionsFailed, store.CodeCostCap}

// unavailableCodes are the failures an offline estimate can stand in for: the model could not be
// reached, not a refusal of this particular line.
var unavailableCodes = []string{"unavailable", "breaker_open", "rate_limited", "timeout", store.CodeCostCap}

// modelUnavailable reports whether some failed line failed because the model was unavailable.
func modelUnavailable(lines []store.LineResult) bool {
	for _, l := range lines {
		if l.Status == store.LineFailed && slices.Contains(unavailableCodes, l.Error) {
			return true
		}
	}
	return false
}

// estimateView gathers everything below the task's header: questions, the latest run while it
// is in progress (or failed, or cancelled before any revision existed), otherwise the current
// revision with its adjustments, and what the model calls cost. version is the task's version
// read before t, which the section's polling sends back; 0 when unknown.
func (h *Handler) estimateView(ctx context.Context, t store.Task, version int64, now time.Time) (views.EstimateView, error) {
	e := views.EstimateView{TaskID: t.ID, Status: t.Status, Version: version}
	if t.Status == store.StatusFailed {
		code := t.ErrorMessage
		if !slices.Contains(taskErrorCodes, code) {
			code = store.CodeLinesFailed
		}
		e.Message = views.M("estimate.error." + code)
		// Questions the model could not write can come from the offline engine instead.
		e.OfferOffline = !h.engine.Offline && code != store.CodeLinesFailed
	}
	qs, err := h.store.Questions(ctx, t.ID)
	if err != nil {
		return e, err
	}
	for _, q := range qs {
		v := views.QuestionView{N: q.Position, Text: q.Text, Rationale: q.Rationale}
		if q.Answer != nil {
			v.Answer = *q.Answer
		}
		e.Questions = append(e.Questions, v)
	}
	usage, err := h.store.TaskUsage(ctx, t.ID)
	if err != nil {
		return e, err
	}
	e.Cost = views.CostView{Calls: usage.Calls, InputTokens: usage.InputTokens, OutputTokens: usage.OutputTokens, CostMicroUSD: usage.CostMicroUSD, Estimated: usage.Estimated}
	switch t.Status {
	case store.StatusEstimated:
		e.Result, err = h.resultView(ctx, t, qs)
		return e, err
	case store.StatusGeneratingQuestions:
		return e, nil
	}
	run, lines, err := h.store.LatestRun(ctx, t.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return e, nil
	case err != nil:
		return e, err
	}
	if t.Status == store.StatusAwaitingAnswers && run.Status != store.RunCancelled {
		return e, nil
	}
	e.Run = runView(t, run, lines, now)
	e.OfferOffline = !h.engine.Offline && modelUnavailable(lines)
	return e, nil
}

// runView shows a run's lines with their amounts, computed in Go from days and the unit cost. A
// run cancelled before any revision existed gets the totals of its finished lines, labelled as
// such.
func runView(t store.Task, run store.Run, lines []store.LineResult, now time.Time) *views.RunView {
	end := now
	if run.FinishedAt != nil {
		end = *run.FinishedAt
	}
	rv := &views.RunView{Elapsed: end.Sub(run.StartedAt), Total: len(lines), Cancelled: run.Status == store.RunCancelled}
	rv.Table = views.TableView{TaskID: t.ID, Currency: t.Currency}
	var done []estimate.Line
	for _, l := range lines {
		rl := views.ResultLine{
			N: l.Position, Name: l.Name, Description: l.Description, State: l.Status,
			Phases: l.Phases, OptimisticTenths: l.Optimistic, PessimisticTenths: l.Pessimistic, UnitCostMinor: t.UnitCostMinor,
			Confidence: l.Confidence, Reasoning: l.Reasoning, Assumptions: l.Assumptions, Risks: l.Risks,
			Source: l.Source, Model: l.Model,
		}
		switch l.Status {
		case store.LineDone:
			rv.Done++
			line := estimate.Line{Name: l.Name, Effort: estimate.Effort{Phases: l.Phases, Optimistic: l.Optimistic, Pessimistic: l.Pessimistic}, UnitCostMinor: t.UnitCostMinor}
			rl.DaysTenths = line.Effort.Days()
			// Stored estimates are within bounds, so these cannot overflow; a zero would show it.
			rl.AmountMinor, _ = line.Amount()
			done = append(done, line)
		case store.LineFailed:
			rv.Failed++
			code := l.Error
			if !slices.Contains(lineErrorCodes, code) {
				code = store.CodeEstimateFailed
			}
			rl.Error = views.M("estimate.line_error." + code)
		}
		rv.Table.Lines = append(rv.Table.Lines, rl)
	}
	rv.Table.AllOffline = allOffline(rv.Table.Lines)
	if rv.Cancelled && len(done) > 0 {
		doc := estimate.Document{Lines: done, TaxRateBP: t.TaxRateBP, TaxRounding: estimate.Rounding(t.TaxRounding)}
		if tot, err := doc.Totals(); err == nil {
			rv.Table.Totals = totalsView(tot, doc)
			rv.Table.Partial = true
		}
	}
	return rv
}

// allOffline reports whether every estimated line came from the offline engine.
func allOffline(lines []views.ResultLine) bool {
	any := false
	for _, l := range lines {
		if l.State != store.LineDone {
			continue
		}
		if !l.Offline() {
			return false
		}
		any = true
	}
	return any
}

// totalsView shows a document's totals.
func totalsView(tot estimate.Totals, doc estimate.Document) *views.TotalsView {
	return &views.TotalsView{DaysTenths: tot.Days, LinesMinor: tot.LinesMinor,
		RangeLowMinor: tot.OptimisticMinor, RangeHighMinor: tot.PessimisticMinor, RangeConfidence: string(tot.RangeConfidence),
		ContingencyBP:    doc.ContingencyBP,
		ContingencyMinor: tot.ContingencyMinor, DiscountMinor: tot.DiscountMinor, SubtotalMinor: tot.SubtotalMinor,
		TaxRateBP: doc.TaxRateBP, TaxMinor: tot.TaxMinor, TotalMinor: tot.TotalMinor}
}

// taskEstimate is the polled fragment. While the task's version is the one the poll saw,
// nothing on the page can have changed: the answer is 204 No Content, which htmx leaves alone, at
// the cost of one indexed query. When the status the page was rendered with has changed, htmx is
// told to reload the page, so the whole page (and <main data-status>) is current.
func (h *Handler) taskEstimate(w http.ResponseWriter, r *http.Request) error {
	id, version, err := h.taskVersion(r)
	if err != nil {
		return err
	}
	if wantsFragment(r) && r.URL.Query().Get("version") == strconv.FormatInt(version, 10) {
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	t, err := h.store.Task(r.Context(), id)
	if err != nil {
		return err
	}
	if seen := r.URL.Query().Get("status"); wantsFragment(r) && seen != "" && seen != t.Status {
		w.Header().Set("HX-Refresh", "true")
		w.WriteHeader(http.StatusOK)
		return nil
	}
	e, err := h.estimateView(r.Context(), t, version, time.Now().UTC())
	if err != nil {
		return err
	}
	if !wantsFragment(r) {
		return redirectAfterPost(w, r, "/tasks/"+t.ID)
	}
	// A line added meanwhile makes a revision: the whole page, <main data-revision> included, is
	// out of date.
	if seen := r.URL.Query().Get("revision"); e.Result != nil && seen != "" && seen != strconv.Itoa(e.Result.Revision.Number) {
		w.Header().Set("HX-Refresh", "true")
		w.WriteHeader(http.StatusOK)
		return nil
	}
	return h.render(w, r, http.StatusOK, views.EstimateSection(e), nil)
}

// taskVersion reads the version of the task named in the path. It is read before anything it
// stands for, so what is read after shows at least that version.
func (h *Handler) taskVersion(r *http.Request) (id string, version int64, err error) {
	if id, err = pathTaskID(r); err != nil {
		return "", 0, err
	}
	version, err = h.store.TaskVersion(r.Context(), id)
	return id, version, err
}

func (h *Handler) taskFromPath(r *http.Request) (store.Task, error) {
	id, err := pathTaskID(r)
	if err != nil {
		return store.Task{}, err
	}
	return h.store.Task(r.Context(), id)
}

// maxAnswer bounds one answer, in characters.
const maxAnswer = 4000

// taskAnswers saves the answers first, then starts a run: one unit per deliverable. Answering
// again starts a fresh run; the earlier result stays as a revision.
func (h *Handler) taskAnswers(w http.ResponseWriter, r *http.Request) error {
	t, err := h.taskFromPath(r)
	if err != nil {
		return err
	}
	if err := h.parseTextForm(w, r); err != nil {
		return err
	}
	qs, err := h.store.Questions(r.Context(), t.ID)
	if err != nil {
		return err
	}
	answers := r.PostForm["answer"]
	if len(qs) == 0 || len(answers) != len(qs) {
		return &httpError{status: http.StatusConflict, titleKey: "error.conflict_title", bodyKey: "estimate.answers_stale"}
	}
	for i := range answers {
		answers[i] = cleanText(answers[i])
		if len([]rune(answers[i])) > maxAnswer {
			answers[i] = string([]rune(answers[i])[:maxAnswer])
		}
	}
	now := time.Now().UTC()
	if err := h.store.SaveAnswers(r.Context(), t.ID, answers, now); err != nil {
		return err
	}
	if _, err := h.jobs.StartRunForAnswers(r.Context(), t.ID); err != nil {
		return err
	}
	return redirectAfterPost(w, r, "/tasks/"+t.ID)
}

// taskRegenerateQuestions asks for a new set of questions (an explicit action: they are stored);
// with ?engine=offline the offline engine writes them, the user's choice when the model cannot be used.
func (h *Handler) taskRegenerateQuestions(w http.ResponseWriter, r *http.Request) error {
	t, err := h.taskFromPath(r)
	if err != nil {
		return err
	}
	enqueue := h.jobs.EnqueueQuestions
	if r.URL.Query().Get("engine") == "offline" {
		enqueue = h.jobs.EnqueueOfflineQuestions
	}
	if err := enqueue(r.Context(), t.ID); err != nil {
		return err
	}
	return redirectAfterPost(w, r, "/tasks/"+t.ID)
}

// taskCancel stops the pending lines of the running estimate.
func (h *Handler) taskCancel(w http.ResponseWriter, r *http.Request) error {
	t, err := h.taskFromPath(r)
	if err != nil {
		return err
	}
	if err := h.store.CancelRun(r.Context(), t.ID, time.Now().UTC()); err != nil {
		return err
	}
	return redirectAfterPost(w, r, "/tasks/"+t.ID)
}

// taskRetry queues the failed lines again: all of them, or the one in the path; with
// ?engine=offline they are estimated by the offline engine, the user's explicit choice when the
// model cannot be used.
func (h *Handler) taskRetry(w http.ResponseWriter, r *http.Request) error {
	t, err := h.taskFromPath(r)
	if err != nil {
		return err
	}
	var positions []int
	if n := pathLine(r); n != "" {
		p, err := strconv.Atoi(n)
		if err != nil || p < 1 {
			return errNotFound
		}
		positions = []int{p}
	}
	offline := r.URL.Query().Get("engine") == "offline"
	if _, err := h.jobs.RetryLines(r.Context(), t.ID, positions, offline); err != nil {
		return err
	}
	return redirectAfterPost(w, r, "/tasks/"+t.ID)
}

// taskDropFailed settles the estimate without the lines that failed, creating its revision.
func (h *Handler) taskDropFailed(w http.ResponseWriter, r *http.Request) error {
	t, err := h.taskFromPath(r)
	if err != nil {
		return err
	}
	if err := h.store.DropFailedLines(r.Context(), t.ID, time.Now().UTC()); err != nil {
		return err
	}
	return redirectAfterPost(w, r, "/tasks/"+t.ID)
}
