package estimate

import "slices"

// Clone returns a deep copy of d: the lines and each line's assumptions and risks are new
// slices. A revision is immutable, so every operation of this package that returns a changed
// document changes a clone, and the caller's document and slices stay as they were.
func (d Document) Clone() Document {
	d.Lines = slices.Clone(d.Lines)
	for i := range d.Lines {
		d.Lines[i] = d.Lines[i].clone()
	}
	return d
}

// clone returns l with its own copies of the assumptions and risks.
func (l Line) clone() Line {
	l.Assumptions = slices.Clone(l.Assumptions)
	l.Risks = slices.Clone(l.Risks)
	return l
}
