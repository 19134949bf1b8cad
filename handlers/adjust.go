package handlers

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"estimator/estimate"
	"estimator/i18n"
	"estimator/store"
	"estimator/views"
)

// adjustRequest is a quick adjustment as posted: the action, its fields as typed, and the lines
// picked by position in the base revision.
type adjustRequest struct {
	action string
	values map[string]string // by "action.field", as typed
	lines  []int
}

// fieldError is a problem with one field of a form, shown next to it.
type fieldError struct {
	field string // "action.field", or "form"
	msg   views.Msg
}

func (e *fieldError) Error() string { return "invalid " + e.field + ": " + e.msg.Key }

// invalid makes a fieldError.
func invalid(field, key string, args ...any) error {
	return &fieldError{field: field, msg: views.M(key, args...)}
}

// maxAdjustField bounds each field of a quick action, in characters; the inputs allow as much.
const maxAdjustField = 40

// adjustActions are the quick actions a form may ask for.
var adjustActions = []string{views.ActionBudget, views.ActionUnitCost, views.ActionContingency, views.ActionDiscount, views.ActionRemove}

// taskAdjust applies a quick adjustment to the revision the form was rendered from and stores the
// result as the next revision. No model is called. A field that needs fixing comes back next to
// the field with what was typed (422); a base that is no longer current is a 409.
func (h *Handler) taskAdjust(w http.ResponseWriter, r *http.Request) error {
	c, ok, err := h.startChange(w, r)
	if !ok {
		return err
	}
	t, base, doc := c.task, c.base, c.doc
	req := adjustRequest{action: r.PostForm.Get("action"), values: map[string]string{}}
	if !slices.Contains(adjustActions, req.action) {
		return &httpError{status: http.StatusBadRequest, titleKey: "error.bad_request_title", bodyKey: "adjust.unknown_action"}
	}
	tooLong := ""
	for _, field := range []string{"amount", "tax", "method", "percent", "keyword"} {
		if v, ok := r.PostForm[field]; ok {
			text, long := clip(cleanText(v[0]), maxAdjustField)
			req.values[req.action+"."+field] = text
			if long {
				tooLong = req.action + "." + field
			}
		}
	}
	for _, v := range r.PostForm["line"] {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return &httpError{status: http.StatusBadRequest, titleKey: "error.bad_request_title", bodyKey: "error.bad_form"}
		}
		req.lines = append(req.lines, n)
		req.values[views.LinePickKey(req.action, n)] = "on"
	}
	var changed estimate.Document
	var note string
	if tooLong != "" {
		err = invalid(tooLong, "adjust.error_too_long", "max", maxAdjustField)
	} else {
		changed, note, err = h.adjust(t, doc, req)
	}
	var fe *fieldError
	if errors.As(err, &fe) {
		a := adjustView(t, base, doc)
		a.Values = req.values
		a.Errors = map[string]views.Msg{fe.field: fe.msg}
		return h.renderAdjustError(w, r, t, a)
	}
	if err != nil {
		return err
	}
	return h.saveRevision(w, r, t, base, store.NewRevision{
		Reason: store.RevisionQuickAction, Note: note, BaseNumber: base,
		ContingencyBP: changed.ContingencyBP, DiscountMinor: changed.DiscountMinor, Lines: store.LinesOf(changed),
	})
}

// adjust computes one quick action on doc and the note that explains it in the task's language.
func (h *Handler) adjust(t store.Task, doc estimate.Document, req adjustRequest) (estimate.Document, string, error) {
	switch req.action {
	case views.ActionBudget:
		return h.adjustBudget(t, doc, req)
	case views.ActionUnitCost:
		return h.adjustUnitCost(t, doc, req)
	case views.ActionContingency:
		return h.adjustContingency(t, doc, req)
	case views.ActionDiscount:
		return h.adjustDiscount(t, doc, req)
	}
	return h.adjustRemove(t, doc, req)
}

// note writes a revision note in the task's language.
func (h *Handler) note(t store.Task, key string, args ...any) string {
	return h.i18n.T(t.Language, key, args...)
}

func (h *Handler) adjustBudget(t store.Task, doc estimate.Document, req adjustRequest) (estimate.Document, string, error) {
	field := req.action + ".amount"
	capMinor, err := parseMoneyField(field, req.values[field], t.Currency)
	if err != nil {
		return doc, "", err
	}
	tax := req.values[req.action+".tax"]
	if tax != "" && tax != "included" && tax != "excluded" {
		return doc, "", invalid(req.action+".tax", "adjust.error_tax")
	}
	taxIncluded := tax == "included"
	method := estimate.BudgetMethod(req.values[req.action+".method"])
	if !slices.Contains([]estimate.BudgetMethod{estimate.BudgetScale, estimate.BudgetPriority, estimate.BudgetDiscount}, method) {
		return doc, "", invalid(req.action+".method", "adjust.error_method")
	}
	fit, err := doc.FitBudget(estimate.Budget{CapMinor: capMinor, TaxIncluded: taxIncluded, Method: method})
	switch {
	case errors.Is(err, estimate.ErrCapNotBelow):
		tot, terr := doc.Totals()
		if terr != nil {
			return doc, "", terr
		}
		current := tot.SubtotalMinor
		if taxIncluded {
			current = tot.TotalMinor
		}
		return doc, "", invalid(field, "adjust.error_cap_not_below", "current", i18n.Money(current, t.Currency))
	case errors.Is(err, estimate.ErrCapUnreachable), errors.Is(err, estimate.ErrInvalidCap):
		return doc, "", invalid(field, "adjust.error_cap_unreachable."+string(method))
	case err != nil:
		return doc, "", err
	}
	taxKey := "notes.tax_excluded"
	if taxIncluded {
		taxKey = "notes.tax_included"
	}
	args := []any{"cap", i18n.Money(capMinor, t.Currency), "tax", h.note(t, taxKey), "factor", estimate.FactorString(fit.FactorPPM)}
	if method == estimate.BudgetDiscount {
		args = append(args, "discount", i18n.Money(fit.Document.DiscountMinor-doc.DiscountMinor, t.Currency))
	}
	kind := string(method)
	if method == estimate.BudgetPriority && fit.FactorPPM < 1_000_000 {
		kind = "priority_scaled" // the trimming steps were not enough: everything was scaled too
	}
	return fit.Document, h.note(t, "notes.budget."+kind, args...), nil
}

func (h *Handler) adjustUnitCost(t store.Task, doc estimate.Document, req adjustRequest) (estimate.Document, string, error) {
	field := req.action + ".amount"
	amount, err := parseMoneyField(field, req.values[field], t.Currency)
	if err != nil {
		return doc, "", err
	}
	keys, names, err := pickedLines(doc, req)
	if err != nil {
		return doc, "", err
	}
	changed, err := doc.WithUnitCost(amount, keys)
	if err != nil {
		return doc, "", err
	}
	rate := i18n.Money(amount, t.Currency)
	if len(keys) == 0 {
		return changed, h.note(t, "notes.unit_cost_all", "rate", rate), nil
	}
	return changed, h.note(t, "notes.unit_cost_lines", "rate", rate, "lines", h.joinNames(t, names)), nil
}

func (h *Handler) adjustContingency(t store.Task, doc estimate.Document, req adjustRequest) (estimate.Document, string, error) {
	field := req.action + ".percent"
	bp, ok := parsePercent(req.values[field])
	if !ok || bp > maxContingencyBP {
		return doc, "", invalid(field, "adjust.error_contingency")
	}
	changed, err := doc.WithContingency(bp)
	if errors.Is(err, estimate.ErrNegativeSubtotal) {
		return doc, "", invalid(field, "adjust.error_discount_too_large")
	}
	if err != nil {
		return doc, "", err
	}
	return changed, h.note(t, "notes.contingency", "rate", i18n.Percent(bp)), nil
}

// maxContingencyBP is the largest contingency the form accepts: 50 %. More is not a buffer but a
// second estimate.
const maxContingencyBP = 5000

func (h *Handler) adjustDiscount(t store.Task, doc estimate.Document, req adjustRequest) (estimate.Document, string, error) {
	amountText, percentText := req.values[req.action+".amount"], req.values[req.action+".percent"]
	var minor int64
	var note string
	switch {
	case (amountText == "") == (percentText == ""):
		return doc, "", invalid(req.action+".amount", "adjust.error_discount_one")
	case amountText != "":
		var err error
		if minor, err = parseMoneyField(req.action+".amount", amountText, t.Currency); err != nil {
			return doc, "", err
		}
		note = h.note(t, "notes.discount", "amount", i18n.Money(minor, t.Currency))
	default:
		bp, ok := parsePercent(percentText)
		if !ok || bp == 0 || bp > 10000 {
			return doc, "", invalid(req.action+".percent", "adjust.error_percent")
		}
		var err error
		if minor, err = doc.DiscountForPercent(bp); err != nil {
			return doc, "", err
		}
		note = h.note(t, "notes.discount_percent", "rate", i18n.Percent(bp), "amount", i18n.Money(minor, t.Currency))
	}
	changed, err := doc.WithDiscount(minor)
	if errors.Is(err, estimate.ErrNegativeSubtotal) {
		return doc, "", invalid(req.action+".amount", "adjust.error_discount_too_large")
	}
	if err != nil {
		return doc, "", err
	}
	return changed, note, nil
}

func (h *Handler) adjustRemove(t store.Task, doc estimate.Document, req adjustRequest) (estimate.Document, string, error) {
	keyword := strings.TrimSpace(req.values[req.action+".keyword"])
	keys, names, err := pickedLines(doc, req)
	if err != nil {
		return doc, "", err
	}
	if keyword != "" {
		for _, k := range doc.KeysMatching(keyword) {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
				names = append(names, doc.Lines[doc.LineIndex(k)].Name)
			}
		}
		if len(keys) == 0 {
			return doc, "", invalid(req.action+".keyword", "adjust.error_no_match", "keyword", keyword)
		}
	}
	if len(keys) == 0 {
		return doc, "", invalid(req.action+".keyword", "adjust.error_remove_none")
	}
	changed, err := doc.Without(keys)
	switch {
	case errors.Is(err, estimate.ErrNoLines):
		return doc, "", invalid(req.action+".keyword", "adjust.error_remove_all")
	case errors.Is(err, estimate.ErrNegativeSubtotal):
		return doc, "", invalid(req.action+".keyword", "adjust.error_remove_discount")
	case err != nil:
		return doc, "", err
	}
	return changed, h.note(t, "notes.remove", "lines", h.joinNames(t, names)), nil
}

// pickedLines are the keys and names of the lines picked by position; a position the revision
// does not have is a field error.
func pickedLines(doc estimate.Document, req adjustRequest) (keys, names []string, err error) {
	for _, n := range req.lines {
		if n > len(doc.Lines) {
			return nil, nil, invalid(req.action+".line", "adjust.error_line", "n", n)
		}
		if l := doc.Lines[n-1]; !slices.Contains(keys, l.Key) {
			keys, names = append(keys, l.Key), append(names, l.Name)
		}
	}
	return keys, names, nil
}

// joinNames lists deliverable names the way the task's language does.
func (h *Handler) joinNames(t store.Task, names []string) string {
	return strings.Join(names, h.note(t, "notes.list_separator"))
}

// parseMoneyField reads an amount as people type it; anything else is a field error that says
// what is accepted.
func parseMoneyField(field, text, currency string) (int64, error) {
	minor, err := estimate.ParseAmount(text, currency)
	switch {
	case errors.Is(err, estimate.ErrAmountEmpty):
		return 0, invalid(field, "adjust.error_amount_empty")
	case errors.Is(err, estimate.ErrAmountCurrency):
		return 0, invalid(field, "adjust.error_amount_currency", "currency", currency)
	case errors.Is(err, estimate.ErrAmountFraction):
		return 0, invalid(field, "adjust.error_amount_fraction")
	case errors.Is(err, estimate.ErrAmountNegative):
		return 0, invalid(field, "adjust.error_amount_negative")
	case errors.Is(err, estimate.ErrAmountTooLarge):
		return 0, invalid(field, "adjust.error_amount_too_large")
	case err != nil:
		return 0, invalid(field, "adjust.error_amount_syntax", "text", text)
	case minor == 0:
		return 0, invalid(field, "adjust.error_amount_zero")
	}
	return minor, nil
}

// renderAdjustError shows the quick adjustments again with the field that needs fixing: the panel
// alone for htmx, the whole task page otherwise. Nothing was stored.
func (h *Handler) renderAdjustError(w http.ResponseWriter, r *http.Request, t store.Task, a views.AdjustView) error {
	if wantsFragment(r) {
		return h.render(w, r, http.StatusUnprocessableEntity, views.AdjustPanel(a), nil)
	}
	return h.renderTaskWith(w, r, t, http.StatusUnprocessableEntity, func(e *views.ResultView) { e.Adjust = a })
}
