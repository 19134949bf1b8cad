package handlers

import (
	"context"
	"fmt"
	"time"

	"estimator/store"
	"estimator/views"
)

// Breaker is the model engine's circuit breaker as the admin page reads it (see
// openai.Engine.BreakerState).
type Breaker interface {
	BreakerState() (open bool, failures int, until time.Time)
}

// How far back the admin page looks, and how many rows it lists.
const (
	adminRecent        = 24 * time.Hour
	adminLonger        = 30 * 24 * time.Hour
	adminListed        = 50
	adminMaxReasonRune = 500
)

// adminView reads everything the admin page shows, at now; f is the delete form as last sent.
func (h *Handler) adminView(ctx context.Context, now time.Time, f views.AdminDeleteForm) (views.AdminView, error) {
	v := views.AdminView{DBDialect: h.store.Dialect(), Delete: f, Breaker: h.breakerView()}
	v.Delete.MaxReason = adminMaxReasonRune
	sp, err := h.jobs.Spending(ctx)
	if err != nil {
		return v, fmt.Errorf("admin: %w", err)
	}
	v.Spend = views.AdminSpend{Day: sp.Day, Month: sp.Month, DailyCap: sp.DailyCap, MonthlyCap: sp.MonthlyCap, Reached: sp.Reached()}
	groups, err := h.store.ModelCallGroups(ctx, now.Add(-adminRecent), now.Add(-adminLonger))
	if err != nil {
		return v, fmt.Errorf("admin: %w", err)
	}
	v.Calls = []views.AdminCallWindow{
		callWindow("admin.calls_day", groups, func(g store.CallGroup) store.CallTotals { return g.Recent }),
		callWindow("admin.calls_month", groups, func(g store.CallGroup) store.CallTotals { return g.Longer }),
	}
	queue, err := h.store.Queue(ctx, now)
	if err != nil {
		return v, fmt.Errorf("admin: %w", err)
	}
	for _, q := range queue {
		v.Queue = append(v.Queue, views.AdminQueuedKind{Kind: q.Kind, Jobs: int64(q.Jobs), OldestWait: q.OldestWait})
	}
	limited, err := h.store.RateLimitedClients(ctx, now.Add(-adminRecent), adminListed)
	if err != nil {
		return v, fmt.Errorf("admin: %w", err)
	}
	for _, c := range limited {
		v.Limited = append(v.Limited, views.AdminLimitedClient(c))
	}
	tasks, err := h.store.TasksByStatus(ctx)
	if err != nil {
		return v, fmt.Errorf("admin: %w", err)
	}
	for _, t := range tasks {
		v.Tasks = append(v.Tasks, views.AdminTaskCount(t))
	}
	if v.DBBytes, err = h.store.DatabaseSize(ctx); err != nil {
		return v, fmt.Errorf("admin: %w", err)
	}
	deletions, err := h.store.TaskDeletions(ctx, adminListed)
	if err != nil {
		return v, fmt.Errorf("admin: %w", err)
	}
	for _, d := range deletions {
		v.Deletions = append(v.Deletions, views.AdminDeletion{TaskID: d.TaskID, TaskStatus: d.TaskStatus, LineCount: d.LineCount,
			TaskCreatedAt: d.TaskCreatedAt, By: d.By, Client: d.Client, Reason: d.Reason, At: d.At})
	}
	return v, nil
}

// breakerView reads the engine's breaker; without one (the offline engine) it is not used.
func (h *Handler) breakerView() views.AdminBreaker {
	if h.breaker == nil {
		return views.AdminBreaker{}
	}
	open, failures, until := h.breaker.BreakerState()
	return views.AdminBreaker{Used: true, Open: open, Failures: failures, Until: until}
}

// callWindow is one window's table: the groups with calls in it, their total, and the share of the
// finished calls that failed (errors and lost calls; those in flight have not finished).
func callWindow(titleKey string, groups []store.CallGroup, in func(store.CallGroup) store.CallTotals) views.AdminCallWindow {
	w := views.AdminCallWindow{TitleKey: titleKey}
	var total store.CallTotals
	var finished, failed int64
	for _, g := range groups {
		t := in(g)
		if t.Calls == 0 {
			continue
		}
		w.Rows = append(w.Rows, callRow(g.Operation, g.Status, t))
		total = total.Add(t)
		switch g.Status {
		case store.CallError, store.CallLost:
			failed += t.Calls
			finished += t.Calls
		case store.CallOK:
			finished += t.Calls
		}
	}
	w.Total = callRow("", "", total)
	if finished > 0 {
		w.FailedBP = (failed*10000 + finished/2) / finished
	}
	return w
}

func callRow(operation, status string, t store.CallTotals) views.AdminCallRow {
	return views.AdminCallRow{Operation: operation, Status: status, Calls: t.Calls, PromptTokens: t.PromptTokens,
		CachedTokens: t.CachedTokens, CompletionTokens: t.CompletionTokens, CostMicroUSD: t.CostMicroUSD}
}
