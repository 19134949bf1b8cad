package estimate

import "fmt"

// scale fits d by multiplying every phase of every line by the largest factor f (parts per
// million, 0 < f < 1,000,000) that brings the compared total within the cap:
// phase' = round_half_up(phase × f / 1,000,000), each line's range rescaled by WithPhases.
//
// The binary search is correct because the compared total never decreases as f grows: each
// rounded phase is monotone in f, so each line's days are, and so are its amount (days × a
// fixed unit cost, rounded), the sum of the amounts, the contingency (a fixed rate of that sum,
// rounded), the subtotal (minus a fixed discount) and the tax (a fixed rate of the subtotal,
// rounded). A line that had days must keep at least 0.1 person-day, or ErrCapUnreachable: the
// largest fitting f leaves the most of every line, so no smaller factor could keep it.
func (b Budget) scale(d Document) (BudgetFit, error) {
	// f = 1 rounds every phase of at most MaxPhaseTenths down to 0, so the search starts at a fit.
	f, scaled := b.fitLargest(1, ppmWhole-1, func(f int64) Document { return scaledBy(d, f) })
	for i, l := range scaled.Lines {
		if l.Effort.Days() == 0 && d.Lines[i].Effort.Days() > 0 {
			return BudgetFit{}, fmt.Errorf("%w: scaling to %d would leave line %d %q below 0.1 person-days (factor %d ppm)",
				ErrCapUnreachable, b.CapMinor, i+1, l.Name, f)
		}
	}
	return b.result(scaled, f)
}

// scaledBy returns d with every phase of every line multiplied by f parts per million.
func scaledBy(d Document, f int64) Document {
	return d.mapPhases(func(l Line) [PhaseCount]int64 {
		p := l.Effort.Phases
		for i := range p {
			p[i] = scaleByPPM(p[i], f)
		}
		return p
	})
}

// mapPhases returns d with new lines whose phases are phases(line), each changed line's range
// rescaled by WithPhases. The lines share d's assumptions and risks, which are never written.
func (d Document) mapPhases(phases func(Line) [PhaseCount]int64) Document {
	lines := make([]Line, len(d.Lines))
	for i, l := range d.Lines {
		if p := phases(l); p != l.Effort.Phases {
			l.Effort = l.Effort.WithPhases(p)
		}
		lines[i] = l
	}
	d.Lines = lines
	return d
}
