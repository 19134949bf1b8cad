package estimate

import (
	"fmt"
	"math"
	"math/bits"
)

// ProposalTolerancePercent is how far, in percent of the target, a proposal's effect on the
// subtotal may miss the target and still be shown as meeting it. A model proposes which lines
// to change, not exact prices; a card that says "¥300,000 cheaper" must be within this of it.
const ProposalTolerancePercent = 20

// FitProposal checks that p moves the subtotal (税抜) by about target (minor units; negative =
// cheaper), that is within ±ProposalTolerancePercent of target.
//
// Within the tolerance it returns p unchanged and true. Otherwise, when p changes phases, it
// scales every changed phase's difference from its base value by one common factor (binary
// search in parts per million, 0 to maxScalePPM, each phase kept within 0..MaxPhaseTenths) so
// the effect is as close to target as rounding allows, and returns that corrected proposal,
// without the changes that became no-ops, and true if the result is within the tolerance. A
// proposal that cannot be brought within it returns p and false, and the caller drops it: it is
// never shown as meeting the target. Removals, additions, the discount and the unit cost are not
// scaled; a discount-only proposal gets DiscountMinor = -target when target < 0, which is exact.
//
// It fails with the error of p itself (see Apply) or of d's totals.
func (d Document) FitProposal(p Proposal, target int64) (Proposal, bool, error) {
	base, err := d.Totals()
	if err != nil {
		return p, false, fmt.Errorf("estimate: fit proposal: %w", err)
	}
	delta, err := d.effect(p, base)
	if err != nil {
		return p, false, fmt.Errorf("estimate: fit proposal: %w", err)
	}
	if withinTolerance(delta, target) {
		return p, true, nil
	}
	if p.discountOnly() {
		q, ok := d.fitDiscount(p, target, base)
		return q, ok, nil
	}
	q, ok := d.fitChanges(p, target, base, delta)
	return q, ok, nil
}

// effect returns how much p changes the subtotal of d, whose totals are base.
func (d Document) effect(p Proposal, base Totals) (int64, error) {
	_, t, err := d.apply(p)
	if err != nil {
		return 0, err
	}
	// Both subtotals are in 0..MaxInt64, so their difference fits.
	return t.SubtotalMinor - base.SubtotalMinor, nil
}

// discountOnly reports whether p does nothing but give a discount.
func (p Proposal) discountOnly() bool {
	return len(p.Changes) == 0 && len(p.Additions) == 0 && p.UnitCostMinor == 0 && p.DiscountMinor > 0
}

// fitDiscount sets a discount-only p to exactly the cut target asks for, if d can carry it.
func (d Document) fitDiscount(p Proposal, target int64, base Totals) (Proposal, bool) {
	// A discount cannot make the document dearer, and -MinInt64 does not exist.
	if target >= 0 || target == math.MinInt64 {
		return p, false
	}
	q := p
	q.DiscountMinor = -target
	if delta, err := d.effect(q, base); err != nil || !withinTolerance(delta, target) {
		return p, false
	}
	return q, true
}

// fitChanges scales the phase changes of p, whose effect is full, as FitProposal describes.
//
// The effect of the factor s moves one way as s grows when every difference points the same
// way, as in a proposal that only cuts or only adds: each scaled phase is monotone in s, and so
// is the subtotal (see Budget.scale). The search finds the largest s whose effect has not yet
// passed the target and then takes s or s + 1, whichever is closer. With differences pointing
// both ways rounding can make the effect wobble, and a factor that empties a line is no
// candidate; either can make the search miss the closest factor, never return a wrong one,
// because the tolerance is checked exactly on the result.
func (d Document) fitChanges(p Proposal, target int64, base Totals, full int64) (Proposal, bool) {
	at := func(s int64) (Proposal, int64, bool) {
		q := d.scaledChanges(p, s)
		delta, err := d.effect(q, base)
		return q, delta, err == nil
	}
	_, still, stillOK := at(0)
	if !stillOK || still == full {
		// The phase changes move nothing, or removing them breaks the rest of the proposal.
		return p, false
	}
	rising := full > still
	s := largestTrue(0, maxScalePPM, func(s int64) bool {
		_, delta, ok := at(s)
		return ok && (delta == target || (delta < target) == rising)
	})
	best, bestDelta, found := p, int64(0), false
	for _, c := range []int64{s, s + 1} {
		if c < 0 || c > maxScalePPM {
			continue
		}
		q, delta, ok := at(c)
		if ok && (!found || distance(delta, target) < distance(bestDelta, target)) {
			best, bestDelta, found = q, delta, true
		}
	}
	if !found || !withinTolerance(bestDelta, target) {
		return p, false
	}
	return best, true
}

// scaledChanges returns p with the difference of every changed phase from d's multiplied by s
// parts per million, each phase kept within 0..MaxPhaseTenths, and without the changes that
// end up changing nothing. p has been applied to d, so its keys and phases are valid.
func (d Document) scaledChanges(p Proposal, s int64) Proposal {
	changes := make([]LineChange, 0, len(p.Changes))
	for _, c := range p.Changes {
		if !c.Remove {
			base := d.Lines[d.LineIndex(c.Key)].Effort.Phases
			for i := range c.Phases {
				c.Phases[i] = clamp(base[i]+scaleByPPM(c.Phases[i]-base[i], s), MaxPhaseTenths)
			}
			if c.Phases == base {
				continue
			}
		}
		changes = append(changes, c)
	}
	p.Changes = changes
	return p
}

// withinTolerance reports whether delta is within ProposalTolerancePercent of target, exactly:
// 100 × |delta − target| <= ProposalTolerancePercent × |target|, both sides in 128 bits.
func withinTolerance(delta, target int64) bool {
	missHi, missLo := bits.Mul64(distance(delta, target), 100)
	allowedHi, allowedLo := bits.Mul64(distance(target, 0), ProposalTolerancePercent)
	return missHi < allowedHi || (missHi == allowedHi && missLo <= allowedLo)
}

// distance returns |a − b|, which always fits in a uint64.
func distance(a, b int64) uint64 {
	if a > b {
		return uint64(a) - uint64(b)
	}
	return uint64(b) - uint64(a)
}
