package handlers

import (
	"net/http"

	"estimator/i18n"
	"estimator/views"
)

// home shows the landing page with the new-estimate form.
func (h *Handler) home(w http.ResponseWriter, r *http.Request) error {
	return h.render(w, r, http.StatusOK, views.HomePage(h.shell(r, "", views.NavNew)), nil)
}

// tasksIndex lists the estimates.
func (h *Handler) tasksIndex(w http.ResponseWriter, r *http.Request) error {
	s := h.shell(r, i18n.T(r.Context(), "tasks.title"), views.NavTasks)
	return h.render(w, r, http.StatusOK, views.TasksPage(s), nil)
}
