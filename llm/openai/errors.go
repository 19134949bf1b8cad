package openai

import (
	"strings"
	"unicode"
)

// maxMessageRunes bounds llm.Error.Message: provider messages can quote whole request bodies.
const maxMessageRunes = 200

// sanitize makes provider text safe to log and show: the API key and anything that looks like
// one are masked, control characters and runs of white space become one space, and the result
// is cut to maxMessageRunes.
func sanitize(s, apiKey string) string {
	if apiKey != "" {
		s = strings.ReplaceAll(s, apiKey, "[redacted]")
	}
	s = maskKeys(s)
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
	if r := []rune(s); len(r) > maxMessageRunes {
		s = string(r[:maxMessageRunes-1]) + "…"
	}
	return s
}

// maskKeys masks tokens shaped like OpenAI-style secret keys ("sk-…", "sk-proj-…") that a
// provider may echo in an error about a different key than the configured one.
func maskKeys(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "sk-")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		n := i + 3
		for n < len(s) && isKeyByte(s[n]) {
			n++
		}
		b.WriteString(s[:i])
		if n-i >= 12 && (i == 0 || !isKeyByte(s[i-1])) {
			b.WriteString("sk-[redacted]")
		} else {
			b.WriteString(s[i:n])
		}
		s = s[n:]
	}
}

func isKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}
