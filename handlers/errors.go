package handlers

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"estimator/i18n"
	"estimator/store"
	"estimator/views"
)

// appHandler is a handler that returns its error instead of writing it; wrap sends every error
// through serveError, the one place that picks status, page, fragment or JSON, and logs.
type appHandler func(w http.ResponseWriter, r *http.Request) error

func (h *Handler) wrap(f appHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := f(w, r); err != nil {
			h.serveError(w, r, err)
		}
	})
}

// httpError is an error with a status and a user-safe, translated explanation. err is for the
// log only.
type httpError struct {
	status   int
	titleKey string
	bodyKey  string
	args     []any
	err      error
}

func (e *httpError) Error() string {
	if e.err != nil {
		return fmt.Sprintf("%d %s: %v", e.status, e.bodyKey, e.err)
	}
	return fmt.Sprintf("%d %s", e.status, e.bodyKey)
}

func (e *httpError) Unwrap() error { return e.err }

var (
	errNotFound         = &httpError{status: http.StatusNotFound, titleKey: "error.not_found_title", bodyKey: "error.not_found_body"}
	errMethodNotAllowed = &httpError{status: http.StatusMethodNotAllowed, titleKey: "error.method_title", bodyKey: "error.method_body"}
	errCrossOrigin      = &httpError{status: http.StatusForbidden, titleKey: "error.forbidden_title", bodyKey: "error.cross_origin_body"}
	errWrongHost        = &httpError{status: http.StatusMisdirectedRequest, titleKey: "error.forbidden_title", bodyKey: "error.wrong_host_body"}
)

func (h *Handler) notFound(http.ResponseWriter, *http.Request) error { return errNotFound }

// methodNotAllowed answers 405 with the Allow header listing the methods the path does accept.
func methodNotAllowed(router *mux.Router) appHandler {
	return func(w http.ResponseWriter, r *http.Request) error {
		var allowed []string
		for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost} {
			probe := r.Clone(r.Context())
			probe.Method = m
			var match mux.RouteMatch
			if router.Match(probe, &match) && match.MatchErr == nil {
				allowed = append(allowed, m)
			}
		}
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		return errMethodNotAllowed
	}
}

// classify maps any error to what the user is told.
func classify(err error) *httpError {
	var he *httpError
	switch {
	case errors.As(err, &he):
		return he
	case errors.Is(err, store.ErrNotFound):
		return &httpError{status: http.StatusNotFound, titleKey: errNotFound.titleKey, bodyKey: errNotFound.bodyKey, err: err}
	case errors.Is(err, store.ErrConflict):
		// The task moved on meanwhile (another tab, a finished run): nothing was changed.
		return &httpError{status: http.StatusConflict, titleKey: "error.conflict_title", bodyKey: "error.conflict_body", err: err}
	}
	return &httpError{status: http.StatusInternalServerError, titleKey: "error.server_title", bodyKey: "error.server_body", err: err}
}

// serveError logs err and answers with the matching status as JSON (API), an htmx fragment or a
// whole page. Internal details never reach the response.
func (h *Handler) serveError(w http.ResponseWriter, r *http.Request, err error) {
	ctx := r.Context()
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		// The client went away (closed the tab, navigated on): nobody is left to answer.
		h.log.DebugContext(ctx, "client gone before the response", "path", r.URL.Path, "error", err)
		return
	}
	drainBody(r)
	he := classify(err)
	if he.status >= 500 {
		h.log.ErrorContext(ctx, "request failed", "method", r.Method, "path", r.URL.Path, "error", err)
	} else {
		h.log.DebugContext(ctx, "request refused", "status", he.status, "error", err)
	}
	if strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == "/health" {
		if werr := writeJSON(w, he.status, map[string]string{
			"error":      i18n.T(ctx, he.bodyKey, he.args...),
			"request_id": RequestID(ctx),
		}); werr != nil {
			h.log.WarnContext(ctx, "could not write an error response", "error", werr)
		}
		return
	}
	ev := views.ErrorView{Status: he.status, TitleKey: he.titleKey, BodyKey: he.bodyKey, BodyArgs: he.args, RequestID: RequestID(ctx)}
	page := views.ErrorPage(h.shell(r, i18n.T(ctx, he.titleKey), ""), ev)
	if rerr := h.render(w, r, he.status, page, views.ErrorFragment(ev)); rerr != nil {
		h.log.ErrorContext(ctx, "could not render the error page", "error", rerr)
		http.Error(w, http.StatusText(he.status), he.status)
	}
}
