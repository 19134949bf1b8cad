package estimate

import (
	"encoding/binary"
	"errors"
	"math"
	"math/big"
	"testing"
)

func FuzzRound(f *testing.F) {
	for _, s := range [][2]int64{{15, 10}, {-15, 10}, {0, 1}, {math.MaxInt64, 2}, {math.MinInt64, 3}, {-7, math.MaxInt64}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, n, d int64) {
		if d <= 0 {
			d &= math.MaxInt64 // any positive divisor will do
		}
		if d == 0 {
			d = 1
		}
		bn, bd := big.NewInt(n), big.NewInt(d)
		down, half, up := Round(n, d, RoundDown), Round(n, d, RoundHalfUp), Round(n, d, RoundUp)

		// down·d <= n <= up·d, i.e. down <= n/d <= up; mirrored for negative n, where down is
		// toward zero.
		lo, hi := down, up
		if n < 0 {
			lo, hi = up, down
		}
		if times(lo, d).Cmp(bn) > 0 || bn.Cmp(times(hi, d)) > 0 {
			t.Fatalf("Round(%d, %d): down %d, up %d do not enclose the quotient", n, d, down, up)
		}
		// Both are within one of the quotient: the nearest integers on either side.
		if diff := new(big.Int).Sub(times(hi, d), times(lo, d)); diff.Cmp(bd) > 0 {
			t.Fatalf("Round(%d, %d): down %d and up %d are more than 1 apart", n, d, down, up)
		}
		if exact := new(big.Int).Rem(bn, bd).Sign() == 0; exact != (down == up) {
			t.Fatalf("Round(%d, %d): down %d, up %d, exact division %v", n, d, down, up, exact)
		}
		// Half up is within 0.5: |2(half·d − n)| <= d, and a tie goes away from zero.
		gap := new(big.Int).Sub(times(half, d), bn)
		twice := new(big.Int).Abs(new(big.Int).Lsh(gap, 1))
		switch twice.Cmp(bd) {
		case 1:
			t.Fatalf("Round(%d, %d, half_up) = %d, more than 0.5 away", n, d, half)
		case 0:
			if half != up {
				t.Fatalf("Round(%d, %d, half_up) = %d, a tie not rounded away from zero", n, d, half)
			}
		}
		if n != math.MinInt64 {
			for _, m := range []Rounding{RoundDown, RoundHalfUp, RoundUp} {
				if Round(-n, d, m) != -Round(n, d, m) {
					t.Fatalf("Round(-%d, %d, %s) is not the mirror of Round(%d, %d, %s)", n, d, m, n, d, m)
				}
			}
		}
	})
}

// times returns a × b without overflow.
func times(a, b int64) *big.Int {
	return new(big.Int).Mul(big.NewInt(a), big.NewInt(b))
}

// lineBytes is how many fuzz bytes make one line: five phases, two range ends, a unit cost and
// a shift that spreads unit costs over every magnitude.
const lineBytes = PhaseCount*2 + 2*2 + 8 + 1

// fuzzLines decodes lines from data. Phases and range ends stay within bounds; unit costs take
// any magnitude, so sums near and past the int64 limits are reached.
func fuzzLines(data []byte) []Line {
	var lines []Line
	for len(data) >= lineBytes && len(lines) < 64 {
		var e Effort
		for p := range e.Phases {
			e.Phases[p] = int64(binary.LittleEndian.Uint16(data[2*p:])) % (MaxPhaseTenths + 1)
		}
		data = data[2*PhaseCount:]
		e.Optimistic = int64(binary.LittleEndian.Uint16(data)) % (MaxTotalTenths + 1)
		e.Pessimistic = int64(binary.LittleEndian.Uint16(data[2:])) % (MaxTotalTenths + 1)
		cost := int64(binary.LittleEndian.Uint64(data[4:]) >> (data[12] % 64))
		lines = append(lines, Line{Name: "fuzz", Effort: e, UnitCostMinor: cost})
		data = data[13:]
	}
	return lines
}

func FuzzTotals(f *testing.F) {
	sample := make([]byte, 3*lineBytes)
	for i := range sample {
		sample[i] = byte(i * 37)
	}
	f.Add(sample, int64(500), int64(50000), int64(1000), uint8(0))
	f.Add(sample, int64(0), int64(0), int64(800), uint8(2))
	f.Add(sample[:lineBytes], int64(10000), int64(1), int64(0), uint8(3))
	f.Add([]byte{}, int64(-1), int64(-1), int64(-1), uint8(4))
	f.Fuzz(func(t *testing.T, data []byte, contingencyBP, discount, taxBP int64, mode uint8) {
		doc := Document{
			Lines:         fuzzLines(data),
			ContingencyBP: contingencyBP,
			DiscountMinor: discount,
			TaxRateBP:     taxBP,
			TaxRounding:   []Rounding{"", RoundDown, RoundHalfUp, RoundUp, "bogus"}[mode%5],
		}
		got, err := doc.Totals()
		want, wantErr := referenceTotals(doc)
		if wantErr != nil {
			if !errors.Is(err, wantErr) {
				t.Fatalf("Totals() error = %v, want %v (got %+v)", err, wantErr, got)
			}
			return
		}
		if err != nil {
			t.Fatalf("Totals() error = %v, want %+v", err, want)
		}
		if !closeRange(got, want) {
			t.Fatalf("Totals() range %d–%d, reference %d–%d", got.OptimisticMinor, got.PessimisticMinor, want.OptimisticMinor, want.PessimisticMinor)
		}
		// The range may differ by a minor unit where the square root was rounded; the rest is exact.
		want.OptimisticMinor, want.PessimisticMinor, want.RangeConfidence = got.OptimisticMinor, got.PessimisticMinor, got.RangeConfidence
		if got != want {
			t.Fatalf("Totals() = %+v\nreference  %+v", got, want)
		}
		if got.OptimisticMinor > got.LinesMinor || got.LinesMinor > got.PessimisticMinor {
			t.Fatalf("range %d–%d does not contain the lines' total %d", got.OptimisticMinor, got.PessimisticMinor, got.LinesMinor)
		}

		// The invariants, stated directly on the result.
		if got.SubtotalMinor != got.LinesMinor+got.ContingencyMinor-got.DiscountMinor {
			t.Fatalf("subtotal %d != lines %d + contingency %d − discount %d", got.SubtotalMinor, got.LinesMinor, got.ContingencyMinor, got.DiscountMinor)
		}
		if got.TotalMinor != got.SubtotalMinor+got.TaxMinor {
			t.Fatalf("total %d != subtotal %d + tax %d", got.TotalMinor, got.SubtotalMinor, got.TaxMinor)
		}
		rounding := doc.TaxRounding
		if rounding == "" {
			rounding = RoundDown
		}
		if p := times(got.SubtotalMinor, taxBP); p.IsInt64() {
			if tax := Round(p.Int64(), bpPerWhole, rounding); tax != got.TaxMinor {
				t.Fatalf("tax %d != Round(%d × %d / 10000) = %d", got.TaxMinor, got.SubtotalMinor, taxBP, tax)
			}
		}
		var days, lines int64
		for _, l := range doc.Lines {
			a, err := l.Amount()
			if err != nil {
				t.Fatalf("Totals() succeeded but a line's Amount() failed: %v", err)
			}
			days += l.Effort.Days()
			lines += a
		}
		if days != got.Days || lines != got.LinesMinor {
			t.Fatalf("Σ days %d, Σ amounts %d; totals say %d, %d", days, lines, got.Days, got.LinesMinor)
		}
	})
}

// referenceTotals computes what Document.Totals must return, in arbitrary precision: the exact
// totals, or the error of the first rule broken in the same order of checks. A result that
// exceeds int64 here is what must come back as ErrOverflow.
func referenceTotals(d Document) (Totals, error) {
	switch {
	case d.ContingencyBP < 0 || d.TaxRateBP < 0:
		return Totals{}, ErrNegativeRate
	case d.DiscountMinor < 0:
		return Totals{}, ErrNegativeDiscount
	}
	rounding := d.TaxRounding
	if rounding == "" {
		rounding = RoundDown
	}
	if !rounding.Valid() {
		return Totals{}, ErrUnknownRounding
	}
	var days, lines, opt, pess, expected6, variance36 big.Int
	for _, l := range d.Lines {
		if l.Effort.checkPhases() != nil {
			return Totals{}, ErrPhaseOutOfRange
		}
		if l.UnitCostMinor < 0 {
			return Totals{}, ErrNegativeUnitCost
		}
		amount := bigDivide(times(l.Effort.Days(), l.UnitCostMinor), 10, RoundHalfUp)
		if !amount.IsInt64() {
			return Totals{}, ErrOverflow
		}
		if l.Effort.checkRangeBounds() != nil {
			return Totals{}, ErrInvalidRange
		}
		lo := bigDivide(times(l.Effort.Optimistic, l.UnitCostMinor), 10, RoundHalfUp)
		hi := bigDivide(times(l.Effort.Pessimistic, l.UnitCostMinor), 10, RoundHalfUp)
		if !lo.IsInt64() || !hi.IsInt64() {
			return Totals{}, ErrOverflow
		}
		lo, hi = bigMin(lo, amount), bigMax(hi, amount)
		days.Add(&days, big.NewInt(l.Effort.Days()))
		lines.Add(&lines, amount)
		opt.Add(&opt, lo)
		pess.Add(&pess, hi)
		expected6.Add(&expected6, new(big.Int).Add(new(big.Int).Add(lo, hi), new(big.Int).Lsh(amount, 2)))
		spread := new(big.Int).Sub(hi, lo)
		variance36.Add(&variance36, spread.Mul(spread, spread))
		for _, v := range []*big.Int{lo, hi, &days, &lines, &opt, &pess} {
			if !v.IsInt64() {
				return Totals{}, ErrOverflow
			}
		}
	}
	contingency := bigDivide(new(big.Int).Mul(&lines, big.NewInt(d.ContingencyBP)), bpPerWhole, RoundHalfUp)
	gross := new(big.Int).Add(&lines, contingency)
	if !contingency.IsInt64() || !gross.IsInt64() {
		return Totals{}, ErrOverflow
	}
	subtotal := new(big.Int).Sub(gross, big.NewInt(d.DiscountMinor))
	if subtotal.Sign() < 0 {
		return Totals{}, ErrNegativeSubtotal
	}
	tax := bigDivide(new(big.Int).Mul(subtotal, big.NewInt(d.TaxRateBP)), bpPerWhole, rounding)
	total := new(big.Int).Add(subtotal, tax)
	if !tax.IsInt64() || !total.IsInt64() {
		return Totals{}, ErrOverflow
	}
	low, high := referenceRange(&expected6, &variance36)
	low = bigMin(bigMax(low, &opt), &lines)
	high = bigMax(bigMin(high, &pess), &lines)
	return Totals{
		Days:             days.Int64(),
		LinesMinor:       lines.Int64(),
		ContingencyMinor: contingency.Int64(),
		DiscountMinor:    d.DiscountMinor,
		SubtotalMinor:    subtotal.Int64(),
		TaxMinor:         tax.Int64(),
		TotalMinor:       total.Int64(),
		OptimisticMinor:  low.Int64(),
		PessimisticMinor: high.Int64(),
	}, nil
}

// referenceRange is the PERT range from 6 × the expected total and 36 × its variance, with the
// square root taken in floating point of ample precision: E ± 2σ, rounded to the nearest unit.
func referenceRange(expected6, variance36 *big.Int) (low, high *big.Int) {
	const prec = 512
	root := new(big.Float).SetPrec(prec).SetInt(variance36)
	root.Sqrt(root)
	e6 := new(big.Float).SetPrec(prec).SetInt(expected6)
	dev := new(big.Float).SetPrec(prec).Mul(root, big.NewFloat(2))
	round := func(x *big.Float) *big.Int {
		x.Quo(x, big.NewFloat(6))
		x.Add(x, big.NewFloat(0.5))
		i, _ := x.Int(nil)
		return i
	}
	return round(new(big.Float).SetPrec(prec).Sub(e6, dev)), round(new(big.Float).SetPrec(prec).Add(e6, dev))
}

// closeRange reports whether got's range is within a minor unit of want's.
func closeRange(got, want Totals) bool {
	near := func(a, b int64) bool { return a-b <= 1 && b-a <= 1 }
	return near(got.OptimisticMinor, want.OptimisticMinor) && near(got.PessimisticMinor, want.PessimisticMinor)
}

// bigDivide returns n / d rounded with mode, for n >= 0 and d > 0, written from the definitions
// rather than shared with the code under test.
func bigDivide(n *big.Int, d int64, mode Rounding) *big.Int {
	q, r := new(big.Int).QuoRem(n, big.NewInt(d), new(big.Int))
	twice := new(big.Int).Lsh(r, 1)
	if (mode == RoundUp && r.Sign() > 0) || (mode == RoundHalfUp && twice.Cmp(big.NewInt(d)) >= 0) {
		q.Add(q, big.NewInt(1))
	}
	return q
}
