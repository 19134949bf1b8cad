package eval

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"estimator/llm"
)

// validate checks that every field of the case is present and its bands are sane, and returns
// the case. It reports every problem at once, so one edit fixes a file.
func (f caseFile) validate() (Case, error) {
	var problems []error
	bad := func(format string, args ...any) { problems = append(problems, fmt.Errorf(format, args...)) }
	text := func(field, s string) string {
		s = strings.TrimSpace(s)
		if s == "" {
			bad("%s is missing", field)
		}
		return s
	}

	c := Case{
		ID:           text("id", f.ID),
		Language:     f.Language,
		Title:        text("title", f.Title),
		Requirements: text("requirements", f.Requirements),
		Source:       text("source", f.Source),
	}
	if c.Language != "ja" && c.Language != "en" {
		bad("language %q: want ja or en", f.Language)
	}
	if len(f.Lines) == 0 {
		bad("lines: at least one deliverable is needed")
	}
	for i, l := range f.Lines {
		c.Lines = append(c.Lines, llm.LineInput{
			Name:        text(fmt.Sprintf("lines[%d].name", i), l.Name),
			Description: text(fmt.Sprintf("lines[%d].description", i), l.Description),
		})
	}
	if len(f.Answers) == 0 {
		bad("answers: at least one answered question is needed")
	}
	for i, a := range f.Answers {
		c.Answers = append(c.Answers, llm.QA{
			Question: text(fmt.Sprintf("answers[%d].question", i), a.Question),
			Answer:   text(fmt.Sprintf("answers[%d].answer", i), a.Answer),
		})
	}
	if f.Expect == nil {
		bad("expect is missing")
	} else {
		c.Expect, problems = f.Expect.validate(problems)
	}
	return c, errors.Join(problems...)
}

// validate checks the bands: a total band above zero with its minimum below its maximum, and a
// share band for each of the five phases within 0–1, whose minimums leave room for a total of
// 100 % and whose maximums reach it; otherwise no estimate could satisfy them all.
func (e expectFile) validate(problems []error) (Expect, []error) {
	bad := func(format string, args ...any) { problems = append(problems, fmt.Errorf(format, args...)) }
	var x Expect
	switch t := e.Total; {
	case t == nil:
		bad("expect.total is missing")
	case t.Min == nil || t.Max == nil:
		bad("expect.total needs min and max")
	case *t.Min <= 0 || *t.Min >= *t.Max:
		bad("expect.total: want 0 < min < max, got %s–%s", formatTenths(int64(*t.Min)), formatTenths(int64(*t.Max)))
	default:
		x.Total = Band{Min: int64(*t.Min), Max: int64(*t.Max)}
	}
	for _, name := range slices.Sorted(maps.Keys(e.Phases)) { // sorted: the same file, the same message
		if !slices.Contains(phaseNames[:], name) {
			bad("expect.phases.%s: not a phase (want %s)", name, strings.Join(phaseNames[:], ", "))
		}
	}
	var sumMin, sumMax float64
	complete := true
	for i, name := range phaseNames {
		s := e.Phases[name]
		switch {
		case s == nil || s.Min == nil || s.Max == nil:
			bad("expect.phases.%s needs min and max", name)
			complete = false
			continue
		case !(0 <= *s.Min && *s.Min <= *s.Max && *s.Max <= 1):
			bad("expect.phases.%s: want 0 ≤ min ≤ max ≤ 1, got %g–%g", name, *s.Min, *s.Max)
			complete = false
			continue
		}
		x.Phases[i] = ShareBand{Min: *s.Min, Max: *s.Max}
		sumMin += *s.Min
		sumMax += *s.Max
	}
	// The shares are written with two decimals; a sum a rounding error away from 1 is still 1.
	const slack = 1e-9
	if complete && (sumMin > 1+slack || sumMax < 1-slack) {
		bad("expect.phases: the minimums add up to %.2f and the maximums to %.2f, so no split fits (want minimums ≤ 1 ≤ maximums)", sumMin, sumMax)
	}
	return x, problems
}
