// Package estimate is the domain of an estimate: deliverable lines with their effort per phase,
// money, tax and the totals of a quotation, and the operations that negotiate it: fitting a
// budget, quick adjustments, proposals and the comparison of two revisions. Each operation
// returns a new Document and leaves its receiver, an immutable revision, as it was.
//
// All arithmetic is integer. Money is int64 minor units (yen, or cents for USD), person-days are
// int64 tenths (12 = 1.2 days) and rates are basis points (1000 = 10 %). Floats would turn a
// quotation's totals into approximations that differ from what a client recomputes by hand, so
// none appear here. Every operation that could exceed int64 is checked and fails with
// ErrOverflow instead of returning a wrong number.
//
// The package does no I/O and imports nothing of ours, so every other package can depend on it.
package estimate
