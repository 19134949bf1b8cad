package estimate

import (
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"testing"
)

// fuzzQuotation decodes a document for the negotiation fuzz targets: 1 to 20 keyed lines (none
// when data is too short) with phases of 0 to 200.0 days, unit costs of 1 to 200,000 minor
// units and every confidence; tax 0 to 20 %, contingency 0 to 50 %, any tax rounding.
func fuzzQuotation(data []byte, taxBP, contingencyBP uint16, rounding uint8) Document {
	lines := fuzzLines(data)
	lines = lines[:min(len(lines), 20)]
	for i := range lines {
		l := &lines[i]
		for p := range l.Effort.Phases {
			l.Effort.Phases[p] %= 2001
		}
		cost := uint64(l.UnitCostMinor)
		l.Key = fmt.Sprintf("line-%d", i+1)
		l.Confidence = []Confidence{"", Low, Medium, High}[cost%4]
		l.UnitCostMinor = int64(cost%200_000) + 1
	}
	return Document{
		Lines:         lines,
		TaxRateBP:     int64(taxBP % 2001),
		ContingencyBP: int64(contingencyBP % (MaxContingencyBP + 1)),
		TaxRounding:   []Rounding{RoundDown, RoundHalfUp, RoundUp}[rounding%3],
	}
}

// fuzzSeed returns a deterministic byte string of n lines' worth of data.
func fuzzSeed(n int, step byte) []byte {
	data := make([]byte, n*lineBytes)
	for i := range data {
		data[i] = byte(i) * step
	}
	return data
}

func FuzzFitBudget(f *testing.F) {
	f.Add(fuzzSeed(3, 37), uint16(1000), uint16(500), uint8(0), uint8(0), false, uint32(12345), uint8(10))
	f.Add(fuzzSeed(1, 11), uint16(800), uint16(0), uint8(1), uint8(1), true, uint32(1), uint8(0))
	f.Add(fuzzSeed(20, 7), uint16(0), uint16(5000), uint8(2), uint8(2), true, uint32(999_999), uint8(49))
	f.Fuzz(func(t *testing.T, data []byte, taxBP, contingencyBP uint16, rounding, method uint8, taxIncluded bool, capSeed uint32, discountPercent uint8) {
		doc := fuzzQuotation(data, taxBP, contingencyBP, rounding)
		if len(doc.Lines) == 0 {
			return
		}
		doc.DiscountMinor = mustTotals(t, doc).grossMinor() * int64(discountPercent%50) / 100
		current := compared(mustTotals(t, doc), taxIncluded)
		b := Budget{
			CapMinor:    1 + int64(capSeed)%max(2*current, 1),
			TaxIncluded: taxIncluded,
			Method:      []BudgetMethod{BudgetScale, BudgetPriority, BudgetDiscount}[method%3],
		}
		_, err := doc.FitBudget(b)
		switch {
		case current <= b.CapMinor:
			if !errors.Is(err, ErrCapNotBelow) {
				t.Fatalf("cap %d, current %d: error %v, want ErrCapNotBelow", b.CapMinor, current, err)
			}
		case errors.Is(err, ErrCapUnreachable) && b.Method != BudgetDiscount:
			// Scaling would take a line below 0.1 day, or leave the discount above the lines.
		case err != nil:
			t.Fatalf("FitBudget(%+v): %v", b, err)
		default:
			checkFit(t, doc, b) // fits again, and checks the receiver and the result
		}
	})
}

func FuzzFitProposal(f *testing.F) {
	f.Add(fuzzSeed(3, 37), uint16(1000), uint16(500), uint8(0), []byte{1, 2, 3}, int8(4), int64(-300_000))
	f.Add(fuzzSeed(5, 13), uint16(0), uint16(0), uint8(1), []byte{5, 9, 0, 2, 1}, int8(16), int64(0))
	f.Add(fuzzSeed(2, 3), uint16(800), uint16(1000), uint8(2), []byte{3}, int8(-8), int64(100_000))
	f.Fuzz(func(t *testing.T, data []byte, taxBP, contingencyBP uint16, rounding uint8, edits []byte, eighths int8, raw int64) {
		doc := fuzzQuotation(data, taxBP, contingencyBP, rounding)
		p := fuzzProposal(doc, edits)
		base, err := doc.Totals()
		if err != nil {
			t.Fatal(err)
		}
		applied, applyErr := doc.Apply(p)
		// The target is the proposal's own effect times eighths/8, so over- and under-cuts of
		// every size come up; raw covers proposals without an effect and any number at all.
		target := raw
		if applyErr == nil {
			if delta := mustTotals(t, applied).SubtotalMinor - base.SubtotalMinor; delta != 0 {
				target = delta * int64(eighths) / 8
			}
		}
		before := doc.Clone()
		got, ok, err := doc.FitProposal(p, target)
		checkUntouched(t, doc, before)
		if (err != nil) != (applyErr != nil) {
			t.Fatalf("FitProposal error %v, Apply error %v", err, applyErr)
		}
		if !ok {
			if !reflect.DeepEqual(got, p) {
				t.Fatalf("a dropped proposal came back changed: %+v", got)
			}
			return
		}
		out, err := doc.Apply(got)
		if err != nil {
			t.Fatalf("the fitted proposal does not apply: %v", err)
		}
		delta := mustTotals(t, out).SubtotalMinor - base.SubtotalMinor
		miss := new(big.Int).Abs(new(big.Int).Sub(big.NewInt(delta), big.NewInt(target)))
		allowed := new(big.Int).Abs(big.NewInt(target))
		if miss.Mul(miss, big.NewInt(100)).Cmp(allowed.Mul(allowed, big.NewInt(ProposalTolerancePercent))) > 0 {
			t.Fatalf("the fitted proposal moves the subtotal by %d for a target of %d", delta, target)
		}
	})
}

// fuzzProposal decodes a proposal against d from edits, one byte a line: the low two bits keep,
// scale, remove or zero the line's phases, the rest is the scale in sixteenths. A byte beyond
// the lines adds a line, or gives a discount.
func fuzzProposal(d Document, edits []byte) Proposal {
	var p Proposal
	for i, e := range edits {
		if i >= len(d.Lines) {
			p.Additions = append(p.Additions, NewLine{Key: fmt.Sprintf("new-%d", i), Name: "new", Phases: phases(int64(e))})
			p.DiscountMinor += int64(e)
			continue
		}
		c := LineChange{Key: d.Lines[i].Key}
		switch e % 4 {
		case 0:
			continue
		case 1:
			for ph, v := range d.Lines[i].Effort.Phases {
				c.Phases[ph] = min(v*int64(e>>2)/16, MaxPhaseTenths)
			}
		case 2:
			c.Remove = true
		}
		p.Changes = append(p.Changes, c)
	}
	return p
}

func FuzzCompare(f *testing.F) {
	f.Add(fuzzSeed(6, 37), []byte{0, 5, 10, 3, 200})
	f.Add(fuzzSeed(1, 11), []byte{})
	f.Add(fuzzSeed(12, 3), []byte{1, 1, 1, 2, 2, 2, 3, 3, 3})
	f.Fuzz(func(t *testing.T, data []byte, edits []byte) {
		a := fuzzQuotation(data, 1000, 500, 0)
		b := a.Clone()
		for i, e := range edits {
			n := len(b.Lines)
			switch {
			case e%4 == 0 && n > 0:
				b.Lines = append(b.Lines[:int(e/4)%n], b.Lines[int(e/4)%n+1:]...)
			case e%4 == 1 && n > 0:
				b.Lines[int(e/4)%n].Name += "*"
			case e%4 == 2 && n > 1:
				k := int(e/4) % n
				b.Lines[0], b.Lines[k] = b.Lines[k], b.Lines[0]
			default:
				b.Lines = append(b.Lines, keyed(fmt.Sprintf("new-%d", i), "new", 100, High, int64(e)))
			}
		}
		diff, err := Compare(a, b)
		if err != nil {
			t.Fatal(err)
		}
		checkDiffOrder(t, a, b, diff)
	})
}

// checkDiffOrder checks that diff lists b's lines in b's order and each of a's lines once, each
// removed line right after the lines that follow its predecessor in a.
func checkDiffOrder(t *testing.T, a, b Document, diff Diff) {
	t.Helper()
	inB := make(map[string]bool)
	for _, l := range b.Lines {
		inB[l.Key] = true
	}
	seenA := make(map[int]bool)
	nextB := 1
	var lastKept string // the key, in a, of the last line shown that a and b share
	for _, l := range diff.Lines {
		if l.PositionAfter != 0 {
			if l.PositionAfter != nextB || l.After.Key != b.Lines[nextB-1].Key {
				t.Fatalf("line %q at b position %d, want %d", l.Key, l.PositionAfter, nextB)
			}
			nextB++
			if l.PositionBefore != 0 {
				lastKept = l.Key
			}
		}
		if l.PositionBefore != 0 {
			if seenA[l.PositionBefore] || l.Before.Key != a.Lines[l.PositionBefore-1].Key {
				t.Fatalf("a's line %d shown wrongly or twice", l.PositionBefore)
			}
			seenA[l.PositionBefore] = true
		}
		if l.PositionAfter == 0 {
			// The line kept from a that precedes it there must be the last one shown.
			want := ""
			for i := l.PositionBefore - 2; i >= 0; i-- {
				if k := a.Lines[i].Key; inB[k] {
					want = k
					break
				}
			}
			if want != lastKept {
				t.Fatalf("removed line %q shown after %q, want after %q", l.Key, lastKept, want)
			}
		}
	}
	if nextB != len(b.Lines)+1 || len(seenA) != len(a.Lines) {
		t.Fatalf("%d of %d b lines and %d of %d a lines shown", nextB-1, len(b.Lines), len(seenA), len(a.Lines))
	}
}

func FuzzWithPhases(f *testing.F) {
	f.Add(int64(80), int64(150), int64(10), int64(20), int64(40), int64(20), int64(10), int64(5), int64(-3), int64(7000))
	f.Add(int64(0), int64(0), int64(0), int64(0), int64(0), int64(0), int64(0), int64(1), int64(2), int64(3))
	f.Fuzz(func(t *testing.T, opt, pess, p0, p1, p2, n0, n1, n2, n3, n4 int64) {
		e := effort(opt, pess, p0, p1, p2)
		next := phases(n0, n1, n2, n3, n4)
		got := e.WithPhases(next)
		if got.Phases != next {
			t.Fatalf("phases %v, want %v", got.Phases, next)
		}
		days := got.boundedDays()
		if got.Optimistic < 0 || got.Optimistic > days || days > got.Pessimistic || got.Pessimistic > MaxTotalTenths {
			t.Fatalf("WithPhases(%v) of %+v = %+v: not 0 <= opt <= %d <= pess <= max", next, e, got, days)
		}
		if got.checkPhases() == nil && days > 0 && got.Validate() != nil {
			t.Fatalf("WithPhases(%v) of %+v = %+v: %v", next, e, got, got.Validate())
		}
		// A valid range keeps its ratio to the days, |end' × days − end × days'| <= days / 2,
		// unless the pessimistic end reached the bound.
		if e.Validate() != nil || got.checkPhases() != nil {
			return
		}
		ends := [][2]int64{{e.Optimistic, got.Optimistic}}
		if got.Pessimistic < MaxTotalTenths {
			ends = append(ends, [2]int64{e.Pessimistic, got.Pessimistic})
		}
		was := e.Days()
		for _, end := range ends {
			if miss := 2 * (end[1]*was - end[0]*days); miss > was || -miss > was {
				t.Fatalf("WithPhases(%v) of %+v = %+v: range end %d → %d loses its ratio", next, e, got, end[0], end[1])
			}
		}
	})
}
