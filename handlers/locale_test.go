package handlers

import (
	"net/http"
	"strings"
	"testing"
)

func htmlLang(t *testing.T, body string) string {
	t.Helper()
	return parseHTML(t, body).Find("html").AttrOr("lang", "")
}

func TestLanguageChoice(t *testing.T) {
	t.Run("DefaultIsLANGUAGE", func(t *testing.T) {
		e := newTestEnv(t, func(d *Deps) { d.DefaultLang = "en" })
		_, body := e.get(t, "/")
		if got := htmlLang(t, body); got != "en" {
			t.Errorf("lang = %q, want en", got)
		}
	})
	t.Run("AcceptLanguage", func(t *testing.T) {
		e := newTestEnv(t, nil)
		_, body := e.get(t, "/", "Accept-Language: en-GB,en;q=0.9,ja;q=0.5")
		if got := htmlLang(t, body); got != "en" {
			t.Errorf("lang = %q, want en", got)
		}
		_, body = e.get(t, "/", "Accept-Language: fr-FR")
		if got := htmlLang(t, body); got != "ja" {
			t.Errorf("unsupported Accept-Language: lang = %q, want the default ja", got)
		}
	})
	t.Run("QueryIsRememberedInTheSession", func(t *testing.T) {
		e := newTestEnv(t, nil)
		resp, body := e.get(t, "/?lang=en", "Accept-Language: ja")
		if got := htmlLang(t, body); got != "en" {
			t.Fatalf("?lang=en: lang = %q", got)
		}
		if len(resp.Cookies()) != 1 {
			t.Fatalf("?lang=en set %d cookies, want the session cookie", len(resp.Cookies()))
		}
		// The session now wins over Accept-Language.
		_, body = e.get(t, "/tasks", "Accept-Language: ja")
		if got := htmlLang(t, body); got != "en" {
			t.Errorf("after ?lang=en: lang = %q, want en from the session", got)
		}
		// And switches back.
		e.get(t, "/?lang=ja")
		_, body = e.get(t, "/tasks", "Accept-Language: en")
		if got := htmlLang(t, body); got != "ja" {
			t.Errorf("after ?lang=ja: lang = %q, want ja", got)
		}
	})
	t.Run("UnsupportedQueryIsIgnored", func(t *testing.T) {
		e := newTestEnv(t, nil)
		resp, body := e.get(t, "/?lang=xx", "Accept-Language: en")
		wantStatus(t, resp, http.StatusOK)
		if got := htmlLang(t, body); got != "en" {
			t.Errorf("lang = %q, want en from Accept-Language", got)
		}
		if len(resp.Cookies()) != 0 {
			t.Error("an unsupported language was stored")
		}
	})
	t.Run("UndecodableCookieIsIgnored", func(t *testing.T) {
		e := newTestEnv(t, nil)
		resp, body := e.get(t, "/", "Cookie: "+sessionCookie+"=garbage", "Accept-Language: en")
		wantStatus(t, resp, http.StatusOK)
		if got := htmlLang(t, body); got != "en" {
			t.Errorf("lang = %q, want en", got)
		}
	})
}

func TestLanguageSwitchLinks(t *testing.T) {
	e := newTestEnv(t, nil)
	_, body := e.get(t, "/tasks?page=2")
	links := parseHTML(t, body).Find(".lang-switch a")
	if links.Length() != 2 {
		t.Fatalf("%d language links, want 2", links.Length())
	}
	ja, en := links.Eq(0), links.Eq(1)
	if ja.AttrOr("href", "") != "/tasks?lang=ja&page=2" || en.AttrOr("href", "") != "/tasks?lang=en&page=2" {
		t.Errorf("links = %q, %q: want the current page with lang set", ja.AttrOr("href", ""), en.AttrOr("href", ""))
	}
	if ja.AttrOr("aria-current", "") != "true" || en.AttrOr("aria-current", "") != "false" {
		t.Error("the current language is not marked")
	}
	if en.AttrOr("hx-boost", "") != "false" || strings.TrimSpace(en.Text()) != "English" || strings.TrimSpace(ja.Text()) != "日本語" {
		t.Errorf("language link: boost=%q text=%q/%q", en.AttrOr("hx-boost", ""), ja.Text(), en.Text())
	}
}

func TestSessionCookieFlags(t *testing.T) {
	cookieFor := func(t *testing.T, e *testEnv, headers ...string) *http.Cookie {
		t.Helper()
		e.client.Jar = nil // every call starts without a session, so each one sets the cookie
		resp, _ := e.get(t, "/?lang=en", headers...)
		for _, c := range resp.Cookies() {
			if c.Name == sessionCookie {
				return c
			}
		}
		t.Fatal("no session cookie")
		return nil
	}
	e := newTestEnv(t, nil)
	c := cookieFor(t, e)
	if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure || c.Path != "/" {
		t.Errorf("plain HTTP cookie: HttpOnly=%v SameSite=%v Secure=%v Path=%q", c.HttpOnly, c.SameSite, c.Secure, c.Path)
	}
	if c := cookieFor(t, e, "X-Forwarded-Proto: https"); !c.Secure {
		t.Error("behind a trusted HTTPS proxy the cookie must be Secure")
	}
	untrusted := newTestEnv(t, func(d *Deps) { d.TrustedProxies = nil })
	if c := cookieFor(t, untrusted, "X-Forwarded-Proto: https"); c.Secure {
		t.Error("X-Forwarded-Proto from an untrusted peer was believed")
	}
}
