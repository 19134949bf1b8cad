package handlers

import (
	"io"
	"net/http"
)

// maxDrainBytes bounds what drainBody reads of a refused request's body: an upload a few times
// over its limit (a 64 MB video chosen by mistake) still gets the 413 page; a bigger body only
// costs its sender a closed connection.
const maxDrainBytes = 64 << 20

// drainBody reads and drops what is left of the request body, up to maxDrainBytes, before an
// error is answered. A reverse proxy such as Apache's mod_proxy_http sends the whole body before
// it reads the answer: if the app answered and closed the connection while the body was still
// arriving, the proxy would see the connection reset and answer 502 on its own, and the browser
// would never see our page (a 413 for an upload over the limit, a 403, a 404). Reading is bounded
// in time too, by the connection's read deadline.
func drainBody(r *http.Request) {
	if r.Body == nil {
		return
	}
	// An error ends the drain and changes nothing: the client left or the deadline passed, and the
	// server closes a connection whose body was not read to its end anyway.
	_, _ = io.CopyN(io.Discard, r.Body, maxDrainBytes)
}
