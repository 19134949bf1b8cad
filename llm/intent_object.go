package llm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"estimator/llm/internal/keyword"
)

// maxObjectWords bounds an English object: a deliverable's name, not the rest of the sentence.
const maxObjectWords = 5

// japaneseObject finds the deliverable named before a Japanese add or remove word at m:
// "負荷テストを追加" → 負荷テスト, "ユーザーマニュアルは不要" → ユーザーマニュアル. Without a
// morphological analyser the name is taken to be the run of kanji, katakana and ASCII that
// ends just before the word, once particles are dropped; a single の joins two such runs
// (テストの自動化), while hiragana otherwise ends it (できればマニュアル → マニュアル).
func japaneseObject(text string, m keyword.Match) string {
	before := strings.TrimSpace(text[:m.Start])
	for trimmed := true; trimmed; {
		trimmed = false
		for _, particle := range []string{"については", "について", "なんて", "って", "とか", "を", "は", "が", "も", "の"} {
			if s, ok := strings.CutSuffix(before, particle); ok {
				before, trimmed = strings.TrimSpace(s), true
				break
			}
		}
	}
	rs := []rune(before)
	start := len(rs)
	for start > 0 && partOfName(rs, start-1) {
		start--
	}
	return strings.TrimSpace(string(rs[start:]))
}

// partOfName reports whether rs[i] continues a Japanese name that starts after it.
func partOfName(rs []rune, i int) bool {
	r := rs[i]
	switch {
	case unicode.Is(unicode.Han, r), unicode.Is(unicode.Katakana, r), r == 'ー', r == '・', r == '-', r == '/', isASCIIWordRune(r):
		return true
	case r == 'の', r == ' ':
		// A bridge only between two parts of a name: の between Japanese words, a space
		// between ASCII ones ("load testing").
		return i > 0 && i+1 < len(rs) && partOfName(rs, i-1) && (r == 'の' || isASCIIWordRune(rs[i-1]) && isASCIIWordRune(rs[i+1]))
	}
	return false
}

func isASCIIWordRune(r rune) bool { return r < 0x80 && keyword.IsWordByte(byte(r)) }

// englishObject finds the deliverable named next to an English add or remove word at m: after
// it ("remove the manuals" → manuals), or before it when nothing follows ("the manuals are not
// needed" → manuals). Articles and similar words in front and a trailing "are" are dropped;
// the name ends at punctuation or at a word that starts a new clause (and, for, please, …).
func englishObject(text string, m keyword.Match) string {
	if o := objectWords(strings.Fields(clause(text[m.End:], true)), true); o != "" {
		return o
	}
	return objectWords(strings.Fields(clause(text[:m.Start], false)), false)
}

// clause is the part of s up to the first punctuation (forward) or after the last (backward).
func clause(s string, forward bool) string {
	const stops = ".,;:!?()、。\n"
	if forward {
		if i := strings.IndexAny(s, stops); i >= 0 {
			return s[:i]
		}
		return s
	}
	if i := strings.LastIndexAny(s, stops); i >= 0 {
		_, size := utf8.DecodeRuneInString(s[i:])
		return s[i+size:]
	}
	return s
}

// objectWords cuts a deliverable's name out of the words next to a cue: forward, the words up
// to the first word that starts a clause or another noun phrase ("the price a bit" → price);
// backward, the words after the last clause word, without a trailing copula ("manuals are").
// Determiners in front are dropped, and at most maxObjectWords are kept, those nearest the cue.
func objectWords(words []string, forward bool) string {
	if forward {
		words = dropDeterminers(words)
		for i, w := range words {
			if isClauseWord(w) || isDeterminer(w) {
				words = words[:i]
				break
			}
		}
		return strings.Join(words[:min(len(words), maxObjectWords)], " ")
	}
	for i := len(words) - 1; i >= 0; i-- {
		if isClauseWord(words[i]) {
			words = words[i+1:]
			break
		}
	}
	for len(words) > 0 && isCopula(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	return strings.Join(dropDeterminers(words[max(0, len(words)-maxObjectWords):]), " ")
}

// isClauseWord reports whether w starts a new clause or phrase after a name.
func isClauseWord(w string) bool {
	switch w {
	case "and", "or", "from", "in", "of", "to", "for", "please", "so", "because", "since", "as", "but",
		"if", "then", "with", "which", "it", "too", "also", "by", "slightly", "we", "i", "you":
		return true
	}
	return false
}

// dropDeterminers drops the words in front of a name that are not part of it.
func dropDeterminers(words []string) []string {
	for len(words) > 0 && isDeterminer(words[0]) {
		words = words[1:]
	}
	return words
}

func isDeterminer(w string) bool {
	switch w {
	case "the", "a", "an", "some", "any", "all", "our", "your", "my", "this", "that", "these", "those", "more", "extra":
		return true
	}
	return false
}

func isCopula(w string) bool {
	switch w {
	case "is", "are", "was", "were", "be", "really", "just", "not":
		return true
	}
	return false
}
