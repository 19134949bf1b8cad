package estimate

import "fmt"

// Confidence is how sure an estimate is of its numbers.
type Confidence string

// The confidence levels.
const (
	Low    Confidence = "low"
	Medium Confidence = "medium"
	High   Confidence = "high"
)

// Source says where a line's numbers come from, so the pages and documents can label the numbers
// no model produced.
type Source string

// The sources of a line.
const (
	SourceAI      Source = "ai"      // a language model
	SourceOffline Source = "offline" // the deterministic engine used without a model
	SourceManual  Source = "manual"  // typed in by a person
)

// Line is one deliverable (成果物) with its estimate.
type Line struct {
	// Key identifies the same deliverable across revisions ("line-12"), so a renamed or moved
	// line is still compared with itself. It may be empty; such a line matches no other.
	Key               string
	Name, Description string
	Effort            Effort
	UnitCostMinor     int64 // price of one person-day, in minor units
	Confidence        Confidence
	Reasoning         string
	Assumptions       []string
	Risks             []string
	Source            Source
	Model             string // the language model behind a SourceAI line's figures; shown, never computed with
}

// Amount returns the line's price in minor units: Days × UnitCostMinor / 10 (days are in tenths),
// rounded half up, so 1.2 days at ¥40,000 is ¥48,000. It fails with ErrPhaseOutOfRange or
// ErrNegativeUnitCost for numbers no estimate can have, and with ErrOverflow when the amount
// does not fit in int64.
func (l Line) Amount() (int64, error) {
	if err := l.Effort.checkPhases(); err != nil {
		return 0, err
	}
	if err := l.checkUnitCost(); err != nil {
		return 0, err
	}
	return mulDiv(l.Effort.Days(), l.UnitCostMinor, tenthsPerDay, RoundHalfUp)
}

// AmountRange returns the prices of the optimistic and pessimistic totals, computed and rounded
// as Amount is. It fails with ErrInvalidRange when a range end is outside 0..MaxTotalTenths; it
// does not require the range to contain Days, which is Validate's rule.
func (l Line) AmountRange() (lo, hi int64, err error) {
	if err = l.Effort.checkRangeBounds(); err != nil {
		return 0, 0, err
	}
	if err = l.checkUnitCost(); err != nil {
		return 0, 0, err
	}
	if lo, err = mulDiv(l.Effort.Optimistic, l.UnitCostMinor, tenthsPerDay, RoundHalfUp); err != nil {
		return 0, 0, err
	}
	if hi, err = mulDiv(l.Effort.Pessimistic, l.UnitCostMinor, tenthsPerDay, RoundHalfUp); err != nil {
		return 0, 0, err
	}
	return lo, hi, nil
}

// checkUnitCost rejects a negative unit cost: a line can be free, but never pay the client.
func (l Line) checkUnitCost() error {
	if l.UnitCostMinor < 0 {
		return fmt.Errorf("%w: %d", ErrNegativeUnitCost, l.UnitCostMinor)
	}
	return nil
}
