package estimate

import (
	"fmt"
	"slices"
)

// Proposal is a set of changes against a base document, as a proposal card shows them. Its
// effect is always computed by Apply, never taken from the model that proposed it.
type Proposal struct {
	Changes       []LineChange `json:"changes,omitempty"`
	Additions     []NewLine    `json:"additions,omitempty"`
	DiscountMinor int64        `json:"discount_minor,omitempty"`  // added to the base document's discount (>= 0)
	UnitCostMinor int64        `json:"unit_cost_minor,omitempty"` // new unit cost of every line, additions included; 0 = unchanged
}

// LineChange changes or removes one line of the base document.
type LineChange struct {
	Key    string            `json:"key"`
	Remove bool              `json:"remove,omitempty"`
	Phases [PhaseCount]int64 `json:"phases"` // the line's new phases (tenths); ignored when Remove
	Reason string            `json:"reason,omitempty"`
}

// NewLine is a deliverable a proposal adds.
type NewLine struct {
	Key         string            `json:"key"`
	Name        string            `json:"name"`
	Description string            `json:"description,omitempty"`
	Phases      [PhaseCount]int64 `json:"phases"`
	Source      Source            `json:"source"`
	Confidence  Confidence        `json:"confidence,omitempty"`
	Reasoning   string            `json:"reasoning,omitempty"`
	Reason      string            `json:"reason,omitempty"`
}

// Apply returns the document with p applied: changed lines get their new phases (range
// rescaled with WithPhases), removed lines are dropped, additions are appended priced at
// p.UnitCostMinor or else at the unit cost most lines of d have (of costs equally common, the
// one that comes first in d), the discount grows by p.DiscountMinor, and a p.UnitCostMinor
// above 0 becomes every line's unit cost. The reasons are the proposal's and are not stored in
// the lines; an addition's range is its days.
//
// It fails with ErrNegativeDiscount or ErrNegativeUnitCost for such a p; ErrUnknownLine for a
// change of a key not in d; ErrDuplicateChange for a key changed twice; ErrDuplicateKey for an
// addition whose key another line has; Validate's error (ErrPhaseOutOfRange, ErrNoEffort) for
// a changed or added line; ErrNoLines when no line would be left, or when additions need a unit
// cost and neither p nor d has one; and the error of the new document's totals, such as
// ErrNegativeSubtotal.
func (d Document) Apply(p Proposal) (Document, error) {
	out, _, err := d.apply(p)
	return out, err
}

// apply is Apply, returning the new document's totals too.
func (d Document) apply(p Proposal) (Document, Totals, error) {
	if p.DiscountMinor < 0 {
		return Document{}, Totals{}, fmt.Errorf("%w: the proposal's discount is %d", ErrNegativeDiscount, p.DiscountMinor)
	}
	if p.UnitCostMinor < 0 {
		return Document{}, Totals{}, fmt.Errorf("%w: the proposal's unit cost is %d", ErrNegativeUnitCost, p.UnitCostMinor)
	}
	out := d.Clone()
	removed, err := out.applyChanges(p.Changes)
	if err != nil {
		return Document{}, Totals{}, err
	}
	added, err := d.newLines(p)
	if err != nil {
		return Document{}, Totals{}, err
	}
	out.Lines = append(slices.DeleteFunc(out.Lines, func(l Line) bool { return removed[l.Key] }), added...)
	if len(out.Lines) == 0 {
		return Document{}, Totals{}, fmt.Errorf("%w: the proposal removes all %d lines", ErrNoLines, len(d.Lines))
	}
	if p.UnitCostMinor > 0 {
		for i := range out.Lines {
			out.Lines[i].UnitCostMinor = p.UnitCostMinor
		}
	}
	if out.DiscountMinor, err = add(out.DiscountMinor, p.DiscountMinor); err != nil {
		return Document{}, Totals{}, fmt.Errorf("estimate: apply the proposal's discount: %w", err)
	}
	t, err := out.Totals()
	if err != nil {
		return Document{}, Totals{}, fmt.Errorf("estimate: apply the proposal: %w", err)
	}
	return out, t, nil
}

// applyChanges gives the changed lines of d, which the caller owns, their new phases, and
// returns the keys of the lines to remove.
func (d Document) applyChanges(changes []LineChange) (map[string]bool, error) {
	seen := make(map[string]bool, len(changes))
	removed := make(map[string]bool)
	for _, c := range changes {
		i := d.LineIndex(c.Key)
		if i < 0 {
			return nil, fmt.Errorf("%w: the proposal changes %q", ErrUnknownLine, c.Key)
		}
		if seen[c.Key] {
			return nil, fmt.Errorf("%w: %q", ErrDuplicateChange, c.Key)
		}
		seen[c.Key] = true
		if c.Remove {
			removed[c.Key] = true
			continue
		}
		e := d.Lines[i].Effort.WithPhases(c.Phases)
		if err := e.Validate(); err != nil {
			return nil, fmt.Errorf("estimate: change of line %q: %w", c.Key, err)
		}
		d.Lines[i].Effort = e
	}
	return removed, nil
}

// newLines returns p's additions as lines priced for d.
func (d Document) newLines(p Proposal) ([]Line, error) {
	if len(p.Additions) == 0 {
		return nil, nil
	}
	cost := p.UnitCostMinor
	if cost == 0 {
		var err error
		if cost, err = d.commonUnitCost(); err != nil {
			return nil, err
		}
	}
	keys := make(map[string]bool, len(p.Additions))
	lines := make([]Line, 0, len(p.Additions))
	for _, n := range p.Additions {
		if n.Key != "" && (keys[n.Key] || d.LineIndex(n.Key) >= 0) {
			return nil, fmt.Errorf("%w: the proposal adds %q", ErrDuplicateKey, n.Key)
		}
		keys[n.Key] = true
		e := Effort{}.WithPhases(n.Phases)
		if err := e.Validate(); err != nil {
			return nil, fmt.Errorf("estimate: new line %q: %w", n.Name, err)
		}
		lines = append(lines, Line{Key: n.Key, Name: n.Name, Description: n.Description, Effort: e,
			UnitCostMinor: cost, Confidence: n.Confidence, Reasoning: n.Reasoning, Source: n.Source})
	}
	return lines, nil
}

// commonUnitCost returns the unit cost most lines of d have; of costs equally common, the one
// that comes first in d. New lines get it because it is the rate the quotation already uses.
func (d Document) commonUnitCost() (int64, error) {
	if len(d.Lines) == 0 {
		return 0, fmt.Errorf("%w: no unit cost to price new lines at; the proposal must give one", ErrNoLines)
	}
	count := make(map[int64]int, len(d.Lines))
	for _, l := range d.Lines {
		count[l.UnitCostMinor]++
	}
	best := d.Lines[0].UnitCostMinor
	for _, l := range d.Lines {
		if count[l.UnitCostMinor] > count[best] {
			best = l.UnitCostMinor
		}
	}
	return best, nil
}
