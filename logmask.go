package main

import (
	"log/slog"
	"regexp"
)

// Personal data that can reach a log line through an error text or a library's message. The
// phone patterns are anchored on a character that is not part of a word, number or hyphenated
// id, so request ids, task ids, durations and IP addresses are left alone.
var (
	emailPattern = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)
	phonePattern = regexp.MustCompile(`(^|[^0-9A-Za-z.:-])(\+\d{1,3}[ -]?\d{1,4}[- ]\d{1,4}[- ]\d{3,4}|0\d{1,4}[- ]\d{1,4}[- ]\d{3,4}|0\d{9,10}|\(0\d{1,4}\)\s?\d{1,4}-\d{3,4})([^0-9A-Za-z.:-]|$)`)
)

// personalKeys are attributes whose whole value is personal: a client's name.
var personalKeys = map[string]bool{"client": true, "client_name": true, "email": true, "phone": true}

// maskPII returns a ReplaceAttr that masks e-mail addresses and phone numbers in every string
// attribute and the message, and the whole value of the attributes named in personalKeys.
func maskPII() func(groups []string, a slog.Attr) slog.Attr {
	return func(_ []string, a slog.Attr) slog.Attr {
		if personalKeys[a.Key] {
			return slog.String(a.Key, "[masked]")
		}
		s, ok := attrText(a)
		if !ok {
			return a
		}
		masked := emailPattern.ReplaceAllString(s, "[email]")
		masked = phonePattern.ReplaceAllString(masked, "${1}[phone]${3}")
		if masked != s {
			return slog.String(a.Key, masked)
		}
		return a
	}
}

// attrText is the text of a string or error attribute, the kinds that can carry free text.
func attrText(a slog.Attr) (string, bool) {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return v.String(), true
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return err.Error(), true
		}
	}
	return "", false
}

// chainReplace applies each non-nil ReplaceAttr in turn.
func chainReplace(fs ...func([]string, slog.Attr) slog.Attr) func([]string, slog.Attr) slog.Attr {
	var live []func([]string, slog.Attr) slog.Attr
	for _, f := range fs {
		if f != nil {
			live = append(live, f)
		}
	}
	if len(live) == 0 {
		return nil
	}
	return func(groups []string, a slog.Attr) slog.Attr {
		for _, f := range live {
			a = f(groups, a)
		}
		return a
	}
}
