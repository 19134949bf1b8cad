package i18n

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestMoney(t *testing.T) {
	tests := []struct {
		minor int64
		code  string
		want  string
	}{
		{0, "JPY", "¥0"},
		{1, "JPY", "¥1"},
		{999, "JPY", "¥999"},
		{1000, "JPY", "¥1,000"},
		{1234567, "JPY", "¥1,234,567"},
		{-1000, "JPY", "-¥1,000"},
		{-1, "JPY", "-¥1"},
		{math.MaxInt64, "JPY", "¥9,223,372,036,854,775,807"},
		{math.MinInt64, "JPY", "-¥9,223,372,036,854,775,808"},
		{0, "USD", "$0.00"},
		{5, "USD", "$0.05"},
		{-50, "USD", "-$0.50"},
		{100, "USD", "$1.00"},
		{1234500, "USD", "$12,345.00"},
		{123456789, "USD", "$1,234,567.89"},
		{math.MinInt64, "USD", "-$92,233,720,368,547,758.08"},
		{123456, "EUR", "1,234.56 EUR"},
		{-5, "EUR", "-0.05 EUR"},
		{1234, "KWD", "1.234 KWD"},
		{1234, "ABC", "1,234 ABC"},
		{math.MinInt64, "??", "-9,223,372,036,854,775,808 ??"},
	}
	for _, tt := range tests {
		if got := Money(tt.minor, tt.code); got != tt.want {
			t.Errorf("Money(%d, %q) = %q, want %q", tt.minor, tt.code, got, tt.want)
		}
	}
}

func TestDays(t *testing.T) {
	tests := []struct {
		tenths int64
		want   string
	}{
		{0, "0.0"},
		{1, "0.1"},
		{-5, "-0.5"},
		{10, "1.0"},
		{12, "1.2"},
		{9999, "999.9"},
		{10000, "1,000.0"},
		{12345, "1,234.5"},
		{-12345, "-1,234.5"},
		{math.MaxInt64, "922,337,203,685,477,580.7"},
		{math.MinInt64, "-922,337,203,685,477,580.8"},
	}
	for _, tt := range tests {
		if got := Days(tt.tenths); got != tt.want {
			t.Errorf("Days(%d) = %q, want %q", tt.tenths, got, tt.want)
		}
	}
}

func TestDate(t *testing.T) {
	afternoon := time.Date(2026, time.November, 26, 14, 5, 59, 0, time.UTC)
	morning := time.Date(2027, time.January, 5, 9, 7, 0, 0, time.UTC)
	tests := []struct {
		lang           string
		t              time.Time
		date, dateTime string
	}{
		{Japanese, afternoon, "2026年11月26日", "2026年11月26日 14:05"},
		{English, afternoon, "Nov 26, 2026", "Nov 26, 2026, 14:05"},
		{Japanese, morning, "2027年1月5日", "2027年1月5日 09:07"},
		{English, morning, "Jan 5, 2027", "Jan 5, 2027, 09:07"},
		{"fr", afternoon, "2026年11月26日", "2026年11月26日 14:05"},
	}
	for _, tt := range tests {
		if got := Date(tt.lang, tt.t); got != tt.date {
			t.Errorf("Date(%q, %v) = %q, want %q", tt.lang, tt.t, got, tt.date)
		}
		if got := DateTime(tt.lang, tt.t); got != tt.dateTime {
			t.Errorf("DateTime(%q, %v) = %q, want %q", tt.lang, tt.t, got, tt.dateTime)
		}
	}
}

func TestDateKeepsLocation(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*60*60)
	late := time.Date(2026, time.November, 26, 20, 0, 0, 0, time.UTC) // already the 27th in Tokyo
	if got := DateTime(Japanese, late.In(tokyo)); got != "2026年11月27日 05:00" {
		t.Errorf("DateTime in JST = %q", got)
	}
}

// amountPattern matches a formatted amount: optional sign, optional symbol, digits grouped by
// three, optional decimals, optional trailing code.
func amountPattern() *regexp.Regexp {
	return regexp.MustCompile(`^-?[¥$]?(0|[1-9][0-9]{0,2}(,[0-9]{3})*)(\.([0-9]+))?( [A-Z]{3})?$`)
}

// checkRoundTrip fails unless out is well grouped, has scale decimals and reads back as v.
func checkRoundTrip(t *testing.T, pattern *regexp.Regexp, out string, v int64, scale int) {
	t.Helper()
	m := pattern.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("%d formatted as %q: malformed", v, out)
	}
	if len(m[4]) != scale {
		t.Fatalf("%d formatted as %q: %d decimals, want %d", v, out, len(m[4]), scale)
	}
	digits := strings.Map(func(r rune) rune {
		if r == '-' || (r >= '0' && r <= '9') {
			return r
		}
		return -1
	}, out)
	back, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || back != v {
		t.Fatalf("%d formatted as %q reads back as %d (%v)", v, out, back, err)
	}
}

func FuzzMoney(f *testing.F) {
	codes := []struct {
		code  string
		scale int
	}{{"JPY", 0}, {"USD", 2}, {"EUR", 2}, {"KWD", 3}, {"ABC", 0}}
	for _, v := range []int64{0, 1, -1, 999, 1000, -100000, math.MaxInt64, math.MinInt64} {
		f.Add(v, uint8(0))
		f.Add(v, uint8(1))
	}
	pattern := amountPattern()
	f.Fuzz(func(t *testing.T, minor int64, pick uint8) {
		c := codes[int(pick)%len(codes)]
		checkRoundTrip(t, pattern, Money(minor, c.code), minor, c.scale)
	})
}

func FuzzDays(f *testing.F) {
	for _, v := range []int64{0, 5, -5, 12345, math.MaxInt64, math.MinInt64} {
		f.Add(v)
	}
	pattern := amountPattern()
	f.Fuzz(func(t *testing.T, tenths int64) {
		checkRoundTrip(t, pattern, Days(tenths), tenths, 1)
	})
}

func TestPercent(t *testing.T) {
	for bp, want := range map[int64]string{0: "0", 1000: "10", 800: "8", 750: "7.5", 1025: "10.25", 5: "0.05", 10000: "100", -250: "-2.5"} {
		if got := Percent(bp); got != want {
			t.Errorf("Percent(%d) = %s, want %s", bp, got, want)
		}
	}
}

func TestMicroUSD(t *testing.T) {
	for micro, want := range map[int64]string{0: "$0.0000", 2100: "$0.0021", 1_234_567: "$1.2345", 99: "$0.0000", -2100: "-$0.0021"} {
		if got := MicroUSD(micro); got != want {
			t.Errorf("MicroUSD(%d) = %s, want %s", micro, got, want)
		}
	}
}
