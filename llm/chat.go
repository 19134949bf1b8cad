package llm

// ChatRequest is one turn of the negotiation chat about a revision of an estimate: "make it
// ¥300,000 cheaper", "remove the manuals", "why so much testing?". The engine decides what to
// change and says why; every figure of a proposal's effect is computed by the caller.
type ChatRequest struct {
	Task     Task       // Language decides the reply's language; Title and Requirements give context (Lines and Answers may be empty)
	Lines    []ChatLine // the revision being negotiated, in order
	Currency string     // ISO code of the estimate's money: "JPY" or "USD"
	Totals   ChatTotals
	History  []ChatTurn // earlier turns, oldest first, as stored; the engine shortens them itself
	Message  string     // the user's words this turn
}

// ChatLine is a line of the revision being negotiated, as the engine sees it.
type ChatLine struct {
	Position              int // as the proposals refer to it; unique within the revision
	Name, Description     string
	Phases                [5]int64 // tenths, indexed by the Phase constants
	UnitCostMinor         int64    // minor units per person-day
	Confidence, Reasoning string
	Assumptions, Risks    []string
}

// ChatTotals are the revision's totals, as the estimate package computed them, in minor units
// except the rates (basis points).
type ChatTotals struct {
	LinesMinor, ContingencyBP, ContingencyMinor, DiscountMinor, SubtotalMinor int64
	TaxRateBP, TaxMinor, TotalMinor                                           int64
}

// ChatTurn is an earlier message of the chat.
type ChatTurn struct {
	Role    string // ChatRoleUser or ChatRoleAssistant
	Content string
}

// Roles of ChatTurn.Role.
const (
	ChatRoleUser      = "user"
	ChatRoleAssistant = "assistant"
)

// ChatReply is the engine's answer to one turn.
type ChatReply struct {
	Kind string // ChatAdjust, ChatAnswer or ChatOther
	// Text is what the assistant says. For ChatAdjust it is a short introduction to the
	// proposals; it never states an amount, because every amount shown is computed in Go.
	Text string
	// Intent is what the user asked for, as ParseIntent read it. A model fills in
	// TargetDeltaMinor from its own reading when the message named no amount Go could parse.
	Intent    Intent
	Proposals []Proposal // ChatAdjust only: 1–3 alternatives, best first
}

// Kinds of ChatReply.Kind.
const (
	ChatAdjust = "adjust" // about price or scope, with proposals
	ChatAnswer = "answer" // a question answered from the estimate
	ChatOther  = "other"  // neither: a short helpful reply
)

// Proposal is one suggested adjustment of a revision. Its effect on days and money is
// computed by the caller, never taken from the engine.
type Proposal struct {
	Title, Description string
	Changes            []LineChange   // existing lines, by Position
	Additions          []LineAddition // new deliverables
	DiscountMinor      int64          // 出精値引 added to the current one, >= 0
	UnitCostMinor      int64          // the new unit cost of every line; 0 = unchanged
}

// LineChange sets an existing line's phases (all five), or removes the line, with the reason
// shown to the user.
type LineChange struct {
	Position int
	Phases   [5]int64 // tenths; zero when Remove
	Remove   bool
	Reason   string
}

// LineAddition is a new deliverable a proposal adds, with its effort and the reason.
type LineAddition struct {
	Name, Description string
	Phases            [5]int64 // tenths
	Reason            string
}
