package views

import "time"

// EstimateView is everything below a task's header: the questions, the progress of a run, and
// the current revision with what can be done to it. Handlers fill the parts the task's status
// calls for.
type EstimateView struct {
	TaskID    string
	Status    string // the task status, as on <main data-status>
	Message   Msg    // why the task needs the user when no run explains it (questions failed)
	Questions []QuestionView
	Run       *RunView    // the latest run while it is in progress, failed, or cancelled before any revision
	Result    *ResultView // the current revision, once there is one and no run is in progress
	Cost      CostView
	// OfferOffline offers to estimate the failed lines with the offline engine, because they
	// failed for want of the model. Never done without the user asking.
	OfferOffline bool
	// Version is the task's version the section was built at, sent back by its polling so that
	// the server can answer "nothing changed"; 0 when unknown.
	Version int64
}

// Pending reports whether work is still going on, so the page keeps polling: questions, a run, or
// a deliverable being added by the engine.
func (e EstimateView) Pending() bool {
	return e.Status == "generating_questions" || e.Status == "estimating" || (e.Result != nil && e.Result.addingLines())
}

// QuestionView is one clarifying question with the answer given so far.
type QuestionView struct {
	N                       int
	Text, Rationale, Answer string
}

// RunView is one estimation run: its progress and each line as it lands.
type RunView struct {
	Done, Failed, Total int
	Elapsed             time.Duration
	Table               TableView
	// Cancelled is a run stopped before it made any revision: its finished lines are shown with
	// the totals of those lines only.
	Cancelled bool
}

// ResultView is the current revision of an estimate and the ways to change it.
type ResultView struct {
	Revision RevisionMeta
	Table    TableView
	Chart    []ChartBar
	Adjust   AdjustView
	Chat     ChatView
	Quote    QuoteTermsView
	// Adding are deliverables the engine is estimating to add, or failed to since this revision.
	Adding []AddingLine
	// Checks are the plausibility findings about the revision, in the task's language.
	Checks []CheckView
}

// CheckView is one plausibility finding: its code, for tests and styling, and its text.
type CheckView struct {
	Code, Text string
}

// AddingLine is a deliverable being added by the engine, or whose estimate failed.
type AddingLine struct {
	ID     int64 // the task line
	Name   string
	Failed bool
}

// addingLines reports whether a deliverable is still being estimated.
func (r ResultView) addingLines() bool {
	for _, a := range r.Adding {
		if !a.Failed {
			return true
		}
	}
	return false
}

// RevisionMeta says which revision is shown and how it came to be.
type RevisionMeta struct {
	Number  int
	Kind    string // initial, re_estimate, quick_action, manual_edit, proposal, restore
	Note    string // in the task's language
	Created time.Time
	Count   int // revisions of the task, for the link to the history
}

// TableView is a table of lines with their totals: the current revision, an older one, or a run
// in progress.
type TableView struct {
	TaskID     string
	Currency   string
	Lines      []ResultLine
	Totals     *TotalsView
	AllOffline bool // every estimated line came from the offline engine: one notice, no badges
	// Base is the revision the rows' edit and delete controls act on; 0 shows no controls.
	Base int
	// Partial marks totals over only the finished lines of a run that did not finish.
	Partial bool
	// Revision is the revision whose lines a document's table shows; 0 for a run's.
	Revision int
	// DetailsOnDemand collapses each line's breakdown to a link, fetched when opened: a big
	// table's details would make its page megabytes long.
	DetailsOnDemand bool
}

// ResultLine is one deliverable: pending, done, failed or cancelled during a run; done in a
// revision.
type ResultLine struct {
	N                     int    // position, 1-based
	Key                   string // identity across revisions
	Name, Description     string
	State                 string
	Phases                [5]int64 // tenths
	DaysTenths            int64
	OptimisticTenths      int64
	PessimisticTenths     int64
	UnitCostMinor         int64
	AmountMinor           int64
	Confidence, Reasoning string
	Assumptions, Risks    []string
	Source                string // ai, offline or manual
	Model                 string // the model that answered, for ai lines of a run
	Error                 Msg
	// OwnUnitCost shows the line's unit cost, because it differs from the task's.
	OwnUnitCost bool
}

// Offline reports whether the offline engine estimated the line.
func (l ResultLine) Offline() bool { return l.Source == "offline" }

// Manual reports whether a person typed the line's figures.
func (l ResultLine) Manual() bool { return l.Source == "manual" }

// TotalsView is the money of the document, following the domain rules.
type TotalsView struct {
	DaysTenths                      int64
	LinesMinor                      int64
	RangeLowMinor, RangeHighMinor   int64  // the lines' total's likely range (PERT, ±2σ)
	RangeConfidence                 string // "low" | "medium" | "high", from the range's width
	ContingencyBP, ContingencyMinor int64
	DiscountMinor, SubtotalMinor    int64
	TaxRateBP, TaxMinor, TotalMinor int64
}

// ChartBar is one bar of the amounts chart.
type ChartBar struct {
	Label       string
	AmountMinor int64
}

// CostView is what the model calls of this task cost. Estimated counts the calls that returned
// no usage (lost to a crash, or failed), whose tokens were estimated from the prompt.
type CostView struct {
	Calls                     int
	InputTokens, OutputTokens int
	CostMicroUSD              int64
	Estimated                 int
}

// columns is the number of columns of the table: the action column is there only when rows can
// be edited.
func (t TableView) columns() int {
	if t.Base > 0 {
		return 7
	}
	return 6
}
