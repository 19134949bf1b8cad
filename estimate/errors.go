package estimate

import "errors"

// The errors this package returns, always wrapped with details. Callers test them with errors.Is.
var (
	// ErrOverflow means a result does not fit in int64. It is returned instead of a wrong number.
	ErrOverflow = errors.New("estimate: amount exceeds the int64 range")

	// ErrPhaseOutOfRange means a phase's effort is negative or above MaxPhaseTenths.
	ErrPhaseOutOfRange = errors.New("estimate: phase effort out of range")

	// ErrNoEffort means every phase of an effort is zero.
	ErrNoEffort = errors.New("estimate: no effort in any phase")

	// ErrInvalidRange means the optimistic and pessimistic totals are out of bounds or do not
	// contain the sum of the phases.
	ErrInvalidRange = errors.New("estimate: invalid range")

	// ErrNegativeUnitCost means a line's cost per person-day is below zero.
	ErrNegativeUnitCost = errors.New("estimate: negative unit cost")

	// ErrNegativeRate means a tax or contingency rate is below zero.
	ErrNegativeRate = errors.New("estimate: negative rate")

	// ErrNegativeDiscount means a discount (出精値引) is below zero; a discount is an amount taken
	// off, so a surcharge has to be expressed some other way.
	ErrNegativeDiscount = errors.New("estimate: negative discount")

	// ErrNegativeSubtotal means the discount is larger than the lines plus the contingency.
	ErrNegativeSubtotal = errors.New("estimate: discount exceeds the lines and contingency")

	// ErrUnknownRounding means a Rounding value is none of the defined modes.
	ErrUnknownRounding = errors.New("estimate: unknown rounding mode")

	// ErrContingencyRange means a contingency (予備費) is outside 0..MaxContingencyBP.
	ErrContingencyRange = errors.New("estimate: contingency out of range")

	// ErrDiscountRange means a discount percentage is not above 0 % and at most 100 %.
	ErrDiscountRange = errors.New("estimate: discount percentage out of range")

	// ErrUnknownLine means a key names no line of the document.
	ErrUnknownLine = errors.New("estimate: no line has this key")

	// ErrDuplicateKey means two lines would share a key, so a later comparison could not tell
	// them apart.
	ErrDuplicateKey = errors.New("estimate: two lines share a key")

	// ErrDuplicateChange means a proposal changes the same line twice.
	ErrDuplicateChange = errors.New("estimate: a line is changed twice")

	// ErrNoLines means a change would leave a document without any line.
	ErrNoLines = errors.New("estimate: no lines left")

	// ErrInvalidCap means a budget cannot be fitted at all: its cap is not above zero or its
	// method is unknown.
	ErrInvalidCap = errors.New("estimate: invalid budget")

	// ErrCapNotBelow means the document already costs no more than the budget, so there is
	// nothing to cut; it is distinct from the other budget errors because the caller explains it.
	ErrCapNotBelow = errors.New("estimate: the document is already within the budget")

	// ErrCapUnreachable means the chosen method cannot bring the document down to the budget.
	ErrCapUnreachable = errors.New("estimate: the budget cannot be reached with this method")
)
