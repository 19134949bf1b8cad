package eval

import (
	"fmt"
	"strconv"
	"strings"
)

// days is a number of person-days in a case file, kept in tenths as everywhere else: a band is
// written as people write it (250, 7.5), and compared with engine totals without floats.
type days int64

// UnmarshalJSON reads a non-negative plain decimal with at most one digit after the point.
func (d *days) UnmarshalJSON(b []byte) error {
	s := string(b)
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 1 || !allDigits(whole) || !allDigits(frac) || whole == "" {
		return fmt.Errorf("%s: want person-days as a plain number with at most one decimal, such as 250 or 7.5", s)
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || n > 1<<40 {
		return fmt.Errorf("%s: too large for person-days", s)
	}
	if frac == "" {
		n *= 10
	}
	*d = days(n)
	return nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// formatTenths writes tenths of a person-day with one decimal: 4123 → "412.3".
func formatTenths(t int64) string {
	sign := ""
	if t < 0 {
		sign, t = "-", -t
	}
	return fmt.Sprintf("%s%d.%d", sign, t/10, t%10)
}
