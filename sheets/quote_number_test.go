package sheets

import (
	"math"
	"testing"
)

func TestQxDecimalText(t *testing.T) {
	for _, tt := range []struct {
		v     int64
		scale int
		want  string
	}{
		{0, 0, "0"},
		{7815500, 0, "7815500"},
		{-100000, 0, "-100000"},
		{1999, 2, "19.99"},
		{5, 2, "0.05"},
		{-5, 2, "-0.05"},
		{100, 2, "1.00"},
		{0, 1, "0.0"},
		{125, 1, "12.5"},
		{math.MinInt64, 2, "-92233720368547758.08"},
		{math.MaxInt64, 0, "9223372036854775807"},
	} {
		if got := qxDecimalText(tt.v, tt.scale); got != tt.want {
			t.Errorf("qxDecimalText(%d, %d) = %q, want %q", tt.v, tt.scale, got, tt.want)
		}
	}
}

func TestQxNumFmt(t *testing.T) {
	yen, _ := qxCurrencyOf("JPY")
	dollar, _ := qxCurrencyOf("USD")
	for _, tt := range []struct {
		cur                 qxQuoteCurrency
		lang, before, after string
		want                string
	}{
		{yen, "ja", "", "", yenFormat},
		{dollar, "ja", "", "", `"$"#,##0.00;"▲$"#,##0.00`},
		{dollar, "en", "", "", dollarFormat},
		{yen, "ja", "内消費税 ", "", `"内消費税 ¥"#,##0;"内消費税 ▲¥"#,##0`},
		{yen, "en", `say "`, `"`, `"say "\""¥"#,##0""\""";"say "\""-¥"#,##0""\"""`},
	} {
		if got := tt.cur.numFmt(tt.lang, tt.before, tt.after); got != tt.want {
			t.Errorf("numFmt(%q, %q, %q) = %s, want %s", tt.lang, tt.before, tt.after, got, tt.want)
		}
	}
}

func TestWbTaxCaption(t *testing.T) {
	q := sampleQuote(t, "ja")
	for caption, want := range map[string][2]string{
		"内消費税 {amount}":   {"内消費税 ", ""},
		"（内消費税 {amount}）": {"（内消費税 ", "）"},
		"内消費税 ¥710,500":   {"内消費税 ", ""}, // filled in by the caller with q.Money
		"内消費税":            {"内消費税 ", ""},
		"":                {"", ""},
	} {
		q.Labels.TaxInside = caption
		if before, after := wbTaxCaption(q); before != want[0] || after != want[1] {
			t.Errorf("wbTaxCaption(%q) = %q, %q; want %q, %q", caption, before, after, want[0], want[1])
		}
	}
}
