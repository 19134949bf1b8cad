package estimate

// Phase is one step of a deliverable's work. Efforts are broken down by phase so a reader can
// see where the days go and compare the split with the usual shares of a software project.
type Phase int

// The phases, in display order.
const (
	Requirements Phase = iota
	Design
	Implementation
	Testing
	Documentation
)

// PhaseCount is the number of phases; phases are the integers 0 to PhaseCount-1.
const PhaseCount = 5

// Key returns the phase's stable lower-case name ("requirements", "design", …), from which
// translation keys and form field names are built. It returns "" for a value that is not a phase.
func (p Phase) Key() string {
	switch p {
	case Requirements:
		return "requirements"
	case Design:
		return "design"
	case Implementation:
		return "implementation"
	case Testing:
		return "testing"
	case Documentation:
		return "documentation"
	}
	return ""
}
