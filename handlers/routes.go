package handlers

import (
	"net/http"

	"github.com/gorilla/mux"

	"estimator/static"
)

// routes is the only list of routes. Every route names its methods; anything else is a 404 or
// 405 page from the same error path as the handlers.
func (h *Handler) routes() (http.Handler, error) {
	r := mux.NewRouter()
	r.NotFoundHandler = h.wrap(h.notFound)
	r.MethodNotAllowedHandler = h.wrap(methodNotAllowed(r))

	// Operators' probe: kept exactly as the predecessor answered it.
	r.Handle("/health", h.wrap(h.health)).Methods(http.MethodGet, http.MethodHead)

	// JSON API.
	api := r.PathPrefix("/api/v1").Subrouter()
	api.Handle("/health", h.wrap(h.apiHealth)).Methods(http.MethodGet, http.MethodHead)
	api.Handle("/translations", h.wrap(h.apiTranslations)).Methods(http.MethodGet, http.MethodHead)

	// Embedded CSS, JavaScript and images.
	r.PathPrefix(static.Prefix).Handler(h.assets.Handler(r.NotFoundHandler)).Methods(http.MethodGet, http.MethodHead)

	// Pages.
	r.Handle("/", h.wrap(h.home)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/tasks", h.wrap(h.tasksIndex)).Methods(http.MethodGet, http.MethodHead)

	return h.middleware(r)
}
