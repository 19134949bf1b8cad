package views

import (
	"context"

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
