package views

import "time"

// EstimateView is everything below a task's header: the questions, the progress of a run and
// its result. Handlers fill the parts the task's status calls for.
type EstimateView struct {
	TaskID    string
	Status    string // the task status, as on <main data-status>
	Message   Msg    // why the task needs the user (status failed)
	Questions []QuestionView
	Run       *RunView // the latest run, if any
	Currency  string
	Totals    *TotalsView // when the run has a revision
	Chart     []ChartBar
	Cost      CostView
	// OfferOffline offers to estimate the failed lines with the offline engine, because they
	// failed for want of the model. Never done without the user asking.
	OfferOffline bool
}

// Pending reports whether work is still going on, so the page keeps polling.
func (e EstimateView) Pending() bool {
	return e.Status == "generating_questions" || e.Status == "estimating"
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
	Lines               []ResultLine
	AllOffline          bool // every estimated line came from the offline engine
}

// ResultLine is one deliverable in a run: pending, done, failed or cancelled.
type ResultLine struct {
	N                     int
	Name, Description     string
	State                 string
	Phases                [5]int64 // tenths
	DaysTenths            int64
	OptimisticTenths      int64
	PessimisticTenths     int64
	AmountMinor           int64
	Confidence, Reasoning string
	Assumptions, Risks    []string
	Offline               bool   // estimated by the offline engine
	Model                 string // the model that answered, when not offline
	Error                 Msg
}

// TotalsView is the money of the document, following the domain rules.
type TotalsView struct {
	DaysTenths                      int64
	ContingencyMinor                int64
	DiscountMinor, SubtotalMinor    int64
	TaxRateBP, TaxMinor, TotalMinor int64
}

// ChartBar is one bar of the amounts chart.
type ChartBar struct {
	Label       string
	AmountMinor int64
}

// CostView is what the model calls of this task cost.
type CostView struct {
	Calls                     int
	InputTokens, OutputTokens int
	CostMicroUSD              int64
}
