package views

import (
	"context"
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"estimator/estimate"
	"estimator/i18n"
)

// pageTitle is "Page – Estimator", or the product name and tagline on the home page.
func pageTitle(ctx context.Context, s Shell) string {
	if s.Title == "" {
		return i18n.T(ctx, "app.name") + " – " + i18n.T(ctx, "app.tagline")
	}
	return s.Title + " – " + i18n.T(ctx, "app.name")
}

// current returns the aria-current value: the given token when ok, else "false", which ARIA
// defines as "not the current item".
func current(ok bool, value string) string {
	if ok {
		return value
	}
	return "false"
}

// invalid is the aria-invalid value of a form field.
func invalid(f TaskFormView, field string) string {
	_, bad := f.Errors[field]
	return boolString(bad)
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// honorificOptions are the choices after a client's name: 御中 for an organisation, 様 for a
// person, or nothing.
func honorificOptions(ctx context.Context) []Option {
	return []Option{
		{Value: "onchu", Label: i18n.T(ctx, "form.honorific_onchu")},
		{Value: "sama", Label: i18n.T(ctx, "form.honorific_sama")},
		{Value: "", Label: i18n.T(ctx, "form.honorific_none")},
	}
}

// phaseKeys are the five phases in display order; catalog entries phase.<key>.
var phaseKeys = [5]string{"requirements", "design", "implementation", "testing", "documentation"}

// pollAttrs make the estimate section poll itself while work is pending. The status it was
// rendered with goes along, so the server can tell the page to reload when it changed.
func pollAttrs(e EstimateView) templ.Attributes {
	if !e.Pending() {
		return nil
	}
	url := "/tasks/" + e.TaskID + "/estimate?status=" + e.Status
	if e.Result != nil {
		url += "&revision=" + strconv.Itoa(e.Result.Revision.Number)
	}
	if e.Version > 0 {
		url += "&version=" + strconv.FormatInt(e.Version, 10)
	}
	return templ.Attributes{
		"hx-get":     url,
		"hx-trigger": "every 1s",
		"hx-swap":    "outerHTML",
	}
}

// signedMoney shows an amount taken off (a discount) as ▲ and its magnitude, as Japanese business
// documents do in both languages of this product; other amounts as usual.
func signedMoney(minor int64, currency string) string {
	if minor < 0 {
		return "▲" + i18n.Money(-minor, currency)
	}
	return i18n.Money(minor, currency)
}

// sourceLabel says where a line's figures come from: typed by hand, the offline engine, or a model.
func sourceLabel(ctx context.Context, l ResultLine) string {
	switch {
	case l.Manual():
		return i18n.T(ctx, "lines.source_manual")
	case l.Offline():
		return i18n.T(ctx, "estimate.engine_offline")
	case l.Model != "":
		return i18n.T(ctx, "estimate.engine_model", "model", l.Model)
	}
	return i18n.T(ctx, "lines.source_ai")
}

// taskMainAttrs are the task page's hooks on <main>: the task, its status and, once there is one,
// the revision shown. Prices are on the page, so htmx keeps no history snapshot of it.
func taskMainAttrs(t TaskView, e EstimateView) templ.Attributes {
	attrs := templ.Attributes{"data-task-id": t.ID, "data-status": t.Status, "hx-history": "false"}
	if e.Result != nil {
		attrs["data-revision"] = strconv.Itoa(e.Result.Revision.Number)
	}
	return attrs
}

// deltaClass colours a change: up (dearer, more days) or down.
func deltaClass(delta int64) string {
	switch {
	case delta > 0:
		return "delta-up"
	case delta < 0:
		return "delta-down"
	}
	return "delta-none"
}

// deltaMoney shows a change of an amount with its sign: +¥10,000, -¥10,000, ±¥0.
func deltaMoney(delta int64, currency string) string {
	switch {
	case delta > 0:
		return "+" + i18n.Money(delta, currency)
	case delta < 0:
		return i18n.Money(delta, currency)
	}
	return "±" + i18n.Money(0, currency)
}

// deltaDays shows a change of person-days with its sign.
func deltaDays(delta int64) string {
	switch {
	case delta > 0:
		return "+" + i18n.Days(delta)
	case delta < 0:
		return i18n.Days(delta)
	}
	return "±" + i18n.Days(0)
}

// deleteURL is where deleting a task posts; back, a page of the list, is where it returns after.
func deleteURL(taskID, back string) string {
	u := "/tasks/" + taskID + "/delete"
	if back != "" {
		u += "?" + url.Values{"return": {back}}.Encode()
	}
	return u
}

// chatPollAttrs make the chat poll itself while a reply is being written.
func chatPollAttrs(c ChatView) templ.Attributes {
	if !c.Pending() {
		return nil
	}
	return templ.Attributes{"hx-get": "/tasks/" + c.TaskID + "/chat", "hx-trigger": "every 1s", "hx-swap": "outerHTML"}
}

// addingState is a deliverable being added: "pending" while the engine estimates it, "failed".
func addingState(a AddingLine) string {
	if a.Failed {
		return "failed"
	}
	return "pending"
}

// quoteURL is the address of a quotation format (".pdf", ".xlsx", ".csv", or "" for the print
// page) of revision rev.
func quoteURL(taskID string, rev int, format string) string {
	return "/tasks/" + taskID + "/quote" + format + "?rev=" + strconv.Itoa(rev)
}

// pngDataURL embeds a PNG image in the page (the Content-Security-Policy allows data: images), so
// the printed document needs nothing else from the server.
func pngDataURL(png []byte) templ.SafeURL {
	return templ.SafeURL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
}

// discountText shows a quotation's discount as its documents do: ▲ in Japanese, a minus sign in
// English, whose readers do not know ▲.
func discountText(q estimate.Quote) string {
	if q.Lang == "ja" {
		return "▲" + q.Money(q.Totals.DiscountMinor)
	}
	return q.Money(-q.Totals.DiscountMinor)
}

// reasoningBasis is the part of a line's reasoning a client may read: everything before the first
// blank line. Engines put the calculation steps after it, shown folded (reasoningSteps).
func reasoningBasis(reasoning string) string {
	basis, _, _ := strings.Cut(reasoning, "\n\n")
	return basis
}

// reasoningSteps is what follows the first blank line of a line's reasoning; "" when there is none.
func reasoningSteps(reasoning string) string {
	_, steps, _ := strings.Cut(reasoning, "\n\n")
	return steps
}
