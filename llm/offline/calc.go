package offline

import (
	"slices"
	"strings"

	"estimator/llm"
	"estimator/llm/internal/keyword"
)

// maxTotal bounds a line's total effort, in tenths: a larger total means the deliverable must
// be split. No lower bound is needed: the smallest product of the tables is 0.9 person-days.
const maxTotal = llm.MaxPhaseTenths

// unknownAnswers are answers that say nothing, treated like an empty answer.
var unknownAnswers = []string{"不明", "未定", "未確定", "わからない", "分からない", "わかりません", "分かりません", "検討中",
	"unknown", "tbd", "n/a", "not sure", "don't know", "do not know", "-", "?"}

// calculation is every step of a line's offline estimate, kept so that the reasoning can show
// the arithmetic as it was done.
type calculation struct {
	det      detection
	prof     profile
	sizeProf profile // the profile whose measure and reference size apply: prof, or a design's subject
	subject  string  // the keyword naming a design's subject; "" when none
	share    int64   // lines among which system-wide counts are divided; 1 when not divided

	counts counts // the counts that apply to this line
	whole  counts // the system-wide counts before division

	size       int64
	sizeSrc    source // where the size came from: the line wins over the task; srcNone when unstated
	sizeFactor int64
	intFactor  int64 // 0 when not applied
	userFactor int64 // 0 when not applied
	hits       []complexityHit
	complexRaw int64
	complexity int64
	factors    []int64 // the multipliers other than ×1, in the order applied
	exact      int64   // the effort before its bounds, in tenths
	total      int64
	phases     [5]int64

	unanswered []string        // questions left unanswered
	known      [numTopics]bool // bank topics with a known answer
	mentioned  [numTopics]bool // bank topics the requirements or known answers speak of
	conf       confidence
	extraUp    int64 // per-mille added above for unanswered questions

	optimistic, pessimistic int64
}

// calculate runs the offline model for t.Lines[line].
func calculate(t llm.Task, line int) *calculation {
	in := t.Lines[line]
	name, desc := keyword.Fold(in.Name), keyword.Fold(in.Description)
	tx := texts{line: name + "\n" + desc, requirements: keyword.Fold(t.Requirements)}

	c := &calculation{det: detectProfile(name, desc), share: 1}
	c.prof = profiles[c.det.profile]
	c.sizeProf = c.prof
	if c.det.profile == profileDesign {
		if subj, kw, ok := subjectOf(name, desc); ok {
			c.sizeProf, c.subject = profiles[subj], kw
		}
	}
	for _, a := range t.Answers {
		if isUnknown(a.Answer) {
			c.unanswered = append(c.unanswered, a.Question)
			continue
		}
		tx.answers = append(tx.answers, keyword.Fold(a.Answer))
		if tp, ok := bankTopic(a.Question); ok {
			c.known[tp] = true
		}
	}
	for tp, e := range questionBank {
		for _, w := range e.words {
			if c.mentioned[tp] {
				break
			}
			c.mentioned[tp] = keyword.Contains(tx.requirements, w) || slices.ContainsFunc(tx.answers, func(a string) bool { return keyword.Contains(a, w) })
		}
	}
	if c.prof.shared {
		c.share = 0
		for _, other := range t.Lines {
			if detectProfile(keyword.Fold(other.Name), keyword.Fold(other.Description)).profile == c.det.profile {
				c.share++
			}
		}
	}

	c.countSignals(tx)
	c.scale(tx)
	c.phases = splitPhases(c.total, c.prof.split)

	evidenceSrc := c.sizeSrc
	if c.sizeProf.measure == measureNone {
		evidenceSrc = c.counts.src[sigUsers] // the users are the only size an environment has
	}
	c.conf = scoreConfidence(t, line, c.det.keyword != "", evidenceSrc, len(c.unanswered))
	s := spreads[c.conf.level]
	c.extraUp = min(unansweredSpread*int64(len(c.unanswered)), maxUnansweredSpread)
	c.optimistic = scaleBy(c.total, 1000-s.down)
	c.pessimistic = scaleBy(c.total, 1000+s.up+c.extraUp)
	return c
}

// countSignals settles the counts that apply to the line: its own, else the task's, divided
// among the lines of a shared profile, except users, who use every part of the system.
func (c *calculation) countSignals(tx texts) {
	c.counts = scanCounts(tx.line, srcLine)
	c.whole = scanCounts(tx.requirements, srcRequirements)
	for _, a := range tx.answers {
		c.whole.merge(scanCounts(a, srcAnswers))
	}
	for s := range numSignals {
		if c.counts.has(s) || !c.whole.has(s) {
			continue
		}
		n := c.whole.n[s]
		if s != sigUsers {
			n = shareOf(n, c.share)
		}
		c.counts.n[s], c.counts.src[s] = n, c.whole.src[s]
	}
	for _, s := range measures[c.sizeProf.measure].signals {
		if !c.counts.has(s) {
			continue
		}
		c.size += c.counts.n[s]
		if c.sizeSrc != srcLine {
			c.sizeSrc = c.counts.src[s]
		}
	}
}

// scale multiplies the base effort by size, integrations, users and complexity, and bounds it.
func (c *calculation) scale(tx texts) {
	c.sizeFactor = 1000
	if c.sizeSrc != srcNone {
		c.sizeFactor = sizeFactor(c.size, c.sizeProf.ref)
	}
	c.apply(c.sizeFactor)
	if c.prof.integrations && c.counts.has(sigIntegrations) {
		c.intFactor = integrationFactor(c.counts.n[sigIntegrations])
		c.apply(c.intFactor)
	}
	if c.prof.users && c.counts.has(sigUsers) {
		c.userFactor = userFactor(c.counts.n[sigUsers])
		c.apply(c.userFactor)
	}
	c.hits = findComplexity(tx)
	c.complexRaw = 1000
	for _, h := range c.hits {
		c.complexRaw = scaleBy(c.complexRaw, h.factor)
	}
	c.complexity = min(max(c.complexRaw, minComplexity), maxComplexity)
	c.apply(c.complexity)

	// The product is kept in thousandths of a tenth, truncated after each step and rounded
	// half up to a tenth once, at the end.
	x := c.prof.base * 1000
	for _, f := range c.factors {
		x = x * f / 1000
	}
	c.exact = (x + 500) / 1000
	c.total = min(c.exact, maxTotal)
}

func (c *calculation) apply(factor int64) {
	if factor != 1000 {
		c.factors = append(c.factors, factor)
	}
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
