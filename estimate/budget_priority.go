package estimate

// The most the priority method takes off one phase, in parts per million of it.
const (
	maxDocumentationCutPPM = 500_000 // 50 %
	maxTestingCutPPM       = 300_000 // 30 %
)

// trimStep is one step of the priority method: one phase of the lines whose confidence it
// trims, all cut by the same fraction, at most maxCutPPM.
type trimStep struct {
	phase     Phase
	maxCutPPM int64
	trims     func(Confidence) bool
}

// trimOrder returns the priority method's steps, first to last: the documentation of every
// line, then the testing of the well-understood lines (high confidence), then the testing of
// the ordinary ones (medium, or no confidence given). The testing of low-confidence lines is
// never trimmed: they are the risky ones, where testing finds what the estimate missed.
func trimOrder() []trimStep {
	return []trimStep{
		{Documentation, maxDocumentationCutPPM, func(Confidence) bool { return true }},
		{Testing, maxTestingCutPPM, func(c Confidence) bool { return c == High }},
		{Testing, maxTestingCutPPM, func(c Confidence) bool { return c == Medium || c == "" }},
	}
}

// priority fits d by the steps of trimOrder, in the order FitBudget explains. Each step cuts its
// phase by a uniform fraction: when the step at its largest cut reaches the cap, the smallest
// cut that does is found by binary search in parts per million (the compared total grows with
// the fraction kept, as in scale) and the method stops. Otherwise the step is applied in full
// and the next one tried. When every step together falls short, the trimmed document is scaled.
//
// A trimmed phase of 0.1 day stays 0.1 day (half a tenth rounds up), so trimming never empties a
// line; only the final scaling can, and it reports ErrCapUnreachable then.
func (b Budget) priority(d Document) (BudgetFit, error) {
	for _, s := range trimOrder() {
		leastKept := ppmWhole - s.maxCutPPM
		if full := s.keep(d, leastKept); !b.fits(full) {
			d = full
			continue
		}
		_, trimmed := b.fitLargest(leastKept, ppmWhole, func(k int64) Document { return s.keep(d, k) })
		return b.result(trimmed, ppmWhole)
	}
	return b.scale(d)
}

// keep returns d with the step's phase of the lines it trims multiplied by k parts per million.
func (s trimStep) keep(d Document, k int64) Document {
	return d.mapPhases(func(l Line) [PhaseCount]int64 {
		p := l.Effort.Phases
		if s.trims(l.Confidence) {
			p[s.phase] = scaleByPPM(p[s.phase], k)
		}
		return p
	})
}
