package i18n

import "context"

// Locale is a Bundle bound to one language: what a request carries so that handlers and views
// translate without passing the language around. The zero Locale is usable; it translates
// nothing (every key comes back as "⟦key⟧") and reports Japanese.
type Locale struct {
	bundle *Bundle
	lang   string
}

// Locale binds b to lang. An unsupported lang gives Japanese, the product's default language,
// so that a stale session or a hand-edited ?lang= still yields a working page.
func (b *Bundle) Locale(lang string) Locale {
	if !Supported(lang) {
		lang = Japanese
	}
	return Locale{bundle: b, lang: lang}
}

// Lang returns the locale's language code.
func (l Locale) Lang() string {
	if l.lang == "" {
		return Japanese
	}
	return l.lang
}

// T translates key in the locale's language; see Bundle.T.
func (l Locale) T(key string, args ...any) string {
	return l.bundle.T(l.lang, key, args...)
}

type localeKey struct{}

// WithLocale returns a copy of ctx carrying l.
func WithLocale(ctx context.Context, l Locale) context.Context {
	return context.WithValue(ctx, localeKey{}, l)
}

// LocaleFrom returns the locale stored by WithLocale, reporting whether there was one.
func LocaleFrom(ctx context.Context) (Locale, bool) {
	l, ok := ctx.Value(localeKey{}).(Locale)
	return l, ok
}

// T translates key in the context's locale. Without one, every key comes back as "⟦key⟧", which
// makes a handler that skipped the locale middleware obvious on the page.
func T(ctx context.Context, key string, args ...any) string {
	l, _ := LocaleFrom(ctx)
	return l.T(key, args...)
}

// Lang returns the context's language, Japanese when the context has no locale.
func Lang(ctx context.Context) string {
	l, _ := LocaleFrom(ctx)
	return l.Lang()
}
