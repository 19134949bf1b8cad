package handlers

import "net/http"

// wantsFragment reports whether htmx asked for a partial swap. Boosted navigation and
// history-restore requests need a whole document.
func wantsFragment(r *http.Request) bool {
	return r.Header.Get("HX-Request") == "true" &&
		r.Header.Get("HX-Boosted") != "true" &&
		r.Header.Get("HX-History-Restore-Request") != "true"
}
