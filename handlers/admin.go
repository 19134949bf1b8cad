package handlers

import (
	"errors"
	"fmt"
	"net/http"
	"time"
	"unicode/utf8"

	"estimator/i18n"
	"estimator/store"
	"estimator/views"
)

// adminShow is the operators' page.
func (h *Handler) adminShow(w http.ResponseWriter, r *http.Request) error {
	return h.renderAdmin(w, r, http.StatusOK, views.AdminDeleteForm{})
}

// adminDeleteTask deletes the task named in the form, keeping the reason and the admin's address
// in its audit record. A form that names no existing task, or gives no reason, comes back with its
// errors (422) and nothing is deleted.
func (h *Handler) adminDeleteTask(w http.ResponseWriter, r *http.Request) error {
	if err := h.parseTextForm(w, r); err != nil {
		return err
	}
	f := views.AdminDeleteForm{TaskID: clipped(r.PostForm.Get("task_id"), 36),
		Reason: clipped(r.PostForm.Get("reason"), adminMaxReasonRune), Errors: map[string]views.Msg{}}
	if !store.ValidTaskID(f.TaskID) {
		f.Errors["task_id"] = views.M("admin.task_id_invalid")
	}
	switch n := utf8.RuneCountInString(f.Reason); {
	case n == 0:
		f.Errors["reason"] = views.M("admin.reason_required")
	case n > adminMaxReasonRune:
		f.Errors["reason"] = views.M("admin.reason_too_long", "max", adminMaxReasonRune)
	}
	if len(f.Errors) > 0 {
		return h.renderAdmin(w, r, http.StatusUnprocessableEntity, f)
	}
	d := store.Deletion{By: store.DeletedByAdmin, Client: h.clientIP(r), Reason: f.Reason, At: time.Now()}
	err := h.store.DeleteTask(r.Context(), f.TaskID, d)
	if errors.Is(err, store.ErrNotFound) {
		f.Errors["task_id"] = views.M("admin.task_not_found")
		return h.renderAdmin(w, r, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return fmt.Errorf("admin: delete task %s: %w", f.TaskID, err)
	}
	h.log.InfoContext(r.Context(), "task deleted by an admin", "task_id", f.TaskID)
	h.addFlash(w, r, i18n.T(r.Context(), "admin.deleted", "id", f.TaskID))
	return redirectAfterPost(w, r, "/admin")
}

// renderAdmin renders the admin page with the delete form f.
func (h *Handler) renderAdmin(w http.ResponseWriter, r *http.Request, status int, f views.AdminDeleteForm) error {
	v, err := h.adminView(r.Context(), time.Now(), f)
	if err != nil {
		return err
	}
	s := h.shell(r, i18n.T(r.Context(), "admin.title"), "")
	s.Flash = h.popFlash(w, r)
	return h.render(w, r, status, views.AdminPage(s, v), nil)
}
