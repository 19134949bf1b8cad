package handlers

import "net/http"

// wantsFragment reports whether htmx asked for a partial swap. Boosted navigation and
// history-restore requests need a whole document.
func wantsFragment(r *http.Request) bool {
	return r.Header.Get("HX-Request") == "true" &&
		r.Header.Get("HX-Boosted") != "true" &&
		r.Header.Get("HX-History-Restore-Request") != "true"
}

// redirectAfterPost sends the browser to url after a successful POST: 303 for plain and boosted
// requests; for targeted htmx requests HX-Redirect with 200, because a 3xx would be followed
// inside the XHR and the next page swapped into the target.
func redirectAfterPost(w http.ResponseWriter, r *http.Request, url string) error {
	if wantsFragment(r) {
		w.Header().Set("HX-Redirect", url)
		w.WriteHeader(http.StatusOK)
		return nil
	}
	http.Redirect(w, r, url, http.StatusSeeOther)
	return nil
}
