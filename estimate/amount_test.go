package estimate

import (
	"errors"
	"fmt"
	"testing"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		text, currency string
		want           int64
		err            error
	}{
		// Plain and grouped digits.
		{"3,000,000", "JPY", 3_000_000, nil},
		{"3000000", "JPY", 3_000_000, nil},
		{"  3,000,000  ", "JPY", 3_000_000, nil},
		{"0", "JPY", 0, nil},
		{"3,000,000", "USD", 300_000_000, nil},
		// Japanese units.
		{"300万円", "JPY", 3_000_000, nil},
		{"300万", "JPY", 3_000_000, nil},
		{"1.5万円", "JPY", 15_000, nil},
		{"1億2000万円", "JPY", 120_000_000, nil},
		{"1億円", "JPY", 100_000_000, nil},
		{"1億 2,000万", "JPY", 120_000_000, nil},
		{"1万ドル", "USD", 1_000_000, nil},
		{"0.01万", "USD", 10_000, nil},
		// Currency signs and suffixes.
		{"¥3.5M", "JPY", 3_500_000, nil},
		{"¥3,000,000", "JPY", 3_000_000, nil},
		{"¥ 3,000,000", "JPY", 3_000_000, nil},
		{"3,000,000円", "JPY", 3_000_000, nil},
		{"3,000,000 円", "JPY", 3_000_000, nil},
		{"$12,000", "USD", 1_200_000, nil},
		{"$12,000.50", "USD", 1_200_050, nil},
		{"$12,000.5", "USD", 1_200_050, nil},
		{"$0.99", "USD", 99, nil},
		{"+$5", "USD", 500, nil},
		// Letters.
		{"12k", "JPY", 12_000, nil},
		{"12K", "USD", 1_200_000, nil},
		{"1.2m", "JPY", 1_200_000, nil},
		{"$1.25k", "USD", 125_000, nil},
		// Full-width input.
		{"３００万円", "JPY", 3_000_000, nil},
		{"￥３，０００，０００", "JPY", 3_000_000, nil},
		{"＄１２，０００．５０", "USD", 1_200_050, nil},
		{"\u3000１２Ｋ\u3000", "JPY", 12_000, nil},
		// Errors.
		{"", "JPY", 0, ErrAmountEmpty},
		{" \u3000 ", "USD", 0, ErrAmountEmpty},
		{"abc", "JPY", 0, ErrAmountSyntax},
		{"3,00", "JPY", 0, ErrAmountSyntax},
		{"3,0000", "JPY", 0, ErrAmountSyntax},
		{"3 000", "JPY", 0, ErrAmountSyntax},
		{"1.2.3", "JPY", 0, ErrAmountSyntax},
		{"2000万1億", "JPY", 0, ErrAmountSyntax},
		{"12kk", "JPY", 0, ErrAmountSyntax},
		{"1e5", "JPY", 0, ErrAmountSyntax},
		{"円", "JPY", 0, ErrAmountSyntax},
		{"-¥-5", "JPY", 0, ErrAmountSyntax},
		{"$300", "JPY", 0, ErrAmountCurrency},
		{"300ドル", "JPY", 0, ErrAmountCurrency},
		{"300円", "USD", 0, ErrAmountCurrency},
		{"¥300", "USD", 0, ErrAmountCurrency},
		{"$300円", "USD", 0, ErrAmountCurrency},
		{"300", "EUR", 0, ErrAmountCurrency},
		{"¥1.5", "JPY", 0, ErrAmountFraction},
		{"1.5", "JPY", 0, ErrAmountFraction},
		{"$0.125", "USD", 0, ErrAmountFraction},
		{"1.00001万", "JPY", 0, ErrAmountFraction},
		{"-300", "JPY", 0, ErrAmountNegative},
		{"¥-300", "JPY", 0, ErrAmountNegative},
		{"−30万円", "JPY", 0, ErrAmountNegative},
		{"▲300,000", "JPY", 0, ErrAmountNegative},
		{"10,000,000,000,000", "JPY", MaxAmountMinor, nil},
		{"10,000,000,000,001", "JPY", 0, ErrAmountTooLarge},
		{"10億万", "JPY", 0, ErrAmountSyntax},
		{"100000億", "JPY", MaxAmountMinor, nil},
		{"100001億", "JPY", 0, ErrAmountTooLarge},
		{"$100,000,000,001", "USD", 0, ErrAmountTooLarge},
		{"99999999999999999999999999", "JPY", 0, ErrAmountTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.currency+" "+tt.text, func(t *testing.T) {
			got, err := ParseAmount(tt.text, tt.currency)
			if tt.err == nil && err != nil || tt.err != nil && !errors.Is(err, tt.err) {
				t.Fatalf("ParseAmount(%q, %s) error = %v, want %v", tt.text, tt.currency, err, tt.err)
			}
			if got != tt.want {
				t.Errorf("ParseAmount(%q, %s) = %d, want %d", tt.text, tt.currency, got, tt.want)
			}
		})
	}
}

// TestParseAmountMessages: an error names the text refused, so a form can show it as is.
func TestParseAmountMessages(t *testing.T) {
	_, err := ParseAmount("$300", "JPY")
	if err == nil || err.Error() != `estimate: amount in another currency: "$300" is not written in JPY` {
		t.Errorf("error = %v", err)
	}
	_, err = ParseAmount("3,00", "JPY")
	if err == nil || err.Error() != `estimate: not an amount: "3,00"; write digits such as 3,000,000, 300万円 or $12,000.50` {
		t.Errorf("error = %v", err)
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"3,000,000", "300万円", "1億2000万円", "¥3.5M", "$12,000.50", "12k", "３００万円", "-5", "1.5", "1e5"} {
		f.Add(s, "JPY")
		f.Add(s, "USD")
	}
	f.Fuzz(func(t *testing.T, text, currency string) {
		got, err := ParseAmount(text, currency)
		if err != nil {
			return
		}
		if got < 0 || got > MaxAmountMinor {
			t.Fatalf("ParseAmount(%q, %s) = %d, outside 0..MaxAmountMinor", text, currency, got)
		}
		plain := fmt.Sprint(got)
		if currency == "USD" {
			plain = fmt.Sprintf("%d.%02d", got/100, got%100)
		}
		again, err := ParseAmount(plain, currency)
		if err != nil || again != got {
			t.Fatalf("ParseAmount(%q, %s) = %d, but its plain form %q gives %d, %v", text, currency, got, plain, again, err)
		}
	})
}
