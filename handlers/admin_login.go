package handlers

import (
	"fmt"
	"net/http"
	"time"

	"estimator/i18n"
	"estimator/store"
	"estimator/views"
)

// adminRefusalDelay slows every wrong password down a little more, for whoever ignores the limit's
// Retry-After.
const adminRefusalDelay = 300 * time.Millisecond

// adminOnly lets a request with an admin session through and sends anyone else to the sign-in
// form.
func (h *Handler) adminOnly(f appHandler) appHandler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if !h.admin.signedIn(r) {
			http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
			return nil
		}
		return f(w, r)
	}
}

// adminLoginForm shows the sign-in form, or the admin page to someone already signed in.
func (h *Handler) adminLoginForm(w http.ResponseWriter, r *http.Request) error {
	if h.admin.signedIn(r) {
		http.Redirect(w, r, "/admin", http.StatusSeeOther)
		return nil
	}
	return h.renderAdminLogin(w, r, http.StatusOK, views.AdminLoginView{})
}

// adminLogin checks the password. Every attempt, right or wrong, takes from the client's
// allowance before the password is looked at: refusing only after a wrong one would still tell an
// attacker over the limit when a guess was right.
func (h *Handler) adminLogin(w http.ResponseWriter, r *http.Request) error {
	if err := h.parseTextForm(w, r); err != nil {
		return err
	}
	ctx, client := r.Context(), h.clientIP(r)
	// 5 attempts at once, then one every 12 seconds per client address: guessing a password of 12
	// characters or more is hopeless at that pace. The store keeps it, so instances share it.
	wait, err := h.store.TakeRate(ctx, "admin-login:"+client, store.RateLimit{Interval: time.Minute / 5, Burst: 5}, time.Now())
	if err != nil {
		return fmt.Errorf("admin sign-in rate limit: %w", err)
	}
	if wait > 0 {
		seconds := retryAfter(w, wait)
		return h.renderAdminLogin(w, r, http.StatusTooManyRequests,
			views.AdminLoginView{Error: views.M("admin.login_rate_limited", "seconds", seconds)})
	}
	if !h.admin.matches(r.PostForm.Get("password")) {
		h.log.WarnContext(ctx, "admin sign-in refused: wrong password", "remote", client)
		select {
		case <-time.After(adminRefusalDelay):
		case <-ctx.Done():
		}
		return h.renderAdminLogin(w, r, http.StatusUnauthorized, views.AdminLoginView{Error: views.M("admin.wrong_password")})
	}
	if err := h.startAdminSession(w, r); err != nil {
		return fmt.Errorf("start the admin session: %w", err)
	}
	h.log.InfoContext(ctx, "admin signed in", "remote", client)
	return redirectAfterPost(w, r, "/admin")
}

// adminLogout ends the admin session, if there was one.
func (h *Handler) adminLogout(w http.ResponseWriter, r *http.Request) error {
	if err := h.endAdminSession(w, r); err != nil {
		return fmt.Errorf("end the admin session: %w", err)
	}
	h.addFlash(w, r, i18n.T(r.Context(), "admin.signed_out"))
	return redirectAfterPost(w, r, "/admin/login")
}

func (h *Handler) renderAdminLogin(w http.ResponseWriter, r *http.Request, status int, v views.AdminLoginView) error {
	s := h.shell(r, i18n.T(r.Context(), "admin.login_title"), "")
	s.Flash = h.popFlash(w, r)
	return h.render(w, r, status, views.AdminLoginPage(s, v), nil)
}
