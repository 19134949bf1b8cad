package handlers

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"estimator/estimate"
	"estimator/store"
	"estimator/views"
)

// Bounds of the quotation details, in characters.
const (
	maxQuoteNumber  = 40
	maxQuoteField   = 200
	maxQuoteRemarks = 4000
)

// quoteTermsView is the quotation details form of a task as stored; remarks never saved are
// prefilled with the default ones for doc, so they can be edited rather than typed.
func (h *Handler) quoteTermsView(ctx context.Context, t store.Task, doc estimate.Document) (views.QuoteTermsView, error) {
	meta, _, err := h.store.Quote(ctx, t.ID)
	if err != nil {
		return views.QuoteTermsView{}, err
	}
	issuer, err := h.store.Issuer(ctx)
	if err != nil {
		return views.QuoteTermsView{}, err
	}
	v := views.QuoteTermsView{TaskID: t.ID, Number: meta.Number, IssueDate: meta.IssueDate, ValidUntil: meta.ValidUntil,
		Title: meta.Title, Addressee: meta.Addressee, Honorific: meta.Honorific, Delivery: meta.Delivery,
		Payment: meta.PaymentTerms, Remarks: meta.Remarks, DefaultTitle: t.Title,
		DefaultAddressee: h.clientLabel(t.Language, t.ClientName, t.ClientHonorific), DefaultPayment: issuer.PaymentTerms}
	if v.Remarks == "" {
		offline := false
		for _, l := range doc.Lines {
			offline = offline || l.Source == estimate.SourceOffline
		}
		v.Remarks = strings.Join(h.defaultRemarks(t.Language, doc, offline), "\n")
	}
	return v, nil
}

// quoteTermsSave stores the quotation details of a task. A field that needs fixing comes back
// next to itself with everything typed kept (422); nothing is stored then.
func (h *Handler) quoteTermsSave(w http.ResponseWriter, r *http.Request) error {
	t, err := h.taskFromPath(r)
	if err != nil {
		return err
	}
	if err := h.parseTextForm(w, r); err != nil {
		return err
	}
	v := views.QuoteTermsView{TaskID: t.ID, Errors: map[string]views.Msg{}}
	field := func(name string, limit int) string {
		text, long := clip(cleanText(r.PostForm.Get(name)), limit)
		if long {
			v.Errors[name] = views.M("lines.error_too_long", "max", limit)
		}
		return text
	}
	v.Number, v.IssueDate, v.ValidUntil = field("number", maxQuoteNumber), field("issue_date", 10), field("valid_until", 10)
	v.Title, v.Addressee, v.Honorific = field("title", maxQuoteField), field("addressee", maxQuoteField), field("honorific", 10)
	v.Delivery, v.Payment, v.Remarks = field("delivery", maxQuoteField), field("payment_terms", maxQuoteField), field("remarks", maxQuoteRemarks)
	for _, name := range []string{"issue_date", "valid_until"} {
		value := map[string]string{"issue_date": v.IssueDate, "valid_until": v.ValidUntil}[name]
		if _, err := time.Parse(store.DateLayout, value); value != "" && err != nil {
			v.Errors[name] = views.M("quote_terms.error_date")
		}
	}
	if v.IssueDate != "" && v.ValidUntil != "" && v.ValidUntil < v.IssueDate {
		v.Errors["valid_until"] = views.M("quote_terms.error_valid_until")
	}
	if v.Honorific != "" && v.Honorific != "onchu" && v.Honorific != "sama" {
		v.Honorific = ""
	}
	if len(v.Errors) == 0 {
		err = h.store.SaveQuote(r.Context(), t.ID, store.Quote{Number: v.Number, IssueDate: v.IssueDate, ValidUntil: v.ValidUntil,
			Title: v.Title, Addressee: v.Addressee, Honorific: v.Honorific, Delivery: v.Delivery, PaymentTerms: v.Payment,
			Remarks: v.Remarks}, time.Now())
		switch {
		case errors.Is(err, store.ErrConflict):
			v.Errors["number"] = views.M("quote_terms.error_number_taken", "number", v.Number)
		case err != nil:
			return err
		default:
			if !wantsFragment(r) {
				return showTask(w, r, t.ID, "quote-terms")
			}
			v.Saved = true
			return h.render(w, r, http.StatusOK, views.QuoteTerms(v), nil)
		}
	}
	if wantsFragment(r) {
		return h.render(w, r, http.StatusUnprocessableEntity, views.QuoteTerms(v), nil)
	}
	return h.renderTaskWith(w, r, t, http.StatusUnprocessableEntity, func(e *views.ResultView) { e.Quote = v })
}
