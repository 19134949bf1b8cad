package sheets

import (
	"fmt"
	"strconv"
	"strings"
)

// qxDaysScale is the number of decimals of person-days, which the domain keeps in tenths.
const qxDaysScale = 1

// qxDaysNumFmt shows person-days with their one decimal, as the pages do.
const qxDaysNumFmt = "0.0"

// qxQuoteCurrency is what the writers need to know about the currency of a quotation: how many
// decimals its minor units have (none for yen, two for dollar cents) and the sign before amounts.
type qxQuoteCurrency struct {
	scale  int
	symbol string
}

// qxCurrencyOf returns the layout of the currencies the product quotes in. Any other code is an
// error rather than a guess: a wrong scale would multiply every figure of the document by 100.
func qxCurrencyOf(code string) (qxQuoteCurrency, error) {
	switch code {
	case "JPY":
		return qxQuoteCurrency{scale: 0, symbol: "¥"}, nil
	case "USD":
		return qxQuoteCurrency{scale: 2, symbol: "$"}, nil
	}
	return qxQuoteCurrency{}, fmt.Errorf("unsupported currency %q", code)
}

// numFmt is the number format of amounts with words before and after the figure (the caption of
// 「内消費税 ¥672,400」, for instance; both may be empty). Negatives follow the readers of the
// document: 「▲¥100,000」 on a Japanese one, the convention for 出精値引, and "-$1,000.00" on an
// English one, where ▲ means nothing to the reader.
func (c qxQuoteCurrency) numFmt(lang, before, after string) string {
	digits := "#,##0"
	if c.scale > 0 {
		digits += "." + strings.Repeat("0", c.scale)
	}
	minus := "-"
	if lang == "ja" {
		minus = "▲"
	}
	positive := qxFormatLiteral(before+c.symbol) + digits + qxFormatLiteral(after)
	negative := qxFormatLiteral(before+minus+c.symbol) + digits + qxFormatLiteral(after)
	return positive + ";" + negative
}

// qxFormatLiteral quotes text for a number format. A double quote cannot appear inside a quoted
// literal, so it is closed, escaped with a backslash and reopened.
func qxFormatLiteral(s string) string {
	if s == "" {
		return ""
	}
	return `"` + strings.ReplaceAll(s, `"`, `"\""`) + `"`
}

// qxDecimalText writes v / 10^scale exactly, from integers: (-123450, 2) → "-1234.50". Going
// through a float64 could turn 1999 cents into 19.989999999999998 in some reader. There are no
// thousands separators, because this is the number a spreadsheet or a CSV reader parses.
func qxDecimalText(v int64, scale int) string {
	var buf [24]byte
	return string(qxAppendDecimal(buf[:0], v, scale))
}

// qxAppendDecimal appends qxDecimalText(v, scale) to b.
func qxAppendDecimal(b []byte, v int64, scale int) []byte {
	magnitude := uint64(v)
	if v < 0 {
		// Negating the unsigned value keeps math.MinInt64, whose negation overflows int64, exact.
		magnitude = -uint64(v)
		b = append(b, '-')
	}
	if scale <= 0 {
		return strconv.AppendUint(b, magnitude, 10)
	}
	var buf [24]byte
	digits := strconv.AppendUint(buf[:0], magnitude, 10)
	whole := len(digits) - scale
	if whole <= 0 {
		// Less than one: 5 cents is 0.05.
		b = append(b, '0', '.')
		for range -whole {
			b = append(b, '0')
		}
		return append(b, digits...)
	}
	return append(append(append(b, digits[:whole]...), '.'), digits[whole:]...)
}
