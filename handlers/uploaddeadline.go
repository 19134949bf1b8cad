package handlers

import (
	"net/http"
	"time"
)

// The routes that take a file (a spreadsheet, a seal or a logo) give the client more time to send
// its request than the server gives any other request (main.go: ReadTimeout, WriteTimeout). A
// file of MAX_UPLOAD_SIZE_MB needs minutes over a slow link, while a short read timeout
// everywhere else keeps a client that trickles its request (slowloris) from holding connections
// open. docs/deploy.md states the limit.
const (
	// uploadReadTimeout is how long a request to an upload route may take to arrive whole:
	// a 10 MB file at 12 KB/s.
	uploadReadTimeout = 15 * time.Minute
	// uploadWriteTimeout leaves time to answer once the body is in.
	uploadWriteTimeout = uploadReadTimeout + 2*time.Minute
)

// allowSlowUpload extends the connection's read and write deadlines for one request to an upload
// route. It runs after the Host check and the cross-origin protection, so a refused request
// keeps the server's short deadlines.
func (h *Handler) allowSlowUpload(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		now := time.Now()
		rc := http.NewResponseController(w)
		if err := rc.SetReadDeadline(now.Add(uploadReadTimeout)); err != nil {
			// The server's own deadline stays: a slow upload may be cut off, nothing worse.
			h.log.WarnContext(r.Context(), "could not extend the read deadline of an upload", "error", err)
		} else if err := rc.SetWriteDeadline(now.Add(uploadWriteTimeout)); err != nil {
			h.log.WarnContext(r.Context(), "could not extend the write deadline of an upload", "error", err)
		}
		next.ServeHTTP(w, r)
	})
}
