package views

import "strconv"

// LineFormView is the form that edits one line of a revision, or adds one, with the figures as
// typed and what is wrong with them.
type LineFormView struct {
	TaskID   string
	Base     int // the revision the form was rendered from
	N        int // the line's position in Base; 0 adds a line
	Currency string
	Name     string
	Desc     string
	Phases   [5]string // person-days as typed, one decimal
	UnitCost string    // empty keeps the line's (or, for a new line, the task's) unit cost
	Note     string
	// Mode, for a new line: "engine" has the task's engine estimate it, "manual" takes the
	// figures typed.
	Mode string
	// UnitCostMinor is the unit cost that applies when UnitCost is left empty.
	UnitCostMinor int64
	Errors        map[string]Msg // by field name; "form" for the form as a whole
}

// action is where the form posts.
func (v LineFormView) action() string {
	if v.N == 0 {
		return "/tasks/" + v.TaskID + "/lines"
	}
	return "/tasks/" + v.TaskID + "/lines/" + strconv.Itoa(v.N)
}

// errorFor is the message of a field, or the zero Msg.
func (v LineFormView) errorFor(field string) Msg { return v.Errors[field] }
