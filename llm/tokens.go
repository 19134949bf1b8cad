package llm

import "unicode/utf8"

// EstimateTokens is how many tokens s is expected to take, for recording a call before the
// provider reports its usage (see WithCallStart). It errs high rather than low, because the
// estimate stands for money that may have been spent: a character outside ASCII (kanji, kana,
// full-width punctuation) counts as a whole token, which current tokenizers rarely exceed for
// Japanese, and ASCII text counts a token per 4 characters, the usual rate for English.
func EstimateTokens(s string) int {
	ascii, other := 0, 0
	for _, r := range s {
		if r < utf8.RuneSelf {
			ascii++
		} else {
			other++
		}
	}
	return other + (ascii+3)/4
}
