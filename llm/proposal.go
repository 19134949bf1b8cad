package llm

// ProposalRequest asks an engine for ways to move an estimate by TargetDeltaMinor, for
// negotiation such as "make it ¥300,000 cheaper". The engine only suggests changes; their
// effect on days and money is computed by the caller.
type ProposalRequest struct {
	Task             Task
	Lines            []ProposalLine
	Currency         string // ISO code of the estimate's money: "JPY" or "USD"
	UnitCostMinor    int64  // minor units per person-day
	TargetDeltaMinor int64  // negative = cheaper
	Message          string // the user's words
}

// ProposalLine is a line of the revision being negotiated, as the engine sees it.
type ProposalLine struct {
	Position int
	Name     string
	Phases   [5]int64 // tenths, indexed by the Phase constants
}

// Proposal is one suggested adjustment: line changes and/or a discount (出精値引).
type Proposal struct {
	Title         string
	Description   string
	Changes       []LineChange
	DiscountMinor int64
}

// LineChange sets a line's phases, or removes the line, with the reason shown to the user.
type LineChange struct {
	Position int
	Phases   [5]int64
	Remove   bool
	Reason   string
}
