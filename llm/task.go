package llm

// Task is what every operation knows about the estimate being made.
type Task struct {
	Language     string // "ja" or "en": the language of the questions and all estimate texts
	Title        string
	Requirements string
	Lines        []LineInput // every deliverable, in order (context for questions and for each line)
	Answers      []QA        // answered questions (empty answer = unknown → becomes an assumption)
}

// LineInput is one deliverable (成果物) as the user listed it.
type LineInput struct {
	Name        string
	Description string
}

// QA is a clarifying question with the user's answer; an empty answer means unknown.
type QA struct {
	Question  string
	Rationale string
	Answer    string
}

// Question is a clarifying question and why it matters for the estimate.
type Question struct {
	Text      string
	Rationale string
}

// Phase indexes of LineEstimate.Phases, ChatLine.Phases and the phases of proposals, in the
// order in which estimates list them.
const (
	PhaseRequirements = iota
	PhaseDesign
	PhaseImplementation
	PhaseTesting
	PhaseDocumentation
)

// MaxPhaseTenths bounds one phase of one deliverable (500 person-days): a larger figure is
// not an estimate of a deliverable but a sign that the deliverable must be split.
const MaxPhaseTenths = 5000

// Confidence labels of LineEstimate.Confidence.
const (
	ConfidenceLow    = "low"
	ConfidenceMedium = "medium"
	ConfidenceHigh   = "high"
)

// LineEstimate is the estimate of one deliverable. Effort in tenths of a person-day.
type LineEstimate struct {
	Phases      [5]int64 // requirements, design, implementation, testing, documentation (tenths)
	Optimistic  int64    // tenths, total
	Pessimistic int64    // tenths, total
	Confidence  string   // "low" | "medium" | "high"
	Reasoning   string
	Assumptions []string
	Risks       []string
}
