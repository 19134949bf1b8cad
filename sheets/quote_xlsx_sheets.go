package sheets

import (
	"cmp"
	"slices"
)

// Widest text columns of the table sheets before their text wraps, in character units.
const (
	wbWrapName      = 30
	wbWrapShort     = 16
	wbWrapReasoning = 48
	wbWrapList      = 32
	wbWrapQuestion  = 50
	wbWrapAnswer    = 70
	wbWrapNote      = 50
)

// wbWriteBreakdownSheet writes the 内訳: every line by phase, its range, and why the estimate is
// what it is. No and name stay in view when scrolling right through the long texts.
func wbWriteBreakdownSheet(g *wbGrid, d *wbQuoteDoc) {
	l := d.q.Labels
	cols := []wbTableColumn{{header: l.No, kind: wbKindInt}, {header: l.Name, wrapAt: wbWrapName}}
	for _, phase := range l.Phases {
		cols = append(cols, wbTableColumn{header: phase, kind: wbKindDays})
	}
	cols = append(cols,
		wbTableColumn{header: l.Quantity, kind: wbKindDays},
		wbTableColumn{header: l.Range, kind: wbKindDays}, wbTableColumn{kind: wbKindDaysTo},
		wbTableColumn{header: l.Confidence, wrapAt: wbWrapShort},
		wbTableColumn{header: l.Engine, wrapAt: wbWrapShort},
		wbTableColumn{header: l.Reasoning, wrapAt: wbWrapReasoning},
		wbTableColumn{header: l.Assumptions, kind: wbKindList, wrapAt: wbWrapList},
		wbTableColumn{header: l.Risks, kind: wbKindList, wrapAt: wbWrapList},
	)
	cell := func(row, col int) wbTableCell {
		line := &d.q.Lines[row]
		phases := len(line.Phases)
		switch {
		case col == 0:
			return wbTableCell{n: int64(line.No)}
		case col == 1:
			return wbTableCell{s: line.Name}
		case col < 2+phases:
			return wbTableCell{n: line.Phases[col-2]}
		}
		return [...]wbTableCell{
			{n: line.DaysTenths}, {n: line.OptimisticTenths}, {n: line.PessimisticTenths},
			{s: line.Confidence}, {s: line.Engine}, {s: line.Reasoning},
			{lines: line.Assumptions}, {lines: line.Risks},
		}[col-2-phases]
	}
	wbWriteTable(g, d, wbTable{cols: cols, rows: len(d.q.Lines), cell: cell, freezeCols: 2, landscape: true})
}

// wbWriteQASheet writes the questions asked before estimating and the answers given.
func wbWriteQASheet(g *wbGrid, d *wbQuoteDoc) {
	l := d.q.Labels
	cols := []wbTableColumn{{header: l.Question, wrapAt: wbWrapQuestion}, {header: l.Answer, wrapAt: wbWrapAnswer}}
	cell := func(row, col int) wbTableCell {
		qa := d.q.QA[row]
		return [...]wbTableCell{{s: qa.Question}, {s: qa.Answer}}[col]
	}
	wbWriteTable(g, d, wbTable{cols: cols, rows: len(d.q.QA), cell: cell})
}

// wbWriteRevisionsSheet writes the history of the estimate, newest first. The Quote already lists
// it so; sorting again costs nothing and keeps the promise if a caller forgets.
func wbWriteRevisionsSheet(g *wbGrid, d *wbQuoteDoc) {
	l := d.q.Labels
	cols := []wbTableColumn{
		{header: l.RevisionNumber, kind: wbKindInt},
		{header: l.RevisionTime, wrapAt: wbWrapShort + 4},
		{header: l.RevisionKind, wrapAt: wbWrapShort + 4},
		{header: l.RevisionNote, wrapAt: wbWrapNote},
		{header: l.Subtotal, kind: wbKindMoney},
		{header: l.Total, kind: wbKindMoney},
	}
	revisions := slices.Clone(d.q.Revisions)
	slices.SortStableFunc(revisions, func(a, b QuoteRevision) int { return cmp.Compare(b.Number, a.Number) })
	cell := func(row, col int) wbTableCell {
		r := revisions[row]
		return [...]wbTableCell{{n: int64(r.Number)}, {s: r.Time}, {s: r.Kind}, {s: r.Note}, {n: r.SubtotalMinor}, {n: r.TotalMinor}}[col]
	}
	wbWriteTable(g, d, wbTable{cols: cols, rows: len(revisions), cell: cell})
}
