package views

// RevisionListView is a task's revision history, newest first.
type RevisionListView struct {
	TaskID, Currency string
	Current          int // the latest revision's number
	Rows             []RevisionRow
}

// RevisionRow is one revision in the history, with its totals and the change of its total against
// the revision it was based on.
type RevisionRow struct {
	RevisionMeta
	SubtotalMinor, TotalMinor int64
	// Against is the revision the change of total is measured against: its base, or for a restore
	// the revision it replaced; 0 for the first revision.
	Against    int
	DeltaMinor int64 // TotalMinor minus the total of revision Against
}

// RevisionPageView is one revision, read-only.
type RevisionPageView struct {
	TaskID  string
	Meta    RevisionMeta
	Current int // the latest revision's number: restoring makes revision Current+1
	Table   TableView
}

// CompareView compares two revisions line by line, matched by line identity.
type CompareView struct {
	TaskID, Currency string
	A, B             RevisionMeta
	Numbers          []int // every revision's number, for choosing others
	Rows             []CompareRow
	Totals           []CompareTotal
}

// Row states of a comparison.
const (
	CompareSame    = "same"
	CompareChanged = "changed"
	CompareAdded   = "added"
	CompareRemoved = "removed"
)

// CompareRow is one line in either revision.
type CompareRow struct {
	Key, Name                 string
	OldName                   string // the name in A when it was renamed
	State                     string
	DaysA, DaysB              int64
	AmountA, AmountB          int64
	DaysChanged, AmountChange bool
}

// CompareTotal is one line of the totals side by side.
type CompareTotal struct {
	ID, LabelKey string
	Args         []any
	A, B         int64
}

// ConflictView explains why a change was not made: the estimate moved on since the page the user
// acted on. It shows what changed in between, and the ways on.
type ConflictView struct {
	TaskID        string
	Base, Current int
	Rows          []CompareRow
	Currency      string
	// RecomputeURL, when set, re-bases a proposal on the current revision without a model call.
	RecomputeURL string
}
