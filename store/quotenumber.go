package store

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DefaultQuoteNumberFormat numbers quotations by month: 202612-0001, 202612-0002, …
const DefaultQuoteNumberFormat = "YYYYMM-NNNN"

// MaxQuoteNumberFormat is the longest format accepted, in characters.
const MaxQuoteNumberFormat = 32

// Why a quotation number format is refused (CheckQuoteNumberFormat).
var (
	ErrFormatTooLong = errors.New("store: the quotation number format is too long")
	// ErrFormatChars: numbers end up in file names and are typed back in searches, so they hold
	// only ASCII letters, digits and the separators - _ .
	ErrFormatChars = errors.New("store: the quotation number format may hold only letters, digits, '-', '_' and '.'")
	// ErrFormatSerials: two runs of N would make two serial numbers.
	ErrFormatSerials = errors.New("store: the quotation number format may hold only one run of N")
)

// CheckQuoteNumberFormat reports whether format can number quotations; an empty format stands for
// DefaultQuoteNumberFormat and is accepted.
func CheckQuoteNumberFormat(format string) error {
	if len(format) > MaxQuoteNumberFormat {
		return ErrFormatTooLong
	}
	runs := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if !('0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '-' || c == '_' || c == '.') {
			return ErrFormatChars
		}
		if c == 'N' && (i == 0 || format[i-1] != 'N') {
			runs++
		}
	}
	if runs > 1 {
		return ErrFormatSerials
	}
	return nil
}

// FormatQuoteNumber writes the quotation number that format gives for date and serial. Tokens:
// YYYY the year, YY its last two digits, MM the month (01–12), and a run of N the serial,
// zero-padded to the run's length (a larger serial is written whole, never cut). Anything else
// is copied. A format without N gets "-NNNN" appended, so every number has a serial; an empty
// format is DefaultQuoteNumberFormat. Tokens are upper case, so "yyyy" is literal text.
func FormatQuoteNumber(format string, date time.Time, serial int64) string {
	s := strconv.FormatInt(serial, 10)
	return expandQuoteNumber(format, date, func(width int) string {
		return strings.Repeat("0", max(width-len(s), 0)) + s
	})
}

// quoteNumberScope is the number with its serial replaced by "#": the numbers sharing a scope
// share one sequence, so the serial restarts whenever the date part of the number changes.
func quoteNumberScope(format string, date time.Time) string {
	return expandQuoteNumber(format, date, func(int) string { return "#" })
}

// expandQuoteNumber writes format for date, with serial(width) for the run of N.
func expandQuoteNumber(format string, date time.Time, serial func(width int) string) string {
	if format == "" {
		format = DefaultQuoteNumberFormat
	}
	if !strings.Contains(format, "N") {
		format += "-NNNN"
	}
	var b strings.Builder
	for i := 0; i < len(format); {
		rest := format[i:]
		switch {
		case strings.HasPrefix(rest, "YYYY"):
			fmt.Fprintf(&b, "%04d", date.Year())
			i += 4
		case strings.HasPrefix(rest, "YY"):
			fmt.Fprintf(&b, "%02d", date.Year()%100)
			i += 2
		case strings.HasPrefix(rest, "MM"):
			fmt.Fprintf(&b, "%02d", int(date.Month()))
			i += 2
		case rest[0] == 'N':
			width := len(rest) - len(strings.TrimLeft(rest, "N"))
			b.WriteString(serial(width))
			i += width
		default:
			b.WriteByte(rest[0])
			i++
		}
	}
	return b.String()
}
