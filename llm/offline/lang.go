package offline

import (
	"strconv"
	"strings"
)

// language is the language of an estimate's texts.
type language int

const (
	english language = iota
	japanese
)

// languageOf maps Task.Language to the language of the generated texts. Anything but "ja"
// gets English, which more readers of an unexpected setting can check.
func languageOf(code string) language {
	if code == "ja" {
		return japanese
	}
	return english
}

// bi is one text in both languages.
type bi struct{ ja, en string }

func (b bi) in(l language) string {
	if l == japanese {
		return b.ja
	}
	return b.en
}

// quote marks a keyword or the user's own words inside generated text. English texts quote
// Japanese keywords and names this way, so they never mix into English sentences unmarked.
func quote(l language, s string) string {
	if l == japanese {
		return "「" + s + "」"
	}
	return "“" + s + "”"
}

// fmtDays formats tenths of a person-day: 123 → "12.3".
func fmtDays(tenths int64) string {
	return fmtInt(tenths/10) + "." + strconv.FormatInt(tenths%10, 10)
}

// fmtFactor formats a per-mille multiplier with the decimals it needs: 1741 → "1.741",
// 1200 → "1.2", 1000 → "1".
func fmtFactor(permille int64) string {
	s := strconv.FormatInt(permille/1000, 10)
	if frac := permille % 1000; frac != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(1000+frac, 10)[1:], "0")
	}
	return s
}

// fmtPercent formats a per-mille share as a percentage: 550 → "55%", 125 → "12.5%".
func fmtPercent(permille int64) string {
	s := strconv.FormatInt(permille/10, 10)
	if permille%10 != 0 {
		s += "." + strconv.FormatInt(permille%10, 10)
	}
	return s + "%"
}

// fmtInt formats a non-negative count with thousands separators, as both languages write
// figures in estimates: 3000 → "3,000".
func fmtInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
