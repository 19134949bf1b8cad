package views

import "strconv"

// AdjustView is the panel of quick adjustments: fit to a budget, unit cost, contingency, discount
// and removing lines. Each is its own form posting to /tasks/{id}/adjust with the revision it was
// rendered from as base.
type AdjustView struct {
	TaskID   string
	Base     int
	Currency string
	Lines    []LineOption
	// Values are the fields as last typed, by "action.field" (budget.amount), so a form that
	// comes back with an error keeps them.
	Values map[string]string
	// Errors are shown next to their fields, by the same keys as Values; "form" is an error of
	// the panel as a whole.
	Errors map[string]Msg
}

// LineOption is a line of the current revision as a choice in a form.
type LineOption struct {
	N    int
	Name string
}

// The quick actions, as sent in the action field.
const (
	ActionBudget      = "budget"
	ActionUnitCost    = "unit_cost"
	ActionContingency = "contingency"
	ActionDiscount    = "discount"
	ActionRemove      = "remove"
)

// value returns what was typed in a field, or def when nothing was.
func (a AdjustView) value(key, def string) string {
	if v, ok := a.Values[key]; ok {
		return v
	}
	return def
}

// lineChecked reports whether line n was picked in the form of action.
func (a AdjustView) lineChecked(action string, n int) bool {
	return a.Values[LinePickKey(action, n)] != ""
}

// anyLine reports whether some line was picked in the form of action.
func (a AdjustView) anyLine(action string) bool {
	for _, l := range a.Lines {
		if a.lineChecked(action, l.N) {
			return true
		}
	}
	return false
}

// LinePickKey is the Values key that records line n as picked in the form of action.
func LinePickKey(action string, n int) string {
	return action + ".line." + strconv.Itoa(n)
}

// errorFor is the message for a field, or the zero Msg.
func (a AdjustView) errorFor(key string) Msg { return a.Errors[key] }
