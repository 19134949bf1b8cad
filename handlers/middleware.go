package handlers

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"runtime/debug"
	"strings"
	"time"

	"estimator/static"
)

// middleware wraps the router, outermost first: request ID, access log and request metrics,
// security headers, the /ui prefix, the visitor's language, panic recovery, the Host check and
// cross-origin protection (inside the language so their pages are translated).
func (h *Handler) middleware(next http.Handler) (http.Handler, error) {
	cop := http.NewCrossOriginProtection()
	for _, origin := range h.origins {
		if err := cop.AddTrustedOrigin(origin); err != nil {
			return nil, fmt.Errorf("handlers: trusted origin %q: %w", origin, err)
		}
	}
	cop.SetDenyHandler(h.wrap(func(http.ResponseWriter, *http.Request) error { return errCrossOrigin }))

	chain := cop.Handler(next)
	chain = h.checkHost(chain)
	chain = h.recoverPanics(chain)
	chain = h.withLocale(chain)
	chain = stripUIPrefix(chain)
	chain = securityHeaders(chain)
	chain = h.accessLog(chain)
	return withRequestID(chain), nil
}

// contentSecurityPolicy allows only our own files: no inline script or style, no eval, no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hdr := w.Header()
		hdr.Set("Content-Security-Policy", contentSecurityPolicy)
		hdr.Set("X-Content-Type-Options", "nosniff")
		hdr.Set("X-Frame-Options", "DENY")
		hdr.Set("Referrer-Policy", "same-origin")
		hdr.Set("Cross-Origin-Opener-Policy", "same-origin")
		hdr.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		next.ServeHTTP(w, r)
	})
}

// stripUIPrefix serves the whole UI under /ui/ as well as at /: the existing Apache maps / to
// /ui/. Links stay root-relative without /ui, so they work both ways.
//
// Behind that Apache, a /ui/ address typed or bookmarked by hand (the predecessor's page was at
// /ui/) arrives as /ui/ui/…: it is redirected to its public address, without /ui.
func stripUIPrefix(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := cutUIPrefix(r.URL.Path)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		if _, twice := cutUIPrefix(p); twice && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			for more := true; more; {
				p, more = cutUIPrefix(p)
			}
			// Cleaned, so that "/ui/ui//evil.example" cannot become a link to another site.
			target := url.URL{Path: path.Clean(p), RawQuery: r.URL.RawQuery}
			http.Redirect(w, r, target.String(), http.StatusMovedPermanently)
			return
		}
		r2 := new(http.Request)
		*r2 = *r
		u := *r.URL
		u.Path, u.RawPath = p, ""
		r2.URL = &u
		next.ServeHTTP(w, r2)
	})
}

// cutUIPrefix returns p without its leading /ui segment, and whether it had one.
func cutUIPrefix(p string) (string, bool) {
	if p != "/ui" && !strings.HasPrefix(p, "/ui/") {
		return p, false
	}
	if p = strings.TrimPrefix(p, "/ui"); p == "" {
		p = "/"
	}
	return p, true
}

// statusRecorder remembers the status and size for the access log. Unwrap lets
// http.ResponseController reach the real writer (flushing, deadlines).
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	route  string // the template of the route that matched, for the metrics (see noteRoute)
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += int64(n)
	return n, err
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// accessLog writes one line per request and counts it in the metrics.
func (h *Handler) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		elapsed := time.Since(start)
		h.metrics.ObserveRequest(rec.route, r.Method, rec.status, elapsed)
		level := slog.LevelInfo
		// Probes, assets and polls that found nothing changed (every open page asks once a
		// second) would drown the log at info level.
		if r.URL.Path == "/health" || strings.HasPrefix(r.URL.Path, static.Prefix) || rec.status == http.StatusNoContent {
			level = slog.LevelDebug
		}
		if !h.log.Enabled(r.Context(), level) {
			return
		}
		h.log.Log(r.Context(), level, "request",
			"method", r.Method, "path", r.URL.Path, "status", rec.status, "bytes", rec.bytes,
			"duration_ms", float64(elapsed.Microseconds())/1000, "remote", h.clientIP(r))
	})
}

// recoverPanics turns a panic into a logged 500 page; the server goes on serving other requests.
func (h *Handler) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				panic(p) // the server's own signal to drop the connection quietly
			}
			h.log.ErrorContext(r.Context(), "panic serving request", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			if rec.status == 0 {
				h.serveError(rec, r, fmt.Errorf("panic: %v", p))
			}
		}()
		next.ServeHTTP(rec, r)
	})
}
