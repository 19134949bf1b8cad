package openai

import (
	"encoding/json"
	"strconv"
	"strings"

	"estimator/llm"
)

// Person-days travel to and from the model as JSON numbers with at most one decimal ("12.5"),
// and live in Go as int64 tenths. Answers are decoded with json.Decoder.UseNumber, so a
// figure arrives as its decimal text and is converted exactly, digit by digit, without ever
// passing through a float64 (12.3 as a float64 is 12.300000000000000711, and ×10 would need
// a rounding rule). A figure with more than one decimal is refused, not rounded: the prompt
// and the schema ask for one decimal, and an answer that ignores that is treated like any
// other answer that ignores the instructions, with one repair retry. Trailing zeros are not
// decimals ("12.50" is 12.5); exponents ("1.2e1") are refused, which also keeps a hostile
// "1e999999999" from costing anything to read.

// maxTotalTenths bounds an optimistic or pessimistic total: five phases at their maximum.
const maxTotalTenths = 5 * llm.MaxPhaseTenths

// parseTenths converts a person-day figure to tenths, checking it is present, a plain decimal,
// not negative, of at most one decimal, and at most maxTenths.
func parseTenths(p *problems, field string, v json.Number, maxTenths int64) int64 {
	t, problem := parseFixed(v, 1)
	if problem == "" && t > maxTenths {
		problem = "exceeds the maximum of " + daysJSON(maxTenths).String() + " person-days"
	}
	switch {
	case v == "":
		p.addf("%s is missing", field)
	case problem != "":
		p.addf("%s = %s %s", field, v, problem)
	default:
		return t
	}
	return 0
}

// parseFixed reads a non-negative JSON number with at most decimals (0 or 1) digits after the
// point, scaled by 10^decimals: parseFixed("12.50", 1) = 125. problem says, in words for the
// repair message, why v is not such a number.
func parseFixed(v json.Number, decimals int) (scaled int64, problem string) {
	s := string(v)
	switch {
	case s == "":
		return 0, "is missing"
	case strings.ContainsAny(s, "eE"):
		return 0, "uses an exponent; write a plain decimal such as 12.5"
	}
	unsigned, negative := strings.CutPrefix(s, "-")
	whole, frac, _ := strings.Cut(unsigned, ".")
	frac = strings.TrimRight(frac, "0")
	switch {
	case whole == "" || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "":
		return 0, "is not a number"
	case negative && strings.Trim(whole+frac, "0") != "":
		return 0, "is negative"
	case len(frac) > decimals && decimals == 0:
		return 0, "is not a whole number"
	case len(frac) > decimals:
		return 0, "has more than one decimal"
	case len(strings.TrimLeft(whole, "0")) > 12:
		// Far beyond any bound checked here; refusing it keeps the scaling below safe.
		return 0, "is far too large"
	}
	// At most 13 significant digits cannot overflow an int64, so ParseInt cannot fail here.
	n, _ := strconv.ParseInt(whole+frac+strings.Repeat("0", decimals-len(frac)), 10, 64)
	return n, ""
}

// daysJSON is tenths of a person-day written as a JSON number with one decimal: 123 → 12.3.
type daysJSON int64

// MarshalJSON writes the figure with exactly one decimal, the form the model is asked for.
func (d daysJSON) MarshalJSON() ([]byte, error) {
	return []byte(d.String()), nil
}

// String writes the figure with one decimal: 123 → "12.3".
func (d daysJSON) String() string {
	sign, t := "", int64(d)
	if t < 0 {
		sign, t = "-", -t
	}
	return sign + strconv.FormatInt(t/10, 10) + "." + strconv.FormatInt(t%10, 10)
}

// phasesAnswer is the five phases as the model answers them, still as decimal text.
type phasesAnswer struct {
	Requirements   json.Number `json:"requirements"`
	Design         json.Number `json:"design"`
	Implementation json.Number `json:"implementation"`
	Testing        json.Number `json:"testing"`
	Documentation  json.Number `json:"documentation"`
}

// tenths validates every phase (0–500 person-days, one decimal) and returns them in the
// order of the Phase constants.
func (a phasesAnswer) tenths(p *problems, field string) [5]int64 {
	var out [5]int64
	for i, v := range [5]json.Number{a.Requirements, a.Design, a.Implementation, a.Testing, a.Documentation} {
		out[i] = parseTenths(p, field+"."+phaseNames[i], v, llm.MaxPhaseTenths)
	}
	return out
}

// phaseNames are the JSON names of the phases, indexed by the Phase constants.
var phaseNames = [5]string{"requirements", "design", "implementation", "testing", "documentation"}

// phasesSchema describes phasesAnswer. The bounds of a phase are stated once, in the system
// prompts, not in each of the five properties.
func phasesSchema(description string) jsonSchema {
	props := make([]schemaProperty, len(phaseNames))
	for i, name := range phaseNames {
		props[i] = numberField(name, "")
	}
	return schemaObject(description, props...)
}
