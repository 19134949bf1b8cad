package handlers

import (
	"net/http"
	"time"

	"estimator/estimate"
	"estimator/i18n"
	"estimator/store"
	"estimator/views"
)

// quoteFromPath builds the quotation of the task in the path, of revision ?rev=n or the current one,
// with the parts the document shows.
func (h *Handler) quoteFromPath(r *http.Request, parts quoteParts) (store.Task, estimate.Quote, error) {
	t, err := h.taskFromPath(r)
	if err != nil {
		return t, estimate.Quote{}, err
	}
	rev, lines, err := h.quoteRevision(r, t, parts.notes)
	if err != nil {
		return t, estimate.Quote{}, err
	}
	q, err := h.quoteDocument(r.Context(), t, rev, lines, parts, time.Now())
	return t, q, err
}

// quotePage shows the quotation of a revision (?rev=n, or the current one) as a page to print:
// the browser's "Print → Save as PDF" gives the same document as the downloads.
func (h *Handler) quotePage(w http.ResponseWriter, r *http.Request) error {
	// The page shows the remarks but not the history.
	t, q, err := h.quoteFromPath(r, quoteParts{notes: true})
	if err != nil {
		return err
	}
	issuer, err := h.store.Issuer(r.Context())
	if err != nil {
		return err
	}
	v := views.QuotePageView{TaskID: t.ID, Revision: q.Revision, Quote: q, Missing: missingForQuote(issuer)}
	s := h.shell(r, i18n.T(r.Context(), "quote.page_title", "title", t.Title), "")
	return h.render(w, r, http.StatusOK, views.QuotePage(s, v), nil)
}
