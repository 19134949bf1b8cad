package handlers

import (
	"encoding/json"
	"net/http"
)

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

// showTask sends the browser to the task page after a change, scrolled to anchor (an element id).
// Plain and boosted requests get a 303 to /tasks/{id}#anchor. For targeted htmx requests an
// HX-Redirect would not reload a page whose address differs only in the fragment, so htmx is told
// to load the page itself (HX-Location), swap it in whole and scroll to the anchor.
func showTask(w http.ResponseWriter, r *http.Request, taskID, anchor string) error {
	path := "/tasks/" + taskID
	if !wantsFragment(r) {
		http.Redirect(w, r, path+"#"+anchor, http.StatusSeeOther)
		return nil
	}
	loc, err := json.Marshal(map[string]string{"path": path, "target": "body", "swap": "innerHTML show:#" + anchor + ":top"})
	if err != nil {
		return err
	}
	w.Header().Set("HX-Location", string(loc))
	w.WriteHeader(http.StatusOK)
	return nil
}
