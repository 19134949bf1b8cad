package estimate

import (
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// LineIndex returns the index of the line with the key, or -1. An empty key names no line.
func (d Document) LineIndex(key string) int {
	if key == "" {
		return -1
	}
	for i, l := range d.Lines {
		if l.Key == key {
			return i
		}
	}
	return -1
}

// KeysMatching returns, in document order, the keys of the lines whose Name contains keyword,
// compared case-insensitively and width-insensitively: both are normalized with NFKC, which
// turns full-width letters and digits into ASCII (「ＡＰＩ」 matches "api"), and lower-cased.
// The keyword is trimmed; an empty or blank keyword matches nothing, and a line without a key
// is never returned, since no operation could name it.
func (d Document) KeysMatching(keyword string) []string {
	want := foldForMatch(keyword)
	if want == "" {
		return nil
	}
	var keys []string
	for _, l := range d.Lines {
		if l.Key != "" && strings.Contains(foldForMatch(l.Name), want) {
			keys = append(keys, l.Key)
		}
	}
	return keys
}

// foldForMatch returns s normalized for KeysMatching: NFKC, lower case, trimmed.
func foldForMatch(s string) string {
	return strings.TrimSpace(strings.ToLower(norm.NFKC.String(s)))
}

// keySet returns keys as a set, or ErrUnknownLine for a key no line of d has.
func (d Document) keySet(keys []string) (map[string]bool, error) {
	set := make(map[string]bool, len(keys))
	for _, k := range keys {
		if d.LineIndex(k) < 0 {
			return nil, fmt.Errorf("%w: %q", ErrUnknownLine, k)
		}
		set[k] = true
	}
	return set, nil
}
