package handlers

import (
	"net/http"
	"strconv"

	"estimator/estimate"
	"estimator/i18n"
	"estimator/views"
)

// compare shows two revisions side by side: ?a= and ?b= are revision numbers; without them the
// previous and the current revision are compared.
func (h *Handler) compare(w http.ResponseWriter, r *http.Request) error {
	t, tv, err := h.loadTask(r)
	if err != nil {
		return err
	}
	history, err := h.store.Revisions(r.Context(), t.ID)
	if err != nil {
		return err
	}
	if len(history) == 0 {
		return errNotFound
	}
	current := history[0].Number
	a := queryNumber(r, "a", max(current-1, 1))
	b := queryNumber(r, "b", current)
	revA, linesA, err := h.store.Revision(r.Context(), t.ID, a)
	if err != nil {
		return err
	}
	revB, linesB, err := h.store.Revision(r.Context(), t.ID, b)
	if err != nil {
		return err
	}
	docA, docB := revA.Document(linesA), revB.Document(linesB)
	diff, err := estimate.Compare(docA, docB)
	if err != nil {
		return err
	}
	v := views.CompareView{
		TaskID: t.ID, Currency: t.Currency,
		A: revisionMeta(revA, len(history)), B: revisionMeta(revB, len(history)),
		Rows:   diffRows(diff),
		Totals: compareTotals(diff, docB),
	}
	for _, rev := range history {
		v.Numbers = append(v.Numbers, rev.Number)
	}
	s := h.shell(r, i18n.T(r.Context(), "compare.title", "a", a, "b", b)+" – "+tv.Title, "")
	return h.render(w, r, http.StatusOK, views.ComparePage(s, tv, v), nil)
}

// queryNumber is a positive number from the query, or def when absent or not a positive number.
func queryNumber(r *http.Request, name string, def int) int {
	n, err := strconv.Atoi(r.URL.Query().Get(name))
	if err != nil || n < 1 {
		return def
	}
	return n
}

// compareRows compares two documents line by line for the pages.
func compareRows(a, b estimate.Document) ([]views.CompareRow, error) {
	diff, err := estimate.Compare(a, b)
	if err != nil {
		return nil, err
	}
	return diffRows(diff), nil
}

// diffRows shows a comparison's lines: each line once, with its state and the cells that changed.
func diffRows(diff estimate.Diff) []views.CompareRow {
	rows := make([]views.CompareRow, 0, len(diff.Lines))
	for _, d := range diff.Lines {
		row := views.CompareRow{
			Key: d.Key, State: views.CompareSame,
			DaysA: d.DaysBefore, DaysB: d.DaysAfter, AmountA: d.AmountBefore, AmountB: d.AmountAfter,
			DaysChanged: d.DaysBefore != d.DaysAfter, AmountChange: d.AmountBefore != d.AmountAfter,
		}
		switch {
		case d.Before == nil:
			row.State, row.Name = views.CompareAdded, d.After.Name
		case d.After == nil:
			row.State, row.Name = views.CompareRemoved, d.Before.Name
		default:
			row.Name = d.After.Name
			if d.NameChanged {
				row.OldName = d.Before.Name
			}
			if d.Changed() {
				row.State = views.CompareChanged
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// compareTotals are the documents' totals side by side, contingency and discount only when either
// side has them.
func compareTotals(diff estimate.Diff, b estimate.Document) []views.CompareTotal {
	x, y := diff.Before, diff.After
	out := []views.CompareTotal{{ID: "lines", LabelKey: "estimate.lines_total", A: x.LinesMinor, B: y.LinesMinor}}
	if x.ContingencyMinor != 0 || y.ContingencyMinor != 0 {
		out = append(out, views.CompareTotal{ID: "contingency", LabelKey: "estimate.contingency", A: x.ContingencyMinor, B: y.ContingencyMinor})
	}
	if x.DiscountMinor != 0 || y.DiscountMinor != 0 {
		out = append(out, views.CompareTotal{ID: "discount", LabelKey: "estimate.discount", A: -x.DiscountMinor, B: -y.DiscountMinor})
	}
	return append(out,
		views.CompareTotal{ID: "subtotal", LabelKey: "estimate.subtotal", A: x.SubtotalMinor, B: y.SubtotalMinor},
		views.CompareTotal{ID: "tax", LabelKey: "estimate.tax", Args: []any{"rate", i18n.Percent(b.TaxRateBP)}, A: x.TaxMinor, B: y.TaxMinor},
		views.CompareTotal{ID: "total", LabelKey: "estimate.total", A: x.TotalMinor, B: y.TotalMinor},
	)
}
