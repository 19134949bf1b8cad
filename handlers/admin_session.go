package handlers

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"

	"github.com/gorilla/sessions"
)

const (
	// adminCookie is the admin session, apart from the visitor's session: signing in to /admin
	// never turns a visitor's cookie into an admin's, and signing out leaves the language alone.
	adminCookie   = "estimator_admin"
	adminSignedIn = "admin"
	// adminMaxAge ends an admin session after a working day. The time is signed into the cookie,
	// so the server refuses an older cookie even when a browser keeps sending it.
	adminMaxAge = 8 * 60 * 60
)

// adminAuth checks the admin password and keeps the admin session.
type adminAuth struct {
	digest   [sha256.Size]byte // of ADMIN_PASSWORD; the password itself is not kept
	sessions *sessions.CookieStore
}

// newAdminAuth returns nil when password is empty: there is no admin page then. The cookie keys
// are derived from the session secret and the password, so changing ADMIN_PASSWORD ends every
// admin session, and no key is shared with the visitor's session.
func newAdminAuth(secret, password string) *adminAuth {
	if password == "" {
		return nil
	}
	hashKey := sha256.Sum256([]byte("estimator admin signing\x00" + secret + "\x00" + password))
	blockKey := sha256.Sum256([]byte("estimator admin encryption\x00" + secret + "\x00" + password))
	cs := sessions.NewCookieStore(hashKey[:], blockKey[:])
	cs.Options = &sessions.Options{
		Path:     "/",
		MaxAge:   adminMaxAge,
		HttpOnly: true,
		// Strict: no other site can lead the browser to an admin action carrying the cookie.
		SameSite: http.SameSiteStrictMode,
	}
	cs.MaxAge(adminMaxAge)
	return &adminAuth{digest: sha256.Sum256([]byte(password)), sessions: cs}
}

// matches compares password with ADMIN_PASSWORD in constant time. Comparing digests keeps the
// time independent of both lengths as well.
func (a *adminAuth) matches(password string) bool {
	given := sha256.Sum256([]byte(password))
	return subtle.ConstantTimeCompare(given[:], a.digest[:]) == 1
}

// signedIn reports whether r carries a valid admin session. A cookie that does not decode (from
// before a password change, too old, or forged) is simply no session.
func (a *adminAuth) signedIn(r *http.Request) bool {
	if _, err := r.Cookie(adminCookie); err != nil {
		return false
	}
	sess, err := a.sessions.Get(r, adminCookie)
	if err != nil {
		return false
	}
	ok, _ := sess.Values[adminSignedIn].(bool)
	return ok
}

// startAdminSession sets the admin session cookie, Secure when the browser's connection is HTTPS.
// Its lifetime starts again at every sign-in.
func (h *Handler) startAdminSession(w http.ResponseWriter, r *http.Request) error {
	sess, _ := h.admin.sessions.New(r, adminCookie)
	sess.Values[adminSignedIn] = true
	sess.Options.Secure = h.isHTTPS(r)
	return sess.Save(r, w)
}

// endAdminSession tells the browser to drop the admin session cookie. The cookie holds the whole
// session, so a copy taken before stays valid until it expires: the lifetime bounds that.
func (h *Handler) endAdminSession(w http.ResponseWriter, r *http.Request) error {
	sess, _ := h.admin.sessions.New(r, adminCookie)
	sess.Options.MaxAge = -1
	sess.Options.Secure = h.isHTTPS(r)
	return sess.Save(r, w)
}
