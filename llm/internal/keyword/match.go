// Package keyword reads the free text of a task (deliverables, requirements, answers, chat
// messages) the one way that ParseIntent in package llm and the offline model both need:
// widths and case folded, ASCII keywords found as whole words and Japanese ones anywhere. It
// also shortens text for prompts and answers. It is internal because it is the engines' way of
// reading, not an API: callers of llm read nothing themselves.
package keyword

import (
	"iter"
	"strings"
)

// Fold prepares text for keyword matching: full-width ASCII (ＡＰＩ, ２０) becomes half-width,
// the ideographic space a space, and ASCII letters lower case. Japanese input mixes widths
// freely, so every keyword table is written once, in this folded form.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000:
			r = ' '
		}
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Match is one occurrence of a keyword in folded text, as byte offsets [Start, End).
type Match struct{ Start, End int }

// IsWordByte reports whether b, in folded text, belongs to an ASCII word: a lower-case letter,
// a digit or an underscore.
func IsWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_'
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Occurrences yields where kw occurs in text, both folded. Japanese keywords match anywhere,
// because Japanese writes compounds without spaces (管理画面). ASCII keywords match whole
// words only, with an optional plural "s" or "es": "ui" is found in "UIデザイン" and "ui/ux"
// but not in "guide" or "build", and "api" is found in "APIs".
func Occurrences(text, kw string) iter.Seq[Match] {
	return func(yield func(Match) bool) {
		if kw == "" {
			return
		}
		word := isASCII(kw)
		for i := 0; i < len(text); {
			j := strings.Index(text[i:], kw)
			if j < 0 {
				return
			}
			m := Match{Start: i + j, End: i + j + len(kw)}
			if word {
				end, ok := wordAt(text, m)
				if !ok {
					i = m.Start + 1
					continue
				}
				m.End = end
			}
			if !yield(m) {
				return
			}
			i = m.End
		}
	}
}

// wordAt reports whether the ASCII keyword at m stands as a word, allowing a plural "s" or
// "es" after it, and returns where the word ends. A keyword edge that is not a letter or a
// digit ("ci/cd", "%") needs no boundary on that side.
func wordAt(text string, m Match) (int, bool) {
	if m.Start > 0 && IsWordByte(text[m.Start]) && IsWordByte(text[m.Start-1]) {
		return 0, false
	}
	if !IsWordByte(text[m.End-1]) {
		return m.End, true
	}
	for _, plural := range [...]string{"", "s", "es"} {
		end := m.End + len(plural)
		if strings.HasPrefix(text[m.End:], plural) && (end == len(text) || !IsWordByte(text[end])) {
			return end, true
		}
	}
	return 0, false
}

// Contains reports whether kw occurs in text under the rules of Occurrences.
func Contains(text, kw string) bool {
	_, ok := FirstOccurrence(text, kw)
	return ok
}

// FirstOccurrence is the first place kw occurs in text under the rules of Occurrences.
func FirstOccurrence(text, kw string) (Match, bool) {
	for m := range Occurrences(text, kw) {
		return m, true
	}
	return Match{}, false
}

// PrefixWord returns the length of kw at the very start of s, under the rules of
// Occurrences, or 0 when s does not start with it.
func PrefixWord(s, kw string) int {
	if !strings.HasPrefix(s, kw) {
		return 0
	}
	if !isASCII(kw) {
		return len(kw)
	}
	end, ok := wordAt(s, Match{Start: 0, End: len(kw)})
	if !ok {
		return 0
	}
	return end
}

// SuffixWord reports whether s ends with kw under the rules of Occurrences (ASCII keywords
// as whole words, optionally plural).
func SuffixWord(s, kw string) bool {
	if !isASCII(kw) {
		return strings.HasSuffix(s, kw)
	}
	for _, form := range [...]string{kw, kw + "s", kw + "es"} {
		if !strings.HasSuffix(s, form) {
			continue
		}
		start := len(s) - len(form)
		if start == 0 || !IsWordByte(s[start]) || !IsWordByte(s[start-1]) {
			return true
		}
	}
	return false
}

// TrimSuffixWord removes kw from the end of s when SuffixWord finds it there (ASCII keywords
// exactly, without a plural), reporting whether it did.
func TrimSuffixWord(s, kw string) (string, bool) {
	if !strings.HasSuffix(s, kw) {
		return s, false
	}
	start := len(s) - len(kw)
	if isASCII(kw) && start > 0 && IsWordByte(s[start]) && IsWordByte(s[start-1]) {
		return s, false
	}
	return s[:start], true
}
