package estimate

import (
	"fmt"
	"slices"
)

// MaxContingencyBP is the largest contingency (予備費) a quick action sets: 50 %. A buffer larger
// than that is a second estimate, not a contingency.
const MaxContingencyBP = 5000

// WithUnitCost sets the unit cost of the lines whose Key is in keys, or of every line when keys
// is empty. Only the prices change; efforts, names and the rest stay. It fails with
// ErrNegativeUnitCost, ErrUnknownLine for a key not in d, or the error of the new document's
// totals.
func (d Document) WithUnitCost(minor int64, keys []string) (Document, error) {
	if minor < 0 {
		return Document{}, fmt.Errorf("%w: %d", ErrNegativeUnitCost, minor)
	}
	chosen, err := d.keySet(keys)
	if err != nil {
		return Document{}, fmt.Errorf("estimate: set the unit cost: %w", err)
	}
	out := d.Clone()
	for i := range out.Lines {
		if len(keys) == 0 || chosen[out.Lines[i].Key] {
			out.Lines[i].UnitCostMinor = minor
		}
	}
	return out.checked("set the unit cost")
}

// WithContingency sets the contingency (予備費), 0–5000 basis points (0–50 %). It fails with
// ErrContingencyRange outside that range, or with ErrNegativeSubtotal when a lower contingency
// would leave the discount larger than the lines plus the contingency.
func (d Document) WithContingency(bp int64) (Document, error) {
	if bp < 0 || bp > MaxContingencyBP {
		return Document{}, fmt.Errorf("%w: %d basis points; it must be between 0 and %d", ErrContingencyRange, bp, MaxContingencyBP)
	}
	out := d.Clone()
	out.ContingencyBP = bp
	return out.checked("set the contingency")
}

// WithDiscount sets the 出精値引 to minor (>= 0); it may not exceed the lines plus contingency.
// It fails with ErrNegativeDiscount or ErrNegativeSubtotal.
func (d Document) WithDiscount(minor int64) (Document, error) {
	out := d.Clone()
	out.DiscountMinor = minor
	return out.checked("set the discount")
}

// DiscountForPercent is the discount that takes bp basis points (0 < bp <= 10000) off the lines
// plus contingency, rounded half up; WithDiscount then sets it. It fails with ErrDiscountRange
// for another bp, or with the error of d's totals.
func (d Document) DiscountForPercent(bp int64) (int64, error) {
	if bp <= 0 || bp > bpPerWhole {
		return 0, fmt.Errorf("%w: %d basis points; it must be above 0 and at most %d", ErrDiscountRange, bp, bpPerWhole)
	}
	t, err := d.Totals()
	if err != nil {
		return 0, fmt.Errorf("estimate: discount for a percentage: %w", err)
	}
	discount, err := mulDiv(t.grossMinor(), bp, bpPerWhole, RoundHalfUp)
	if err != nil {
		return 0, fmt.Errorf("estimate: discount for a percentage: %w", err)
	}
	return discount, nil
}

// Without removes the lines whose Key is in keys. It fails with ErrUnknownLine for a key not in
// d, ErrNoLines if nothing would remain, and ErrNegativeSubtotal if the discount would then
// exceed what remains.
func (d Document) Without(keys []string) (Document, error) {
	chosen, err := d.keySet(keys)
	if err != nil {
		return Document{}, fmt.Errorf("estimate: remove lines: %w", err)
	}
	out := d.Clone()
	out.Lines = slices.DeleteFunc(out.Lines, func(l Line) bool { return chosen[l.Key] })
	if len(out.Lines) == 0 {
		return Document{}, fmt.Errorf("%w: removing %d of %d lines", ErrNoLines, len(chosen), len(d.Lines))
	}
	return out.checked("remove lines")
}

// checked returns d if it can be totalled, or the error of its totals wrapped with action: an
// operation never hands back a document that its next step could not price.
func (d Document) checked(action string) (Document, error) {
	if _, err := d.Totals(); err != nil {
		return Document{}, fmt.Errorf("estimate: %s: %w", action, err)
	}
	return d, nil
}
