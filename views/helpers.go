package views

import (
	"context"

	"github.com/a-h/templ"

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
	return templ.Attributes{
		"hx-get":     "/tasks/" + e.TaskID + "/estimate?status=" + e.Status,
		"hx-trigger": "every 1s",
		"hx-swap":    "outerHTML",
	}
}
