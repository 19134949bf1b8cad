package i18n

import "golang.org/x/text/language"

// Supported reports whether lang is one of the language codes this package serves.
func Supported(lang string) bool {
	return lang == Japanese || lang == English
}

// MatchAcceptLanguage picks Japanese or English from an Accept-Language header, honouring the
// order and q-values. It reports false when the header is empty or malformed, or when no listed
// language is close to either: the matcher would otherwise return its first tag for "fr", and
// the caller's configured default is a better guess than an arbitrary one.
//
// The matcher is built per call because the package keeps no state; that costs tens of
// microseconds and only happens for visitors who have not chosen a language yet.
func MatchAcceptLanguage(header string) (string, bool) {
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(tags) == 0 {
		return "", false
	}
	langs := []string{Japanese, English}
	matcher := language.NewMatcher([]language.Tag{language.Japanese, language.English})
	// The index, not the returned tag, identifies the choice: the tag may carry extensions
	// such as "en-u-rg-gbzzzz".
	_, i, confidence := matcher.Match(tags...)
	if confidence < language.High {
		return "", false
	}
	return langs[i], true
}
