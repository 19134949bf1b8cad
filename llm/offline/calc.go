package offline

import (
	"strings"

	"estimator/llm"
	"estimator/llm/internal/keyword"
)

// unknownAnswers are answers that say nothing, treated like an empty answer.
var unknownAnswers = []string{"不明", "未定", "未確定", "わからない", "分からない", "わかりません", "分かりません", "検討中",
	"unknown", "tbd", "n/a", "not sure", "don't know", "do not know", "-", "?"}

// calculation is a line's offline estimate with every step kept, so that the reasoning can show
// the arithmetic as it was done.
type calculation struct {
	sys     *system
	line    int
	share   lineShare
	prof    profile // the kind of deliverable, for its working assumptions and risks
	exact   [5]int64
	phases  [5]int64
	capped  bool // a phase was over the most one deliverable may have
	total   int64
	stage   stage
	extraUp int64 // per-mille added above for unanswered questions

	optimistic, pessimistic int64
}

// calculate runs the offline model for line of the sized system s: the line's share is
// estimated with its range.
func calculate(s *system, line int) *calculation {
	c := &calculation{sys: s, line: line, share: s.lines[line]}
	c.prof = profiles[c.share.role.profile()]
	c.exact = c.share.phases()
	for p, v := range c.exact {
		c.phases[p] = min(v, llm.MaxPhaseTenths)
		c.capped = c.capped || v > llm.MaxPhaseTenths
		c.total += c.phases[p]
	}
	c.stage = stageOf(s)
	c.extraUp = min(unansweredSpread*int64(len(s.unanswered)), maxUnansweredSpread)
	c.optimistic = scaleBy(c.total, c.stage.low)
	c.pessimistic = scaleBy(c.total, c.stage.high+c.extraUp)
	return c
}

// isUnknown reports whether an answer says nothing: empty, or "不明", "TBD" and the like.
func isUnknown(answer string) bool {
	a := strings.TrimRight(strings.TrimSpace(keyword.Fold(answer)), "。.!")
	if a == "" {
		return true
	}
	for _, u := range unknownAnswers {
		if a == u {
			return true
		}
	}
	return false
}
