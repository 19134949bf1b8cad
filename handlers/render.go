package handlers

import (
	"bytes"
	"net/http"
	"net/url"
	"path"
	"strconv"

	"github.com/a-h/templ"

	"estimator/i18n"
	"estimator/views"
)

// render writes page, or fragment when htmx asked for one. It renders into a buffer first, so a
// template error becomes a clean error page instead of half a document.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, page, fragment templ.Component) error {
	buf := h.buffers.Get().(*bytes.Buffer)
	defer h.putBuffer(buf)
	if err := renderTo(buf, w, r, page, fragment); err != nil {
		return err
	}
	return writeHTML(w, status, buf.Bytes())
}

// renderTo renders into buf the representation r asks for: fragment for htmx when there is one,
// page otherwise.
func renderTo(buf *bytes.Buffer, w http.ResponseWriter, r *http.Request, page, fragment templ.Component) error {
	varyOnHTMX(w, r, fragment != nil)
	c := page
	if fragment != nil && wantsFragment(r) {
		c = fragment
	}
	return c.Render(r.Context(), buf)
}

// varyOnHTMX tells caches that the response differs for htmx: one URL, two representations.
func varyOnHTMX(w http.ResponseWriter, r *http.Request, hasFragment bool) {
	if hasFragment || wantsFragment(r) {
		w.Header().Add("Vary", "HX-Request")
	}
}

// writeHTML sends a rendered page.
func writeHTML(w http.ResponseWriter, status int, body []byte) error {
	hdr := w.Header()
	hdr.Set("Content-Type", "text/html; charset=utf-8")
	hdr.Set("Cache-Control", "private, no-cache")
	// The whole body is known: a length lets the server skip chunked encoding.
	hdr.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, err := w.Write(body)
	return err
}

// maxPooledBuffer keeps an unusually large page's buffer from staying in the pool for good. The
// page of a task of 500 lines is about 1 MB; a buffer grown for it is kept for the next one
// rather than grown again from nothing (a pool empties itself within two garbage collections).
const maxPooledBuffer = 2 << 20

func (h *Handler) putBuffer(buf *bytes.Buffer) {
	if buf.Cap() > maxPooledBuffer {
		return
	}
	buf.Reset()
	h.buffers.Put(buf)
}

// shell builds the layout's view model for this request.
func (h *Handler) shell(r *http.Request, title, nav string) views.Shell {
	lang := i18n.Lang(r.Context())
	page := langPage(h.router, r)
	langs := make([]views.LangLink, 0, 2)
	for _, code := range []string{i18n.Japanese, i18n.English} {
		langs = append(langs, views.LangLink{
			Code:    code,
			Label:   h.i18n.T(code, "lang."+code),
			URL:     withQuery(page, "lang", code),
			Current: code == lang,
		})
	}
	return views.Shell{
		Lang:    lang,
		Title:   title,
		Nav:     nav,
		Assets:  h.shellAssets,
		Langs:   langs,
		Engine:  h.engine,
		Version: h.version,
	}
}

// withQuery returns the root-relative URL of u with one query parameter set.
func withQuery(u *url.URL, key, value string) string {
	q := u.Query()
	q.Set(key, value)
	// The path is the request's, as sent: cleaned, so that "//evil.example/x" cannot become a
	// link to another site (it becomes the local /evil.example/x).
	return (&url.URL{Path: path.Clean("/" + u.Path), RawQuery: q.Encode()}).String()
}
