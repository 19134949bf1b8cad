package handlers

import (
	"cmp"
	"context"
	"errors"
	"slices"

	"estimator/estimate"
	"estimator/i18n"
	"estimator/llm"
	"estimator/store"
	"estimator/views"
)

// maxInlineDetails is the most lines whose breakdowns a page shows inline; a bigger table's are
// fetched when opened (TableView.DetailsOnDemand). A line's breakdown is some 3 kB, so 50 keep a
// page near 200 kB, where 500 made it 2.4 MB.
const maxInlineDetails = 50

// documentTable shows the lines and totals of a revision's document. base > 0 gives the rows
// edit controls acting on that revision.
func documentTable(t store.Task, doc estimate.Document, revision, base int) (views.TableView, error) {
	tot, err := doc.Totals()
	if err != nil {
		return views.TableView{}, err
	}
	tv := views.TableView{TaskID: t.ID, Currency: t.Currency, Base: base, Totals: totalsView(tot, doc),
		Revision: revision, DetailsOnDemand: len(doc.Lines) > maxInlineDetails}
	for i, l := range doc.Lines {
		// Totals has checked every line, so the amounts cannot fail here.
		amount, _ := l.Amount()
		tv.Lines = append(tv.Lines, resultLine(t, i+1, l, amount))
	}
	tv.AllOffline = allOffline(tv.Lines)
	return tv, nil
}

// resultLine shows line n of a revision's document, whose amount is amount.
func resultLine(t store.Task, n int, l estimate.Line, amount int64) views.ResultLine {
	return views.ResultLine{
		N: n, Key: l.Key, Name: l.Name, Description: l.Description, State: store.LineDone,
		Phases: l.Effort.Phases, DaysTenths: l.Effort.Days(),
		OptimisticTenths: l.Effort.Optimistic, PessimisticTenths: l.Effort.Pessimistic,
		UnitCostMinor: l.UnitCostMinor, AmountMinor: amount, OwnUnitCost: l.UnitCostMinor != t.UnitCostMinor,
		Confidence: string(l.Confidence), Reasoning: l.Reasoning, Assumptions: l.Assumptions, Risks: l.Risks,
		Source: string(l.Source), Model: l.Model,
	}
}

// maxChartBars is the most bars the chart draws: beyond some twenty, bars are too many to read.
const maxChartBars = 20

// chartBars are the amounts of a table's lines. A table of more lines than the chart draws gets
// its largest lines, biggest first, and one bar for the rest, labelled by others(count).
func chartBars(tv views.TableView, others func(count int) string) []views.ChartBar {
	bars := make([]views.ChartBar, 0, len(tv.Lines))
	for _, l := range tv.Lines {
		bars = append(bars, views.ChartBar{Label: l.Name, AmountMinor: l.AmountMinor})
	}
	if len(bars) <= maxChartBars {
		return bars
	}
	slices.SortStableFunc(bars, func(a, b views.ChartBar) int { return cmp.Compare(b.AmountMinor, a.AmountMinor) })
	rest := views.ChartBar{Label: others(len(bars) - maxChartBars + 1)}
	for _, b := range bars[maxChartBars-1:] {
		rest.AmountMinor += b.AmountMinor
	}
	return append(bars[:maxChartBars-1], rest)
}

// resultView shows the task's current revision with its controls; nil before the first revision.
// The revision is read without its notes first: a big one's details are fetched when opened, and
// only a small one is read again whole, to show its details inline.
func (h *Handler) resultView(ctx context.Context, t store.Task, qs []store.Question) (*views.ResultView, error) {
	rev, lines, err := h.store.LatestRevisionBrief(ctx, t.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(lines) <= maxInlineDetails {
		// Revisions never change, so this is the same revision with its notes.
		if rev, lines, err = h.store.Revision(ctx, t.ID, rev.Number); err != nil {
			return nil, err
		}
	}
	history, err := h.store.Revisions(ctx, t.ID)
	if err != nil {
		return nil, err
	}
	doc := rev.Document(lines)
	table, err := documentTable(t, doc, rev.Number, rev.Number)
	if err != nil {
		return nil, err
	}
	chat, err := h.chatView(ctx, t, rev, lines)
	if err != nil {
		return nil, err
	}
	quote, err := h.quoteTermsView(ctx, t, doc)
	if err != nil {
		return nil, err
	}
	pending, err := h.store.PendingLines(ctx, t.ID)
	if err != nil {
		return nil, err
	}
	var adding []views.AddingLine
	for _, p := range pending {
		adding = append(adding, views.AddingLine{ID: p.TaskLineID, Name: p.Name, Failed: p.Failed})
	}
	return &views.ResultView{
		Revision: revisionMeta(rev, len(history)),
		Table:    table,
		Chart: chartBars(table, func(count int) string {
			return i18n.T(ctx, "estimate.chart_others", "count", count)
		}),
		Adjust: adjustView(t, rev.Number, doc),
		Chat:   chat,
		Adding: adding,
		Quote:  quote,
		Checks: h.checksView(t, doc, qs),
	}, nil
}

// checksView is the plausibility check of doc, in the task's language: a remark about the
// estimate belongs with its other texts, which are written in that language. Its proportions are
// measured against IPA's phase shares, and each line against the usual size of its kind in this
// system, as the offline model (public data) gives it from the task's requirements and answers.
func (h *Handler) checksView(t store.Task, doc estimate.Document, qs []store.Question) []views.CheckView {
	loc := h.i18n.Locale(t.Language)
	var out []views.CheckView
	for _, f := range estimate.Plausibility(doc.Lines) {
		text := loc.T("estimate.check."+f.Code, "value", wholePercent(f.ValueBP), "typical", wholePercent(f.TypicalBP))
		out = append(out, views.CheckView{Code: f.Code, Text: text})
	}
	for _, f := range estimate.LineOutliers(doc.Lines, h.sizer.Reference(referenceTask(t, doc, qs))) {
		text := loc.T("estimate.check."+f.Code, "name", f.Name, "days", i18n.Days(f.Tenths), "typical", i18n.Days(f.TypicalTenths))
		out = append(out, views.CheckView{Code: f.Code, Text: text})
	}
	return out
}

// referenceTask is the task as the offline model reads it: the revision's lines, the
// requirements and the answers.
func referenceTask(t store.Task, doc estimate.Document, qs []store.Question) llm.Task {
	in := llm.Task{Language: t.Language, Title: t.Title, Requirements: t.Requirements}
	for _, l := range doc.Lines {
		in.Lines = append(in.Lines, llm.LineInput{Name: l.Name, Description: l.Description})
	}
	for _, q := range qs {
		qa := llm.QA{Question: q.Text}
		if q.Answer != nil {
			qa.Answer = *q.Answer
		}
		in.Answers = append(in.Answers, qa)
	}
	return in
}

// wholePercent shows basis points as a whole percentage, rounded half up: 833 → "8".
func wholePercent(bp int64) string {
	return i18n.Percent((bp + 50) / 100 * 100)
}

// revisionMeta describes a revision for the pages.
func revisionMeta(rev store.Revision, count int) views.RevisionMeta {
	return views.RevisionMeta{Number: rev.Number, Kind: rev.Kind(), Note: rev.Note, Created: rev.CreatedAt, Count: count}
}

// adjustView is the quick-adjustment panel for a revision, with empty fields.
func adjustView(t store.Task, base int, doc estimate.Document) views.AdjustView {
	a := views.AdjustView{TaskID: t.ID, Base: base, Currency: t.Currency}
	for i, l := range doc.Lines {
		a.Lines = append(a.Lines, views.LineOption{N: i + 1, Name: l.Name})
	}
	return a
}
