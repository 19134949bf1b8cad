package estimate

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// The errors of ParseAmount, always wrapped with the text that was refused.
var (
	// ErrAmountEmpty means nothing but white space was given.
	ErrAmountEmpty = errors.New("estimate: no amount given")

	// ErrAmountSyntax means the text is not written as an amount.
	ErrAmountSyntax = errors.New("estimate: not an amount")

	// ErrAmountCurrency means the text names another currency than the estimate's ($ on a yen
	// amount, 円 or ¥ on a dollar amount), or the currency itself is neither JPY nor USD.
	ErrAmountCurrency = errors.New("estimate: amount in another currency")

	// ErrAmountFraction means the amount has more decimals than the currency's minor unit, once
	// its multiplier is applied: ¥1.5, or $0.125.
	ErrAmountFraction = errors.New("estimate: amount smaller than the currency's minor unit")

	// ErrAmountNegative means the amount carries a minus sign (-, −, ▲).
	ErrAmountNegative = errors.New("estimate: negative amount")

	// ErrAmountTooLarge means the amount is above MaxAmountMinor.
	ErrAmountTooLarge = errors.New("estimate: amount too large")
)

// MaxAmountMinor is the largest amount ParseAmount accepts, in minor units: ¥10 trillion or
// $100 billion, far beyond any quotation, and small enough that sums of a few of them and
// their products with rates stay well within int64.
const MaxAmountMinor = 10_000_000_000_000

// maxAmountDigits is the number of digits of MaxAmountMinor: a figure with more digits, once
// scaled to minor units, is too large whatever its digits are.
const maxAmountDigits = 14

// amountNumber is one figure: digits with optional thousands separators and decimals.
const amountNumber = `(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`

// amountGrammar is a whole amount after normalizeAmount: a sign (before or after the currency
// sign), a currency sign, then either Japanese groups (1億2000万, 300万, 3000000) or one
// figure with a k or m multiplier (12k, 3.5m), and a currency suffix. Submatches: 1 sign,
// 2 currency sign, 3 sign, 4 億 group, 5 万 group, 6 plain figure, 7 figure with a letter,
// 8 the letter, 9 currency suffix.
var amountGrammar = regexp.MustCompile(`^([-+])?\s*([¥$])?\s*([-+])?\s*(?:` +
	`(?:` + amountNumber + `\s*億)?\s*(?:` + amountNumber + `\s*万)?\s*` + amountNumber + `?` +
	`|` + amountNumber + `\s*([km]))\s*(円|ドル)?$`)

// The powers of ten of the Japanese group markers and of the letters.
const (
	expOku  = 8 // 億
	expMan  = 4 // 万
	expKilo = 3 // k
	expMega = 6 // m
)

// ParseAmount reads an amount as people type it into a form field and returns it in minor
// units of currency ("JPY": yen, "USD": cents). It accepts thousands separators (3,000,000),
// the Japanese units 万 and 億 (300万円, 1.5万円, 1億2000万円), the letters k and m (12k,
// ¥3.5M), a currency sign before or a suffix after the figure (¥, $, 円, ドル), full-width
// characters (３００万円, ￥, ＄, ，) and surrounding spaces.
//
// The decimal digits are read exactly, never through a float: 1.5万円 is 15000 because the
// multiplier absorbs the decimal, while ¥1.5 is refused with ErrAmountFraction. The other
// errors are ErrAmountEmpty, ErrAmountSyntax, ErrAmountCurrency, ErrAmountNegative and
// ErrAmountTooLarge.
func ParseAmount(text, currency string) (int64, error) {
	minorExp, err := CurrencyDecimals(currency)
	if err != nil {
		return 0, err
	}
	s := strings.TrimSpace(normalizeAmount(text))
	if s == "" {
		return 0, ErrAmountEmpty
	}
	m := amountGrammar.FindStringSubmatch(s)
	if m == nil || (m[1] != "" && m[3] != "") || m[4]+m[5]+m[6]+m[7] == "" {
		return 0, fmt.Errorf("%w: %q; write digits such as 3,000,000, 300万円 or $12,000.50", ErrAmountSyntax, text)
	}
	if err := checkCurrencyMarks(text, currency, m[2], m[9]); err != nil {
		return 0, err
	}
	if m[1] == "-" || m[3] == "-" {
		return 0, fmt.Errorf("%w: %q", ErrAmountNegative, text)
	}
	letterExp := expKilo
	if m[8] == "m" {
		letterExp = expMega
	}
	groups := []struct {
		figure string
		exp    int
	}{{m[4], expOku}, {m[5], expMan}, {m[6], 0}, {m[7], letterExp}}
	var total int64
	for _, g := range groups {
		if g.figure == "" {
			continue
		}
		v, err := scaleFigure(g.figure, g.exp+minorExp)
		if err != nil {
			return 0, fmt.Errorf("%w: %q in %s", err, text, currency)
		}
		total += v
	}
	if total > MaxAmountMinor {
		return 0, fmt.Errorf("%w: %q in %s", ErrAmountTooLarge, text, currency)
	}
	return total, nil
}

// CurrencyDecimals is the number of decimals of currency's minor unit: 0 for JPY (yen), 2 for
// USD (cents). Any other currency is refused with ErrAmountCurrency.
func CurrencyDecimals(currency string) (int, error) {
	switch currency {
	case "JPY":
		return 0, nil
	case "USD":
		return 2, nil
	}
	return 0, fmt.Errorf("%w: currency %q is neither JPY nor USD", ErrAmountCurrency, currency)
}

// checkCurrencyMarks refuses a currency sign or suffix of the other currency: an amount typed
// in dollars must never be read as yen.
func checkCurrencyMarks(text, currency, sign, suffix string) error {
	yen := sign == "¥" || suffix == "円"
	dollars := sign == "$" || suffix == "ドル"
	if (currency == "JPY" && dollars) || (currency == "USD" && yen) {
		return fmt.Errorf("%w: %q is not written in %s", ErrAmountCurrency, text, currency)
	}
	return nil
}

// scaleFigure returns a decimal figure times 10^exp, exactly. It fails with ErrAmountFraction
// when a decimal would be left over and with ErrAmountTooLarge when the result has more digits
// than MaxAmountMinor, which also keeps it within int64.
func scaleFigure(figure string, exp int) (int64, error) {
	whole, frac, _ := strings.Cut(strings.ReplaceAll(figure, ",", ""), ".")
	whole = strings.TrimLeft(whole, "0")
	frac = strings.TrimRight(frac, "0")
	switch {
	case len(frac) > exp:
		return 0, ErrAmountFraction
	case len(whole)+exp > maxAmountDigits:
		return 0, ErrAmountTooLarge
	}
	digits := whole + frac + strings.Repeat("0", exp-len(frac))
	if strings.TrimLeft(digits, "0") == "" {
		return 0, nil
	}
	// At most maxAmountDigits digits, so ParseInt cannot overflow.
	return strconv.ParseInt(digits, 10, 64)
}

// normalizeAmount maps what Japanese input methods type to the ASCII the grammar reads:
// full-width digits, signs and letters (３００, ＄, ，, ．, ￥) and the ideographic space by
// width folding, and the minus signs of Japanese accounts (−, ▲, △). Letters become lower
// case, so 12K and ¥3.5M read as 12k and ¥3.5m.
func normalizeAmount(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '−', '▲', '△':
			return '-'
		case '\u00A0':
			return ' '
		}
		return r
	}, strings.ToLower(width.Fold.String(s)))
}
