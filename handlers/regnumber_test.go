package handlers

import (
	"errors"
	"testing"
)

func TestNormalizeRegistration(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		err      error
	}{
		// Published numbers: 国税庁 itself, 日本税理士会連合会 (its registration number is its
		// 法人番号), T8000012010038, and two company 法人番号 quoted in articles on the check digit.
		{"T7000012050002", "T7000012050002", nil},
		{"T7010705000725", "T7010705000725", nil},
		{"T8000012010038", "T8000012010038", nil},
		{"T4011001098993", "T4011001098993", nil},
		{"T2120901007402", "T2120901007402", nil},
		// As people type them.
		{"t8000012010038", "T8000012010038", nil},
		{"Ｔ８００００１２０１００３８", "T8000012010038", nil},
		{"T8-0000-1201-0038", "T8000012010038", nil},
		{"T 8000 0120 10038", "T8000012010038", nil},
		{"Ｔ８－００００－１２０１－００３８", "T8000012010038", nil},
		{"T8ー0000ー1201ー0038", "T8000012010038", nil}, // an input method's long-vowel mark
		{"8000012010038", "T8000012010038", nil},     // the 法人番号 alone
		{"", "", nil},
		{"  ", "", nil},
		// Refused.
		{"T9000012010038", "", errRegistrationCheck}, // one digit off
		{"T8000012010039", "", errRegistrationCheck},
		{"T800001201003", "", errRegistrationShape}, // 12 digits
		{"T80000120100380", "", errRegistrationShape},
		{"X8000012010038", "", errRegistrationShape},
		{"T8000O12010038", "", errRegistrationShape}, // a letter O
		{"TT8000012010038", "", errRegistrationShape},
		{"T", "", errRegistrationShape},
	} {
		got, err := normalizeRegistration(tc.in)
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("normalizeRegistration(%q) = %q, %v; want %q, %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

// TestCorporateCheckDigit follows the worked example of the rule (7123456789012) and shows that
// every base has exactly one check digit in 1–9.
func TestCorporateCheckDigit(t *testing.T) {
	if got := corporateCheckDigit("123456789012"); got != 7 {
		t.Errorf("corporateCheckDigit(123456789012) = %d, want 7", got)
	}
	for _, base := range []string{"000000000000", "999999999999", "000012050002", "123456789012"} {
		if d := corporateCheckDigit(base); d < 1 || d > 9 {
			t.Errorf("corporateCheckDigit(%s) = %d, want 1–9", base, d)
		}
	}
}
