package openai

import (
	"encoding/json"
	"fmt"
	"strconv"

	"estimator/estimate"
)

// Money goes to the model in major units (yen, dollars), as people and models read it, and
// comes back the same way; in Go it is int64 minor units, like everywhere else.

// minorPerMajor is the number of minor units in one unit of the currency, 10 to the power of
// its decimals, or false for a currency the estimate package does not know.
func minorPerMajor(currency string) (int64, bool) {
	decimals, err := estimate.CurrencyDecimals(currency)
	if err != nil {
		return 0, false
	}
	factor := int64(1)
	for range decimals {
		factor *= 10
	}
	return factor, true
}

// majorUnits writes minor units as an exact decimal number of major units: 12345 cents →
// 123.45. With factor 100 it also writes basis points as a percentage: 1000 → 10.00.
func majorUnits(minor, factor int64) json.Number {
	if factor == 1 {
		return json.Number(strconv.FormatInt(minor, 10))
	}
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	digits := len(strconv.FormatInt(factor, 10)) - 1
	return json.Number(fmt.Sprintf("%s%d.%0*d", sign, minor/factor, digits, minor%factor))
}
