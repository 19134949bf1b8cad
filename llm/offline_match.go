package llm

import (
	"iter"
	"strings"
)

// fold prepares text for keyword matching: full-width ASCII (ＡＰＩ, ２０) becomes half-width,
// the ideographic space a space, and ASCII letters lower case. Japanese input mixes widths
// freely, so every keyword table is written once, in this folded form.
func fold(s string) string {
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

// match is one occurrence of a keyword in folded text, as byte offsets [start, end).
type match struct{ start, end int }

func isWordByte(b byte) bool {
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

// occurrences yields where kw occurs in text, both folded. Japanese keywords match anywhere,
// because Japanese writes compounds without spaces (管理画面). ASCII keywords match whole
// words only, with an optional plural "s" or "es": "ui" is found in "UIデザイン" and "ui/ux"
// but not in "guide" or "build", and "api" is found in "APIs".
func occurrences(text, kw string) iter.Seq[match] {
	return func(yield func(match) bool) {
		if kw == "" {
			return
		}
		word := isASCII(kw)
		for i := 0; i < len(text); {
			j := strings.Index(text[i:], kw)
			if j < 0 {
				return
			}
			m := match{start: i + j, end: i + j + len(kw)}
			if word {
				end, ok := wordAt(text, m)
				if !ok {
					i = m.start + 1
					continue
				}
				m.end = end
			}
			if !yield(m) {
				return
			}
			i = m.end
		}
	}
}

// wordAt reports whether the ASCII keyword at m stands as a word, allowing a plural "s" or
// "es" after it, and returns where the word ends. A keyword edge that is not a letter or a
// digit ("ci/cd", "%") needs no boundary on that side.
func wordAt(text string, m match) (int, bool) {
	if m.start > 0 && isWordByte(text[m.start]) && isWordByte(text[m.start-1]) {
		return 0, false
	}
	if !isWordByte(text[m.end-1]) {
		return m.end, true
	}
	for _, plural := range [...]string{"", "s", "es"} {
		end := m.end + len(plural)
		if strings.HasPrefix(text[m.end:], plural) && (end == len(text) || !isWordByte(text[end])) {
			return end, true
		}
	}
	return 0, false
}

// contains reports whether kw occurs in text under the rules of occurrences.
func contains(text, kw string) bool {
	_, ok := firstOccurrence(text, kw)
	return ok
}

// firstOccurrence is the first place kw occurs in text under the rules of occurrences.
func firstOccurrence(text, kw string) (match, bool) {
	for m := range occurrences(text, kw) {
		return m, true
	}
	return match{}, false
}

// prefixWord returns the length of kw at the very start of s, under the rules of
// occurrences, or 0 when s does not start with it.
func prefixWord(s, kw string) int {
	if !strings.HasPrefix(s, kw) {
		return 0
	}
	if !isASCII(kw) {
		return len(kw)
	}
	end, ok := wordAt(s, match{start: 0, end: len(kw)})
	if !ok {
		return 0
	}
	return end
}

// suffixWord reports whether s ends with kw under the rules of occurrences (ASCII keywords
// as whole words, optionally plural).
func suffixWord(s, kw string) bool {
	if !isASCII(kw) {
		return strings.HasSuffix(s, kw)
	}
	for _, form := range [...]string{kw, kw + "s", kw + "es"} {
		if !strings.HasSuffix(s, form) {
			continue
		}
		start := len(s) - len(form)
		if start == 0 || !isWordByte(s[start]) || !isWordByte(s[start-1]) {
			return true
		}
	}
	return false
}

// trimSuffixWord removes kw from the end of s when suffixWord finds it there (ASCII keywords
// exactly, without a plural), reporting whether it did.
func trimSuffixWord(s, kw string) (string, bool) {
	if !strings.HasSuffix(s, kw) {
		return s, false
	}
	start := len(s) - len(kw)
	if isASCII(kw) && start > 0 && isWordByte(s[start]) && isWordByte(s[start-1]) {
		return s, false
	}
	return s[:start], true
}
