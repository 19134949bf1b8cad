package handlers

import (
	"errors"
	"strings"

	"golang.org/x/text/width"
)

// Why a registration number is refused (normalizeRegistration).
var (
	errRegistrationShape = errors.New("not T followed by 13 digits")
	errRegistrationCheck = errors.New("check digit does not match")
)

// registrationSeparators are what people type between groups of digits: spaces, hyphens and the
// dashes and long-vowel marks a Japanese input method turns a hyphen into.
var registrationSeparators = strings.NewReplacer(" ", "", "\t", "", "-", "", "‐", "", "‑", "", "‒", "",
	"–", "", "—", "", "―", "", "−", "", "ー", "")

// normalizeRegistration reads a 適格請求書発行事業者登録番号 as people type it (full-width
// characters, a lower-case t, spaces or hyphens between groups, or the 13 digits without the T)
// and returns it as "T" and 13 digits. The digits must pass the check digit of 法人番号 (see
// corporateCheckDigit), so a typo is caught before it reaches a client: a corporation's
// registration number is its 法人番号. The 13 digits given to sole proprietors are taken to
// follow the same rule; should a genuine one ever be refused, this is the check to relax. An
// empty input is valid: the number is optional.
func normalizeRegistration(s string) (string, error) {
	s = registrationSeparators.Replace(width.Fold.String(s))
	if s == "" {
		return "", nil
	}
	if s[0] == 't' || s[0] == 'T' {
		s = s[1:]
	}
	if len(s) != 13 || strings.Trim(s, "0123456789") != "" {
		return "", errRegistrationShape
	}
	if int(s[0]-'0') != corporateCheckDigit(s[1:]) {
		return "", errRegistrationCheck
	}
	return "T" + s, nil
}

// corporateCheckDigit is the 検査用数字 of a 法人番号 whose other 12 digits are base (財務省令
// 第七十号 第二条): 9 − (Σ Pn × Qn mod 9), where Pn is the n-th digit counted from the last and Qn
// is 1 for odd n and 2 for even n. base must be 12 ASCII digits.
func corporateCheckDigit(base string) int {
	sum := 0
	for n := 1; n <= len(base); n++ {
		p := int(base[len(base)-n] - '0')
		sum += p * (2 - n%2)
	}
	return 9 - sum%9
}
