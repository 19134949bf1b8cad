package i18n

import (
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/currency"
)

// symbol returns the sign written before amounts in the currencies the product quotes in.
// Any other currency gets its ISO code after the amount instead, so it is never shown under a
// misleading sign.
func symbol(unit currency.Unit) (string, bool) {
	switch unit {
	case currency.JPY:
		return "¥", true
	case currency.USD:
		return "$", true
	}
	return "", false
}

// Money formats an amount in minor units of currency ("JPY": yen, "USD": cents), the same in
// every UI language because the currency belongs to the estimate, not to the reader:
// ¥1,234,567, $12,345.00, -¥1,000. Other ISO codes use their standard number of decimals and
// a trailing code (1,234.56 EUR); an unrecognised code shows the plain minor units and the code.
func Money(minor int64, code string) string {
	sign, magnitude := split(minor)
	unit, err := currency.ParseISO(code)
	if err != nil {
		return sign + decimal(magnitude, 0) + " " + code
	}
	scale, _ := currency.Standard.Rounding(unit)
	if sym, ok := symbol(unit); ok {
		return sign + sym + decimal(magnitude, scale)
	}
	return sign + decimal(magnitude, scale) + " " + unit.String()
}

// Days formats person-days kept in tenths: 12 → "1.2", 12345 → "1,234.5".
func Days(tenths int64) string {
	sign, magnitude := split(tenths)
	return sign + decimal(magnitude, 1)
}

// Date formats the calendar date of t in its own location; callers pick the zone. An
// unsupported lang is formatted as Japanese, like everywhere else in this package.
func Date(lang string, t time.Time) string {
	if lang == English {
		return t.Format("Jan 2, 2006")
	}
	return t.Format("2006年1月2日")
}

// DateTime is Date followed by a 24-hour time, the convention of business documents in both
// languages.
func DateTime(lang string, t time.Time) string {
	if lang == English {
		return t.Format("Jan 2, 2006, 15:04")
	}
	return t.Format("2006年1月2日 15:04")
}

// Count shows a whole number with thousands separators, the same in both languages: 10000 →
// "10,000".
func Count(n int64) string {
	sign, magnitude := split(n)
	return sign + decimal(magnitude, 0)
}

// split separates the sign from the magnitude. The magnitude is unsigned so that
// math.MinInt64, whose negation overflows int64, is still exact.
func split(v int64) (sign string, magnitude uint64) {
	if v < 0 {
		return "-", -uint64(v)
	}
	return "", uint64(v)
}

// decimal writes magnitude / 10^scale with thousands separators and exactly scale decimals.
func decimal(magnitude uint64, scale int) string {
	digits := strconv.FormatUint(magnitude, 10)
	if len(digits) <= scale {
		digits = strings.Repeat("0", scale-len(digits)+1) + digits
	}
	whole, frac := digits[:len(digits)-scale], digits[len(digits)-scale:]

	var b strings.Builder
	for i, d := range []byte(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(d)
	}
	if scale > 0 {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// Percent shows a rate in basis points as a plain percentage without floating point: 1000 → "10",
// 750 → "7.5", 1025 → "10.25".
func Percent(bp int64) string {
	sign := ""
	if bp < 0 {
		sign, bp = "-", -bp
	}
	s := strconv.FormatInt(bp/100, 10)
	if frac := bp % 100; frac != 0 {
		s += strings.TrimRight("."+strconv.FormatInt(100+frac, 10)[1:], "0")
	}
	return sign + s
}

// MicroUSD shows a cost in millionths of a dollar as dollars with four decimals: model calls
// cost fractions of a cent. 2100 → "$0.0021".
func MicroUSD(micro int64) string {
	sign := ""
	if micro < 0 {
		sign, micro = "-", -micro
	}
	frac := strconv.FormatInt(1_000_000+micro%1_000_000, 10)[1:5]
	return sign + "$" + strconv.FormatInt(micro/1_000_000, 10) + "." + frac
}
