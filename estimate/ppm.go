package estimate

import "strconv"

// ppmWhole is a factor of one in parts per million, the unit of the factors by which budgets
// and proposals scale efforts: fine enough that the rounding of tenths, not the factor, decides
// how close a result comes.
const ppmWhole = 1_000_000

// scaleByPPM returns tenths × ppm / 1,000,000 rounded half up (halves away from zero). Callers
// pass |tenths| <= MaxPhaseTenths and 0 <= ppm <= maxScalePPM, so the product stays below 2.5e13
// and the result is exact.
func scaleByPPM(tenths, ppm int64) int64 {
	return Round(tenths*ppm, ppmWhole, RoundHalfUp)
}

// maxScalePPM is the largest factor a phase difference is multiplied by: at it a difference of
// 0.1 day already spans a whole phase, so no larger factor could change a result.
const maxScalePPM = MaxPhaseTenths * ppmWhole

// FactorString writes a factor in parts per million with two decimals, rounded half up, for notes
// and titles that say how much effort was scaled: 870000 → "0.87".
func FactorString(ppm int64) string {
	hundredths := Round(ppm, ppmWhole/100, RoundHalfUp)
	return strconv.FormatInt(hundredths/100, 10) + "." + strconv.FormatInt(100+hundredths%100, 10)[1:]
}
