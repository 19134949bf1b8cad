package estimate

import (
	"reflect"
	"slices"
	"testing"
)

// The sample quotation's sums, worked out by hand (see quotation):
//
//	line   tenths   JPY amount   USD amount (cents)
//	1      35       140,000      52,500
//	2      34       136,000      51,000
//	3      63       283,500      77,774   (63 × 12,345 / 10 = 77,773.5)
//	4      54       216,000      81,000
//	5      25       100,000      37,500
//	6      40       160,000      60,000
//	lines          1,035,500     359,774
//	contingency 5 %   51,775      17,989   (17,988.7)
//	discount         −50,000      −5,000
const (
	jpyLines, jpyContingency = 1_035_500, 51_775
	usdLines, usdContingency = 359_774, 17_989
)

func TestWithUnitCost(t *testing.T) {
	jpy, usd := samples()
	tests := []struct {
		name  string
		doc   Document
		cost  int64
		keys  []string
		lines int64
		err   error
	}{
		{"JPYAll", jpy, 50_000, nil, 251 * 5_000, nil},
		{"JPYOne", jpy, 40_000, []string{"line-3"}, jpyLines - 283_500 + 252_000, nil},
		{"USDAll", usd, 10_000, nil, 251 * 1_000, nil},
		{"USDTwo", usd, 15_000, []string{"line-3", "line-1"}, usdLines - 77_774 + 94_500, nil},
		{"Negative", jpy, -1, nil, 0, ErrNegativeUnitCost},
		{"UnknownKey", jpy, 50_000, []string{"line-1", "line-9"}, 0, ErrUnknownLine},
		{"EmptyKey", jpy, 50_000, []string{""}, 0, ErrUnknownLine},
		// ¥1,000 a day leaves ¥25,100 of lines under a ¥50,000 discount.
		{"DiscountExceeds", jpy, 1_000, nil, 0, ErrNegativeSubtotal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.doc.WithUnitCost(tt.cost, tt.keys)
			checkErr(t, err, tt.err)
			if err != nil {
				return
			}
			if lines := mustTotals(t, got).LinesMinor; lines != tt.lines {
				t.Errorf("lines = %d, want %d", lines, tt.lines)
			}
			for i, l := range got.Lines {
				was := tt.doc.Lines[i]
				wantCost := was.UnitCostMinor
				if tt.keys == nil || slices.Contains(tt.keys, was.Key) {
					wantCost = tt.cost
				}
				if l.UnitCostMinor != wantCost {
					t.Errorf("line %s: unit cost %d, want %d", l.Key, l.UnitCostMinor, wantCost)
				}
				l.UnitCostMinor = was.UnitCostMinor
				if !reflect.DeepEqual(l, was) {
					t.Errorf("line %s changed beyond its unit cost: %+v", l.Key, l)
				}
			}
		})
	}
}

// TestContingencyAndDiscountOnce sets a 10 % contingency and a discount, twice each, in both
// currencies: each is set, never added, and counted once in the subtotal.
func TestContingencyAndDiscountOnce(t *testing.T) {
	jpy, usd := samples()
	for name, tt := range map[string]struct {
		doc      Document
		discount int64
		want     Totals
	}{
		// ¥1,035,500 + 10 % ¥103,550 − ¥100,000 = ¥1,039,050; tax ¥103,905.
		"JPY": {jpy, 100_000, Totals{Days: 251, LinesMinor: jpyLines, ContingencyMinor: 103_550, DiscountMinor: 100_000,
			SubtotalMinor: 1_039_050, TaxMinor: 103_905, TotalMinor: 1_142_955}},
		// $3,597.74 + 10 % $359.774 → $359.77 − $100.00 = $3,857.51; tax $385.751 → $385.75.
		"USD": {usd, 10_000, Totals{Days: 251, LinesMinor: usdLines, ContingencyMinor: 35_977, DiscountMinor: 10_000,
			SubtotalMinor: 385_751, TaxMinor: 38_575, TotalMinor: 424_326}},
	} {
		t.Run(name, func(t *testing.T) {
			d := tt.doc
			for range 2 {
				var err error
				if d, err = d.WithContingency(1000); err != nil {
					t.Fatal(err)
				}
				if d, err = d.WithDiscount(tt.discount); err != nil {
					t.Fatal(err)
				}
			}
			got := mustTotals(t, d)
			// The ranges are not what this test is about.
			tt.want.OptimisticMinor, tt.want.PessimisticMinor, tt.want.RangeConfidence = got.OptimisticMinor, got.PessimisticMinor, got.RangeConfidence
			if got != tt.want {
				t.Errorf("Totals() = %+v\nwant       %+v", got, tt.want)
			}
		})
	}
}

func TestWithContingency(t *testing.T) {
	jpy, _ := samples()
	heavy := jpy.Clone()
	heavy.DiscountMinor = 1_080_000 // above the lines, below the lines plus contingency
	tests := []struct {
		name string
		doc  Document
		bp   int64
		err  error
	}{
		{"None", jpy, 0, nil},
		{"Max", jpy, MaxContingencyBP, nil},
		{"Negative", jpy, -1, ErrContingencyRange},
		{"AboveMax", jpy, MaxContingencyBP + 1, ErrContingencyRange},
		{"DiscountThenExceeds", heavy, 0, ErrNegativeSubtotal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.doc.WithContingency(tt.bp)
			checkErr(t, err, tt.err)
			if err == nil && got.ContingencyBP != tt.bp {
				t.Errorf("contingency = %d, want %d", got.ContingencyBP, tt.bp)
			}
		})
	}
}

func TestWithDiscount(t *testing.T) {
	jpy, _ := samples()
	gross := int64(jpyLines + jpyContingency)
	tests := []struct {
		name     string
		discount int64
		subtotal int64
		err      error
	}{
		{"None", 0, gross, nil},
		{"All", gross, 0, nil},
		{"AboveGross", gross + 1, 0, ErrNegativeSubtotal},
		{"Negative", -1, 0, ErrNegativeDiscount},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := jpy.WithDiscount(tt.discount)
			checkErr(t, err, tt.err)
			if err == nil && mustTotals(t, got).SubtotalMinor != tt.subtotal {
				t.Errorf("subtotal = %d, want %d", mustTotals(t, got).SubtotalMinor, tt.subtotal)
			}
		})
	}
}

func TestDiscountForPercent(t *testing.T) {
	jpy, usd := samples()
	for _, tt := range []struct {
		doc      Document
		bp, want int64
	}{
		{jpy, 1000, 108_728}, // 1,087,275 × 10 % = 108,727.5
		{jpy, 10000, jpyLines + jpyContingency},
		{usd, 1000, 37_776}, // 377,763 × 10 % = 37,776.3
		{usd, 1, 38},        // 37.7763
	} {
		if got, err := tt.doc.DiscountForPercent(tt.bp); err != nil || got != tt.want {
			t.Errorf("DiscountForPercent(%d) = %d, %v, want %d", tt.bp, got, err, tt.want)
		}
	}
	for _, bp := range []int64{0, -100, 10001} {
		_, err := jpy.DiscountForPercent(bp)
		checkErr(t, err, ErrDiscountRange)
	}
	_, err := Document{Lines: []Line{line(-1, 10)}}.DiscountForPercent(1000)
	checkErr(t, err, ErrNegativeUnitCost)
}

func TestWithout(t *testing.T) {
	jpy, _ := samples()
	heavy := jpy.Clone()
	heavy.DiscountMinor = 1_000_000
	tests := []struct {
		name  string
		doc   Document
		keys  []string
		want  []string // the keys left
		lines int64
		err   error
	}{
		{"One", jpy, []string{"line-5"}, []string{"line-1", "line-2", "line-3", "line-4", "line-6"}, jpyLines - 100_000, nil},
		{"Two", jpy, []string{"line-6", "line-1"}, []string{"line-2", "line-3", "line-4", "line-5"}, jpyLines - 300_000, nil},
		{"Nothing", jpy, nil, []string{"line-1", "line-2", "line-3", "line-4", "line-5", "line-6"}, jpyLines, nil},
		{"All", jpy, []string{"line-1", "line-2", "line-3", "line-4", "line-5", "line-6"}, nil, 0, ErrNoLines},
		{"Unknown", jpy, []string{"line-7"}, nil, 0, ErrUnknownLine},
		{"DiscountThenExceeds", heavy, []string{"line-3"}, nil, 0, ErrNegativeSubtotal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.doc.Without(tt.keys)
			checkErr(t, err, tt.err)
			if err != nil {
				return
			}
			checkLines(t, got, tt.want, tt.lines)
		})
	}
}
