package estimate

import "fmt"

// LineDiff is one line of a comparison of two documents: the same deliverable before and
// after, or a line only one of them has.
type LineDiff struct {
	Key                           string
	Before, After                 *Line // nil when the line was added (Before) or removed (After); copies, not the documents' lines
	PositionBefore, PositionAfter int   // 1-based, 0 when absent
	DaysBefore, DaysAfter         int64 // tenths, 0 when absent
	AmountBefore, AmountAfter     int64 // minor units, 0 when absent

	// What differs between Before and After; all false for an added or removed line.
	PhaseChanged                                     [PhaseCount]bool
	NameChanged, DescriptionChanged, UnitCostChanged bool
}

// Changed reports whether the line was added, removed, or differs in a phase, its name, its
// description or its unit cost (and so perhaps in its days and amount). A line that only moved
// is not changed: removing one line shifts every later position, and a proposal preview shows
// only what the proposal changes.
func (l LineDiff) Changed() bool {
	return l.Before == nil || l.After == nil || l.PhaseChanged != [PhaseCount]bool{} ||
		l.NameChanged || l.DescriptionChanged || l.UnitCostChanged
}

// DeltaDays returns the change in days, in tenths.
func (l LineDiff) DeltaDays() int64 {
	return l.DaysAfter - l.DaysBefore
}

// DeltaAmount returns the change in amount, in minor units. Amounts are never negative, so the
// difference fits in int64.
func (l LineDiff) DeltaAmount() int64 {
	return l.AmountAfter - l.AmountBefore
}

// Diff compares two documents line by line, with their totals side by side.
type Diff struct {
	Lines         []LineDiff // b's lines in b's order, each removed line placed after the b line that preceded it in a
	Before, After Totals
}

// Compare compares a (before) with b (after). It matches lines by Key, never by name, so a
// renamed or reordered deliverable is still the same line; a line with an empty Key matches
// nothing and shows as removed from a and added to b. It fails with the error of either
// document's totals, or ErrDuplicateKey when a document has two lines with one key.
func Compare(a, b Document) (Diff, error) {
	var diff Diff
	var err error
	if diff.Before, err = a.Totals(); err != nil {
		return Diff{}, fmt.Errorf("estimate: compare, before: %w", err)
	}
	if diff.After, err = b.Totals(); err != nil {
		return Diff{}, fmt.Errorf("estimate: compare, after: %w", err)
	}
	inA, err := a.keyIndex()
	if err != nil {
		return Diff{}, fmt.Errorf("estimate: compare, before: %w", err)
	}
	inB, err := b.keyIndex()
	if err != nil {
		return Diff{}, fmt.Errorf("estimate: compare, after: %w", err)
	}

	// removedAfter[0] holds the removed lines that precede every line kept from a,
	// removedAfter[k+1] those that follow, in a, the line that is b's line k.
	removedAfter := make([][]LineDiff, len(b.Lines)+1)
	anchor := 0
	for i, l := range a.Lines {
		if k, kept := inB[l.Key]; kept {
			anchor = k + 1
			continue
		}
		ld := LineDiff{Key: l.Key}
		ld.Before, ld.PositionBefore, ld.DaysBefore, ld.AmountBefore = side(l, i)
		removedAfter[anchor] = append(removedAfter[anchor], ld)
	}
	diff.Lines = append(diff.Lines, removedAfter[0]...)
	for k, l := range b.Lines {
		ld := LineDiff{Key: l.Key}
		ld.After, ld.PositionAfter, ld.DaysAfter, ld.AmountAfter = side(l, k)
		if i, kept := inA[l.Key]; kept {
			ld.Before, ld.PositionBefore, ld.DaysBefore, ld.AmountBefore = side(a.Lines[i], i)
			ld.compareFields()
		}
		diff.Lines = append(diff.Lines, ld)
		diff.Lines = append(diff.Lines, removedAfter[k+1]...)
	}
	return diff, nil
}

// side returns one side of a LineDiff: a copy of l, its position (l is at index i), days and
// amount. Compare calls it only on documents it has totalled, so Amount cannot fail here.
func side(l Line, i int) (*Line, int, int64, int64) {
	c := l.clone()
	amount, _ := l.Amount()
	return &c, i + 1, l.Effort.Days(), amount
}

// compareFields sets the flags of what differs between Before and After.
func (l *LineDiff) compareFields() {
	for p := range l.PhaseChanged {
		l.PhaseChanged[p] = l.Before.Effort.Phases[p] != l.After.Effort.Phases[p]
	}
	l.NameChanged = l.Before.Name != l.After.Name
	l.DescriptionChanged = l.Before.Description != l.After.Description
	l.UnitCostChanged = l.Before.UnitCostMinor != l.After.UnitCostMinor
}

// keyIndex returns the index of each line by its key, leaving out the lines without one, or
// ErrDuplicateKey when two lines share a key.
func (d Document) keyIndex() (map[string]int, error) {
	index := make(map[string]int, len(d.Lines))
	for i, l := range d.Lines {
		if l.Key == "" {
			continue
		}
		if j, seen := index[l.Key]; seen {
			return nil, fmt.Errorf("%w: lines %d and %d are both %q", ErrDuplicateKey, j+1, i+1, l.Key)
		}
		index[l.Key] = i
	}
	return index, nil
}
