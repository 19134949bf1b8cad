package handlers

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"

	"github.com/gorilla/sessions"

	"estimator/i18n"
)

const (
	sessionCookie = "estimator_session"
	sessionLang   = "lang"
	// sessionMaxAge keeps the visitor's language choice for a year.
	sessionMaxAge = 365 * 24 * 60 * 60
)

// NewSessionSecret makes a random secret for deployments that set no SESSION_SECRET.
func NewSessionSecret() (string, error) {
	b := make([]byte, 48)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// newSessionStore derives separate signing and encryption keys from one secret, so operators
// manage a single value.
func newSessionStore(secret string) (*sessions.CookieStore, error) {
	if len(secret) < 32 {
		return nil, errors.New("handlers: session secret must be at least 32 characters")
	}
	hashKey := sha256.Sum256([]byte("estimator session signing\x00" + secret))
	blockKey := sha256.Sum256([]byte("estimator session encryption\x00" + secret))
	cs := sessions.NewCookieStore(hashKey[:], blockKey[:])
	cs.Options = &sessions.Options{
		Path:     "/",
		MaxAge:   sessionMaxAge,
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
	}
	cs.MaxAge(sessionMaxAge)
	return cs, nil
}

// withLocale chooses the request's language: ?lang= (remembered in the session), else the
// session, else Accept-Language, else LANGUAGE. The locale travels in the request context.
func (h *Handler) withLocale(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := ""
		// Without a cookie there is no session to read: skip the decoding entirely.
		_, cookieErr := r.Cookie(sessionCookie)
		q := r.URL.Query().Get("lang")
		if cookieErr == nil || i18n.Supported(q) {
			// A cookie that no longer decodes (rotated secret) just yields a fresh session.
			sess, _ := h.sessions.Get(r, sessionCookie)
			stored, _ := sess.Values[sessionLang].(string)
			switch {
			case i18n.Supported(q):
				lang = q
				// Only a safe request changes the remembered choice.
				if stored != q && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
					sess.Values[sessionLang] = q
					h.saveSession(w, r, sess)
				}
			case i18n.Supported(stored):
				lang = stored
			}
		}
		if lang == "" {
			if m, ok := i18n.MatchAcceptLanguage(r.Header.Get("Accept-Language")); ok {
				lang = m
			} else {
				lang = h.defaultLang
			}
		}
		w.Header().Add("Vary", "Accept-Language, Cookie")
		next.ServeHTTP(w, r.WithContext(i18n.WithLocale(r.Context(), h.i18n.Locale(lang).In(h.zone))))
	})
}

// rememberLang keeps lang as the visitor's choice, for a POST that is itself the choice (the
// language switch of the new-estimate form); withLocale remembers only safe requests' ?lang=.
func (h *Handler) rememberLang(w http.ResponseWriter, r *http.Request, lang string) {
	if !i18n.Supported(lang) {
		return
	}
	sess, _ := h.sessions.Get(r, sessionCookie)
	sess.Values[sessionLang] = lang
	h.saveSession(w, r, sess)
}

// addFlash keeps a message for the next page the visitor sees (after a redirect).
func (h *Handler) addFlash(w http.ResponseWriter, r *http.Request, text string) {
	sess, _ := h.sessions.Get(r, sessionCookie)
	sess.AddFlash(text)
	h.saveSession(w, r, sess)
}

// popFlash returns and forgets the kept messages. Without a session cookie there are none.
func (h *Handler) popFlash(w http.ResponseWriter, r *http.Request) []string {
	if _, err := r.Cookie(sessionCookie); err != nil {
		return nil
	}
	sess, _ := h.sessions.Get(r, sessionCookie)
	flashes := sess.Flashes()
	if len(flashes) == 0 {
		return nil
	}
	h.saveSession(w, r, sess)
	out := make([]string, 0, len(flashes))
	for _, f := range flashes {
		if s, ok := f.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (h *Handler) saveSession(w http.ResponseWriter, r *http.Request, sess *sessions.Session) {
	sess.Options.Secure = h.isHTTPS(r)
	if err := sess.Save(r, w); err != nil {
		h.log.WarnContext(r.Context(), "could not save the session", "error", err)
	}
}
