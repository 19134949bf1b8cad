package views

import "time"

// ChatView is the negotiation chat of a task: the conversation in order, the proposal cards of
// the replies, and the form for the next message.
type ChatView struct {
	TaskID   string
	Base     int // the current revision: what a new message is about
	Currency string
	Messages []ChatMessageView
	Draft    string // the message as typed, when it comes back with an error
	Error    Msg
	// OfferOffline offers the offline rules for a reply the model could not give.
	OfferOffline bool
}

// Pending reports whether a reply is still being written, so the chat keeps polling.
func (c ChatView) Pending() bool {
	for _, m := range c.Messages {
		if m.Status == "pending" {
			return true
		}
	}
	return false
}

// ChatMessageView is one message: the user's, or a reply with its cards.
type ChatMessageView struct {
	ID       int64
	Role     string // user or assistant
	Content  string
	Status   string // pending, done or failed
	Error    Msg
	Offline  bool // written by the offline rules
	Revision int  // the revision it was about
	Created  time.Time
	Cards    []CardView    // the latest reply's cards, priced
	Earlier  []CardSummary // an earlier reply's cards, by title
}

// CardSummary names a card of an earlier reply.
type CardSummary struct {
	Title   string
	Applied int // the revision applying it made, 0 if it was not applied
}

// CardView is a proposal with its effect computed from its base revision: the changed lines
// before and after, and the document's new totals.
type CardView struct {
	ID                 int64
	N                  int
	Title, Description string
	Base               int
	Stale              bool         // the estimate has a newer revision than the card's base
	Applied            int          // the revision applying it made, 0 while open
	Rows               []CompareRow // the lines it changes most
	MoreRows           int          // changed lines not listed
	DiscountMinor      int64        // discount the card adds
	UnitCostMinor      int64        // unit cost the card sets, 0 when unchanged
	Before, After      TotalsView
}

// DeltaMinor is how much the card moves the subtotal (税抜).
func (c CardView) DeltaMinor() int64 { return c.After.SubtotalMinor - c.Before.SubtotalMinor }
