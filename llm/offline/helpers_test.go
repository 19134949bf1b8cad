package offline

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"estimator/llm"
)

// mustEstimate estimates line i of task with the offline engine and checks the invariants
// every estimate must keep.
func mustEstimate(tb testing.TB, task llm.Task, i int) llm.LineEstimate {
	tb.Helper()
	e, u, err := New().EstimateLine(context.Background(), task, i)
	if err != nil {
		tb.Fatalf("EstimateLine(%d): %v", i, err)
	}
	if u.Model != "offline" || u.InputTokens != 0 || u.OutputTokens != 0 || u.Duration != 0 {
		tb.Errorf("usage = %+v, want the offline model and nothing else", u)
	}
	checkInvariants(tb, e)
	return e
}

// checkInvariants checks the bounds, the range and the labels of an estimate.
func checkInvariants(tb testing.TB, e llm.LineEstimate) {
	tb.Helper()
	for i, p := range e.Phases {
		if p < 0 || p > llm.MaxPhaseTenths {
			tb.Errorf("phase %d = %d tenths, want 0–%d", i, p, llm.MaxPhaseTenths)
		}
	}
	total := totalOf(e)
	if total < 0 || total > 5*llm.MaxPhaseTenths {
		tb.Errorf("total = %d tenths, want 0–%d", total, 5*llm.MaxPhaseTenths)
	}
	if e.Optimistic > total || total > e.Pessimistic || e.Optimistic < 0 {
		tb.Errorf("range %d ≤ %d ≤ %d does not hold", e.Optimistic, total, e.Pessimistic)
	}
	switch e.Confidence {
	case llm.ConfidenceLow, llm.ConfidenceMedium, llm.ConfidenceHigh:
	default:
		tb.Errorf("confidence = %q", e.Confidence)
	}
	if e.Reasoning == "" || len(e.Assumptions) == 0 || len(e.Risks) == 0 {
		tb.Errorf("reasoning, assumptions and risks must all be given: %+v", e)
	}
}

func totalOf(e llm.LineEstimate) int64 {
	var sum int64
	for _, p := range e.Phases {
		sum += p
	}
	return sum
}

// oneLine is a task with a single deliverable.
func oneLine(lang, name, desc, requirements string) llm.Task {
	return llm.Task{Language: lang, Requirements: requirements, Lines: []llm.LineInput{{Name: name, Description: desc}}}
}

func hasJapanese(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF {
			return true
		}
	}
	return false
}

// unquoted removes the “quoted” parts of an English text: the names and keywords it cites
// from the user's own, possibly Japanese, input.
func unquoted(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "“")
		if i < 0 {
			return b.String() + s
		}
		b.WriteString(s[:i])
		j := strings.Index(s[i:], "”")
		if j < 0 {
			return b.String()
		}
		s = s[i+j+len("”"):]
	}
}

// texts of an estimate: everything a reader sees.
func allText(e llm.LineEstimate) []string {
	return append(append([]string{e.Reasoning}, e.Assumptions...), e.Risks...)
}
