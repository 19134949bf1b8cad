package offline

import (
	"strings"
	"unicode/utf8"

	"estimator/llm"
)

// Confidence is scored from the evidence a line's estimate stands on; every point is named in
// the reasoning.
const (
	pointsKind          = 1 // the kind was recognised from a keyword
	pointsDescription   = 1 // the line has a description of at least minDetailRunes characters
	pointsRequirements  = 1 // the task has requirements of at least minDetailRunes characters
	pointsAnswered      = 1 // at least one clarifying question was answered
	pointsLineSize      = 4 // the line itself states its size
	pointsSystemSize    = 2 // only the requirements or answers state the size
	pointsUnanswered    = -1
	maxUnansweredPoints = 2 // unanswered questions counted against confidence, at most

	minDetailRunes = 20
	minHigh        = 5 // points for high confidence
	minMedium      = 2 // points for medium confidence
)

// Confidence levels, the indexes of spreads.
const (
	levelLow = iota
	levelMedium
	levelHigh
)

// spreads give the range around the estimate by confidence, per-mille below and above.
// Software estimates overrun more often and by more than they underrun, so the range leans up.
var spreads = [...]struct {
	label    string
	name     bi
	down, up int64
}{
	levelLow:    {llm.ConfidenceLow, bi{"低", "low"}, 300, 700},
	levelMedium: {llm.ConfidenceMedium, bi{"中", "medium"}, 200, 400},
	levelHigh:   {llm.ConfidenceHigh, bi{"高", "high"}, 100, 200},
}

// Each unanswered question widens the range upwards, because the common case assumed for it
// is more often exceeded than undercut.
const (
	unansweredSpread    = 50 // per-mille per unanswered question
	maxUnansweredSpread = 200
)

// evidence is one line of the confidence score.
type evidence struct {
	points int
	what   bi
}

// confidence is the score of a line and the level it gives.
type confidence struct {
	level    int
	points   int
	evidence []evidence
}

// scoreConfidence weighs what a line's estimate stands on.
func scoreConfidence(t llm.Task, line int, recognised bool, sizeSrc source, unanswered int) confidence {
	var c confidence
	add := func(points int, what bi) {
		c.points += points
		c.evidence = append(c.evidence, evidence{points, what})
	}
	if recognised {
		add(pointsKind, bi{"種別を判定", "kind recognised"})
	}
	if detailed(t.Lines[line].Description) {
		add(pointsDescription, bi{"説明あり", "described"})
	}
	if detailed(t.Requirements) {
		add(pointsRequirements, bi{"要件あり", "requirements given"})
	}
	if len(t.Answers) > unanswered {
		add(pointsAnswered, bi{"質問に回答あり", "questions answered"})
	}
	switch sizeSrc {
	case srcNone:
	case srcLine:
		add(pointsLineSize, bi{"成果物に規模の記載", "size stated for the deliverable"})
	default:
		add(pointsSystemSize, bi{"要件・回答に規模の記載", "size stated in the requirements or answers"})
	}
	if unanswered > 0 {
		add(pointsUnanswered*min(unanswered, maxUnansweredPoints), bi{"未回答の質問", "unanswered questions"})
	}
	switch {
	case c.points >= minHigh:
		c.level = levelHigh
	case c.points >= minMedium:
		c.level = levelMedium
	}
	return c
}

func detailed(s string) bool {
	return utf8.RuneCountInString(strings.TrimSpace(s)) >= minDetailRunes
}
