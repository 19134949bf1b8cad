// Package eval runs an estimating engine over reference projects whose sound estimates are known
// from public data (IPA, JUAS), and reports how far its figures are from them. A reference case
// holds a band, never a point: the public figures are medians with wide spreads, and an engine is
// judged on landing inside an honest range, not on matching one number.
package eval

import "estimator/llm"

// Case is one reference project: the task as a user would submit it, and what a sound estimate of
// it looks like.
type Case struct {
	ID           string // the file name without .json
	Language     string // "ja" or "en"
	Title        string
	Requirements string
	Lines        []llm.LineInput
	Answers      []llm.QA
	Expect       Expect
	Source       string // how the bands were derived from the public figures
}

// Expect is what a sound estimate of a case looks like.
type Expect struct {
	Total  Band         // tenths of a person-day
	Phases [5]ShareBand // share of the total per phase, in the order of llm.LineEstimate.Phases
}

// Band is a range of effort in tenths of a person-day, both ends included.
type Band struct{ Min, Max int64 }

// Contains reports whether tenths lies inside the band.
func (b Band) Contains(tenths int64) bool { return b.Min <= tenths && tenths <= b.Max }

// ShareBand is a range of shares of the total (0.3 = 30 %), both ends included.
type ShareBand struct{ Min, Max float64 }

// Contains reports whether share lies inside the band.
func (b ShareBand) Contains(share float64) bool { return b.Min <= share && share <= b.Max }

// phaseNames are the keys of the phase bands in a case file, in the order of the phases.
var phaseNames = [5]string{"requirements", "design", "implementation", "testing", "documentation"}

// Task is the case as an engine receives it. The answers carry no rationale: a case records what
// the user said, not why some engine asked.
func (c Case) Task() llm.Task {
	return llm.Task{
		Language:     c.Language,
		Title:        c.Title,
		Requirements: c.Requirements,
		Lines:        c.Lines,
		Answers:      c.Answers,
	}
}
