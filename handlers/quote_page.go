package handlers

import (
	"net/http"
	"time"

	"estimator/i18n"
	"estimator/views"
)

// quotePage shows the quotation of a revision (?rev=n, or the current one) as a page to print:
// the browser's "Print → Save as PDF" gives the same document as the downloads.
func (h *Handler) quotePage(w http.ResponseWriter, r *http.Request) error {
	t, err := h.taskFromPath(r)
	if err != nil {
		return err
	}
	rev, lines, err := h.quoteRevision(r, t)
	if err != nil {
		return err
	}
	q, err := h.quoteDocument(r.Context(), t, rev, lines, time.Now())
	if err != nil {
		return err
	}
	v := views.QuotePageView{TaskID: t.ID, Revision: rev.Number, Quote: q}
	s := h.shell(r, i18n.T(r.Context(), "quote.page_title", "title", t.Title), "")
	return h.render(w, r, http.StatusOK, views.QuotePage(s, v), nil)
}
