package sheets

import (
	"cmp"
	"slices"
	"strings"
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
		wbTableColumn{header: l.Assumptions, wrapAt: wbWrapList},
		wbTableColumn{header: l.Risks, wrapAt: wbWrapList},
	)
	rows := make([][]wbTableCell, 0, len(d.q.Lines))
	for _, line := range d.q.Lines {
		row := []wbTableCell{{n: int64(line.No)}, {s: line.Name}}
		for _, phase := range line.Phases {
			row = append(row, wbTableCell{n: phase})
		}
		rows = append(rows, append(row,
			wbTableCell{n: line.DaysTenths},
			wbTableCell{n: line.OptimisticTenths}, wbTableCell{n: line.PessimisticTenths},
			wbTableCell{s: line.Confidence}, wbTableCell{s: line.Engine}, wbTableCell{s: line.Reasoning},
			wbTableCell{s: strings.Join(line.Assumptions, "\n")}, wbTableCell{s: strings.Join(line.Risks, "\n")},
		))
	}
	wbWriteTable(g, d, wbTable{cols: cols, rows: rows, freezeCols: 2, landscape: true})
}

// wbWriteQASheet writes the questions asked before estimating and the answers given.
func wbWriteQASheet(g *wbGrid, d *wbQuoteDoc) {
	l := d.q.Labels
	cols := []wbTableColumn{{header: l.Question, wrapAt: wbWrapQuestion}, {header: l.Answer, wrapAt: wbWrapAnswer}}
	rows := make([][]wbTableCell, 0, len(d.q.QA))
	for _, qa := range d.q.QA {
		rows = append(rows, []wbTableCell{{s: qa.Question}, {s: qa.Answer}})
	}
	wbWriteTable(g, d, wbTable{cols: cols, rows: rows})
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
	rows := make([][]wbTableCell, 0, len(revisions))
	for _, r := range revisions {
		rows = append(rows, []wbTableCell{
			{n: int64(r.Number)}, {s: r.Time}, {s: r.Kind}, {s: r.Note}, {n: r.SubtotalMinor}, {n: r.TotalMinor},
		})
	}
	wbWriteTable(g, d, wbTable{cols: cols, rows: rows})
}
