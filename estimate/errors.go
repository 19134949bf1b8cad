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
)
