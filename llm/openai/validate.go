package openai

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"estimator/llm/internal/keyword"
)

// Bounds on the texts of an answer. They keep one runaway answer from filling a page or a
// spreadsheet cell, and a model that exceeds them has not followed the instructions.
const (
	maxReasoningRunes = 2000
	maxItemRunes      = 300 // one assumption, risk, question, rationale or reason
	maxListItems      = 8   // assumptions or risks of one line
	maxTitleRunes     = 100
	maxDescRunes      = 1000
)

// problems collects what is wrong with an answer, in words the model can act on: the repair
// message quotes them, so they name fields and positions, never the user's data.
type problems []string

// maxProblems and maxProblemRunes keep the repair message short when an answer is wrong
// everywhere, or quotes a huge value back.
const (
	maxProblems     = 10
	maxProblemRunes = 300
)

func (p *problems) addf(format string, args ...any) {
	if len(*p) < maxProblems {
		*p = append(*p, keyword.TruncateRunes(fmt.Sprintf(format, args...), maxProblemRunes))
	}
}

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return errors.New(strings.Join(p, "; "))
}

// decodeAnswer reads the model's JSON into v. Numbers stay decimal text (see parseTenths).
// A Markdown code fence around the object is tolerated, because models in json_object or
// prompt-only mode add one often; anything else around the object is an error.
func decodeAnswer(content string, v any) error {
	s := strings.TrimSpace(content)
	if rest, ok := strings.CutPrefix(s, "```"); ok {
		rest = strings.TrimPrefix(rest, "json")
		if body, ok := strings.CutSuffix(rest, "```"); ok {
			s = strings.TrimSpace(body)
		}
	}
	if s == "" {
		return errors.New("the answer is empty")
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("the answer is not the requested JSON object: %v", err)
	}
	if dec.More() {
		return errors.New("the answer has text after the JSON object")
	}
	return nil
}

// checkText trims s and checks it is not empty and at most maxRunes characters.
func checkText(p *problems, field, s string, maxRunes int) string {
	s = strings.TrimSpace(s)
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		p.addf("%s is empty", field)
	case n > maxRunes:
		p.addf("%s has %d characters, more than %d", field, n, maxRunes)
	}
	return s
}

// checkList trims every item, drops blank ones (an empty string states nothing, and dropping
// it invents nothing), and checks the count and each item's length.
func checkList(p *problems, field string, items []string) []string {
	out := make([]string, 0, len(items))
	for i, s := range items {
		if strings.TrimSpace(s) == "" {
			continue
		}
		out = append(out, checkText(p, fmt.Sprintf("%s[%d]", field, i), s, maxItemRunes))
	}
	if len(out) > maxListItems {
		p.addf("%s has %d items, more than %d", field, len(out), maxListItems)
	}
	return out
}

// sameText reports whether two texts say the same thing up to case and white space, which is
// how a model repeats itself.
func sameText(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}
