package views

import "time"

// TaskListView is one page of the estimates list.
type TaskListView struct {
	Q                string
	Rows             []TaskRow
	Total            int
	From, To         int // 1-based positions of the first and last row shown
	PrevURL, NextURL string
	Empty            bool   // no estimates at all (as opposed to none matching Q)
	Self             string // this page's URL, where deleting a row comes back to
	// Page and LastURL are set when the page asked for is past the last one.
	Page    int
	LastURL string
}

// TaskRow is one estimate in the list.
type TaskRow struct {
	ID, Title, Client, Status string
	Lines                     int
	Created                   time.Time
	Currency                  string
	Total                     *int64 // tax included, from the latest revision; nil before the first
}

// TaskView is the header of a task page.
type TaskView struct {
	ID, Title, Client, Status string
	Language, Currency        string
	UnitCostMinor, TaxRateBP  int64
	Requirements              string
	Created                   time.Time
	Lines                     []FormRow
}
