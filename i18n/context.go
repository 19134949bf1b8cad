package i18n

import (
	"context"
	"time"
)

// Locale is a Bundle bound to one language: what a request carries so that handlers and views
// translate without passing the language around. The zero Locale is usable; it translates
// nothing (every key comes back as "⟦key⟧") and reports Japanese.
type Locale struct {
	bundle *Bundle
	lang   string
	zone   *time.Location // nil means UTC
}

// In returns l showing dates and times in zone.
func (l Locale) In(zone *time.Location) Locale {
	l.zone = zone
	return l
}

// Zone is the time zone the locale shows dates and times in; UTC unless set.
func (l Locale) Zone() *time.Location {
	if l.zone == nil {
		return time.UTC
	}
	return l.zone
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

// LocalDate formats the calendar date of t in the context's language and time zone.
func LocalDate(ctx context.Context, t time.Time) string {
	l, _ := LocaleFrom(ctx)
	return Date(l.Lang(), t.In(l.Zone()))
}

// LocalDateTime formats t with its time of day in the context's language and time zone.
func LocalDateTime(ctx context.Context, t time.Time) string {
	l, _ := LocaleFrom(ctx)
	return DateTime(l.Lang(), t.In(l.Zone()))
}

// Lang returns the context's language, Japanese when the context has no locale.
func Lang(ctx context.Context) string {
	l, _ := LocaleFrom(ctx)
	return l.Lang()
}
