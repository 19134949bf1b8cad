package i18n

import (
	"fmt"
	"slices"
	"strings"
)

// cutPlaceholder finds the first well-formed "{name}" in s. Braces around anything that is not
// a name stay ordinary text, so a message may contain a literal "{" without escaping.
func cutPlaceholder(s string) (before, name, after string, found bool) {
	for from := 0; ; {
		open := strings.IndexByte(s[from:], '{')
		if open < 0 {
			return s, "", "", false
		}
		open += from
		end := strings.IndexByte(s[open+1:], '}')
		if end < 0 {
			return s, "", "", false
		}
		end += open + 1
		if n := s[open+1 : end]; isName(n) {
			return s[:open], n, s[end+1:], true
		}
		from = open + 1
	}
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r != '_' && (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// placeholders returns the sorted, distinct placeholder names of msg.
func placeholders(msg string) []string {
	var names []string
	for {
		_, name, after, found := cutPlaceholder(msg)
		if !found {
			break
		}
		names = append(names, name)
		msg = after
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// substitute replaces placeholders in a single pass, so a value that itself contains "{name}"
// (user text, say) is never expanded a second time.
func substitute(msg string, args []any) string {
	var b strings.Builder
	for {
		before, name, after, found := cutPlaceholder(msg)
		b.WriteString(before)
		if !found {
			return b.String()
		}
		if v, ok := lookupArg(args, name); ok {
			fmt.Fprintf(&b, "%v", v)
		} else {
			b.WriteString("{" + name + "}")
		}
		msg = after
	}
}

// lookupArg finds name among name/value pairs. A trailing name without a value, or a name that
// is not a string, matches nothing, which leaves the placeholder visible.
func lookupArg(args []any, name string) (any, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if k, _ := args[i].(string); k == name {
			return args[i+1], true
		}
	}
	return nil, false
}
