package llm

import (
	"regexp"
	"strings"

	"estimator/estimate"
	"estimator/llm/internal/keyword"
)

// moneyToken finds a candidate amount in a folded message: a currency sign, a figure (with
// thousands separators and decimals), a multiplier (億, 万, k, m) and a currency suffix (円,
// ドル, yen, dollars). Submatches: 1 currency sign, 2 figure and multiplier, 3 multiplier,
// 4 suffix. Whether the candidate is an amount, and which, estimate.ParseAmount decides.
var moneyToken = regexp.MustCompile(`([¥￥$])?\s?(\d+(?:,\d{3})*(?:\.\d+)?` +
	`(\s?億(?:\s?\d+(?:,\d{3})*(?:\.\d+)?\s?万)?|\s?万|\s?[km]\b)?)\s?(円|ドル|yen\b|dollars?\b)?`)

// percentToken finds a share: "20%", "12.5 percent", "1割". Submatch 1 is the figure, 2 the unit.
var percentToken = regexp.MustCompile(`(\d+(?:\.\d+)?)\s?(%|パーセント|percent\b|割)`)

// findMoney returns the first amount in text, in minor units of currency, and where it stands.
// A bare figure is not an amount: without a currency sign, a suffix or a multiplier it may as
// well be person-days, a count of lines or a share. A figure in the other currency ("$2,000"
// on a yen estimate) is skipped too, rather than converted at a rate nobody agreed.
func findMoney(text, currency string) (int64, keyword.Match, bool) {
	for _, ix := range moneyToken.FindAllStringSubmatchIndex(text, -1) {
		sign, multiplier, suffix := group(text, ix, 1), group(text, ix, 3), group(text, ix, 4)
		if sign == "" && multiplier == "" && suffix == "" {
			continue
		}
		switch {
		case suffix == "yen":
			suffix = "円"
		case strings.HasPrefix(suffix, "dollar"):
			suffix = "ドル"
		}
		amount, err := estimate.ParseAmount(sign+group(text, ix, 2)+suffix, currency)
		if err == nil {
			return amount, keyword.Match{Start: ix[0], End: ix[1]}, true
		}
	}
	return 0, keyword.Match{}, false
}

// findPercent returns the first share in text, in basis points, when it is above 0 and at
// most maxPercentBP.
func findPercent(text string) (int64, bool) {
	m := percentToken.FindStringSubmatch(text)
	if m == nil {
		return 0, false
	}
	// A share has at most two decimals of a per cent, the form of an amount in cents, so
	// estimate.ParseAmount reads it exactly in hundredths of a per cent: basis points.
	bp, err := estimate.ParseAmount(m[1], "USD")
	if m[2] == "割" {
		bp *= 10 // 1割 is 10 %
	}
	if err != nil || bp <= 0 || bp > maxPercentBP {
		return 0, false
	}
	return bp, true
}

// portion is bp basis points of amount, rounded half up. Dividing before multiplying keeps
// the product small, so no amount can overflow.
func portion(amount, bp int64) int64 {
	amount = max(amount, 0)
	q, r := amount/10000, amount%10000
	return q*bp + estimate.Round(r*bp, 10000, estimate.RoundHalfUp)
}

// isTarget reports whether the amount at m is the subtotal to reach rather than the change:
// a target word stands just before it ("under $10,000", "予算300万円") or just after it
// ("300万円以内", "$10,000 or less").
func isTarget(text string, m keyword.Match) bool {
	before := strings.TrimSpace(text[:m.Start])
	after := strings.TrimSpace(text[m.End:])
	for _, w := range intentVocabularies {
		for _, word := range w.targetBefore {
			if keyword.SuffixWord(before, word) {
				return true
			}
		}
		for _, word := range w.targetAfter {
			if keyword.PrefixWord(after, word) > 0 {
				return true
			}
		}
	}
	return false
}

// group is submatch i of a FindAllStringSubmatchIndex result, or "" when it did not take part.
func group(text string, ix []int, i int) string {
	if ix[2*i] < 0 {
		return ""
	}
	return text[ix[2*i]:ix[2*i+1]]
}
