package estimate

import (
	"math"
	"strings"
	"testing"
)

// ranged returns line(cost, tenths) with the given optimistic and pessimistic totals.
func ranged(cost, tenths, opt, pess int64) Line {
	l := line(cost, tenths)
	l.Effort.Optimistic, l.Effort.Pessimistic = opt, pess
	return l
}

// flat returns the totals of lines summing to amount over days tenths, with no range (so a sure
// total), before contingency, discount and tax are filled in.
func flat(days, amount int64) Totals {
	return Totals{Days: days, LinesMinor: amount, OptimisticMinor: amount, PessimisticMinor: amount, RangeConfidence: High}
}

// with returns t with the contingency, discount and tax set and the subtotal and total derived,
// so each table row states only the numbers it is about.
func (t Totals) with(contingency, discount, tax int64) Totals {
	t.ContingencyMinor, t.DiscountMinor, t.TaxMinor = contingency, discount, tax
	t.SubtotalMinor = t.LinesMinor + contingency - discount
	t.TotalMinor = t.SubtotalMinor + tax
	return t
}

func TestTotals(t *testing.T) {
	const eightE18 = 8_000_000_000_000_000_000
	tests := []struct {
		name string
		doc  Document
		want Totals
		err  error
	}{
		{"Empty", Document{TaxRateBP: 1000}, Totals{RangeConfidence: Low}, nil},

		// 10 % on ¥123,455 is ¥12,345.5 and on ¥123,454 is ¥12,345.4.
		{"JPY10DefaultIsDown", Document{Lines: []Line{priced(123455)}, TaxRateBP: 1000},
			flat(10, 123455).with(0, 0, 12345), nil},
		{"JPY10Down", Document{Lines: []Line{priced(123455)}, TaxRateBP: 1000, TaxRounding: RoundDown},
			flat(10, 123455).with(0, 0, 12345), nil},
		{"JPY10HalfUpExactHalf", Document{Lines: []Line{priced(123455)}, TaxRateBP: 1000, TaxRounding: RoundHalfUp},
			flat(10, 123455).with(0, 0, 12346), nil},
		{"JPY10HalfUpBelowHalf", Document{Lines: []Line{priced(123454)}, TaxRateBP: 1000, TaxRounding: RoundHalfUp},
			flat(10, 123454).with(0, 0, 12345), nil},
		{"JPY10Up", Document{Lines: []Line{priced(123454)}, TaxRateBP: 1000, TaxRounding: RoundUp},
			flat(10, 123454).with(0, 0, 12346), nil},
		{"JPY10UpExact", Document{Lines: []Line{priced(123450)}, TaxRateBP: 1000, TaxRounding: RoundUp},
			flat(10, 123450).with(0, 0, 12345), nil},

		// 8 % on ¥123,456 is ¥9,876.48. (8 % of whole yen never ends in exactly .5.)
		{"JPY8Down", Document{Lines: []Line{priced(123456)}, TaxRateBP: 800},
			flat(10, 123456).with(0, 0, 9876), nil},
		{"JPY8HalfUp", Document{Lines: []Line{priced(123456)}, TaxRateBP: 800, TaxRounding: RoundHalfUp},
			flat(10, 123456).with(0, 0, 9876), nil},
		{"JPY8Up", Document{Lines: []Line{priced(123456)}, TaxRateBP: 800, TaxRounding: RoundUp},
			flat(10, 123456).with(0, 0, 9877), nil},
		{"JPY0", Document{Lines: []Line{priced(123456)}, TaxRounding: RoundUp},
			flat(10, 123456).with(0, 0, 0), nil},

		// 0.3 days × $500.00 = $150.00 and 1.5 days × $123.45 = $185.175 → $185.18.
		{"USD0", Document{Lines: []Line{line(50000, 3), line(12345, 5, 5, 5)}},
			flat(18, 33518).with(0, 0, 0), nil},
		// 7.25 % of $335.18 is $24.30055.
		{"USDSalesTaxDown", Document{Lines: []Line{line(50000, 3), line(12345, 5, 5, 5)}, TaxRateBP: 725},
			flat(18, 33518).with(0, 0, 2430), nil},
		{"USDSalesTaxUp", Document{Lines: []Line{line(50000, 3), line(12345, 5, 5, 5)}, TaxRateBP: 725, TaxRounding: RoundUp},
			flat(18, 33518).with(0, 0, 2431), nil},

		// 1.2 d × ¥40,000 (range 1.0–2.0) and 0.3 d × ¥45,000 (range 0.2–0.5).
		// PERT: O/M/P ¥40,000/48,000/80,000 and ¥9,000/13,500/22,500 expect (312,000 + 85,500) / 6
		// = ¥66,250 with σ = √(40,000² + 13,500²) / 6 = 42,216 / 6; ± 2σ is ¥52,178–80,322, inside
		// the sums of the extremes (¥49,000–102,500), 31 % above the total: low confidence.
		{"Ranges", Document{Lines: []Line{ranged(40000, 12, 10, 20), ranged(45000, 3, 2, 5)}, TaxRateBP: 1000},
			Totals{Days: 15, LinesMinor: 61500, OptimisticMinor: 52178, PessimisticMinor: 80322, RangeConfidence: Low}.with(0, 0, 6150), nil},

		{"ContingencyAndDiscount", Document{Lines: []Line{priced(1_000_000)}, ContingencyBP: 1500, DiscountMinor: 50_000, TaxRateBP: 1000},
			flat(10, 1_000_000).with(150_000, 50_000, 110_000), nil},
		// 10 % of ¥12,345 is ¥1,234.5 → ¥1,235; subtotal ¥13,580, tax ¥1,358.
		{"ContingencyHalfUp", Document{Lines: []Line{priced(12345)}, ContingencyBP: 1000, TaxRateBP: 1000},
			flat(10, 12345).with(1235, 0, 1358), nil},
		{"DiscountToZero", Document{Lines: []Line{priced(100_000)}, ContingencyBP: 1000, DiscountMinor: 110_000, TaxRateBP: 1000},
			flat(10, 100_000).with(10_000, 110_000, 0), nil},
		{"DiscountExceeds", Document{Lines: []Line{priced(100_000)}, ContingencyBP: 1000, DiscountMinor: 110_001, TaxRateBP: 1000},
			Totals{}, ErrNegativeSubtotal},
		{"DiscountWithoutLines", Document{DiscountMinor: 1}, Totals{}, ErrNegativeSubtotal},

		{"NegativeDiscount", Document{Lines: []Line{priced(100)}, DiscountMinor: -1}, Totals{}, ErrNegativeDiscount},
		{"NegativeTax", Document{Lines: []Line{priced(100)}, TaxRateBP: -1000}, Totals{}, ErrNegativeRate},
		{"NegativeContingency", Document{Lines: []Line{priced(100)}, ContingencyBP: -1}, Totals{}, ErrNegativeRate},
		{"UnknownRounding", Document{Lines: []Line{priced(100)}, TaxRounding: "nearest"}, Totals{}, ErrUnknownRounding},
		{"LineError", Document{Lines: []Line{priced(100), line(-1, 10)}}, Totals{}, ErrNegativeUnitCost},
		{"LineRangeError", Document{Lines: []Line{ranged(100, 10, -1, 10)}}, Totals{}, ErrInvalidRange},

		// Near the int64 limits: an exact answer, or ErrOverflow, never a wrapped number.
		{"MaxExact", Document{Lines: []Line{priced(math.MaxInt64)}},
			flat(10, math.MaxInt64).with(0, 0, 0), nil},
		{"LargeTaxExact", Document{Lines: []Line{priced(eightE18)}, TaxRateBP: 1000},
			flat(10, eightE18).with(0, 0, eightE18/10), nil},
		{"DiscountBringsItBack", Document{Lines: []Line{priced(math.MaxInt64)}, DiscountMinor: math.MaxInt64 - 100, TaxRateBP: 1000},
			flat(10, math.MaxInt64).with(0, math.MaxInt64-100, 10), nil},
		{"LineOverflow", Document{Lines: []Line{line(math.MaxInt64, 11)}}, Totals{}, ErrOverflow},
		{"LinesSumOverflow", Document{Lines: []Line{priced(math.MaxInt64), priced(1)}}, Totals{}, ErrOverflow},
		{"RangeSumOverflow", Document{Lines: []Line{ranged(math.MaxInt64/2, 10, 10, 20), ranged(math.MaxInt64/2, 10, 10, 20)}},
			Totals{}, ErrOverflow},
		{"ContingencyOverflow", Document{Lines: []Line{priced(math.MaxInt64)}, ContingencyBP: 20000}, Totals{}, ErrOverflow},
		{"LinesPlusContingencyOverflow", Document{Lines: []Line{priced(math.MaxInt64)}, ContingencyBP: 1}, Totals{}, ErrOverflow},
		{"TaxOverflow", Document{Lines: []Line{priced(eightE18)}, TaxRateBP: 20000}, Totals{}, ErrOverflow},
		{"TotalOverflow", Document{Lines: []Line{priced(math.MaxInt64)}, TaxRateBP: 1000}, Totals{}, ErrOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.doc.Totals()
			checkErr(t, err, tt.err)
			if got != tt.want {
				t.Errorf("Totals() = %+v\nwant       %+v", got, tt.want)
			}
		})
	}
}

func TestTotalsLineErrorNamesTheLine(t *testing.T) {
	bad := line(40000, 10, -5)
	bad.Name = "ログイン機能"
	_, err := Document{Lines: []Line{priced(100), bad}}.Totals()
	if err == nil || !strings.Contains(err.Error(), `line 2 "ログイン機能"`) {
		t.Errorf("error = %v, want it to name line 2", err)
	}
}

// TestTotalsSampleDocument totals a 13-line JPY quotation worked out by hand:
//
//	 #  deliverable      phases (tenths)   days  unit cost  amount
//	 1  要件定義          25  5  0  0  5     3.5    40,000    140,000
//	 2  基本設計書         5 30  0  0  8     4.3    40,000    172,000
//	 3  画面設計           0 22  0  0  4     2.6    40,000    104,000
//	 4  ログイン機能        2  5 18  8  1     3.4    40,000    136,000
//	 5  ユーザー管理        3  6 25 12  2     4.8    40,000    192,000
//	 6  見積作成画面        4  8 40 18  3     7.3    40,000    292,000
//	 7  帳票出力           2  6 30 14  2     5.4    45,000    243,000
//	 8  外部API連携        3  7 35 15  3     6.3    33,333    209,998   (209,997.9)
//	 9  管理者画面          2  5 20 10  2     3.9    40,000    156,000
//	10  データ移行          2  4 12  8  1     2.7    38,885    104,990   (104,989.5, half up)
//	11  結合テスト          0  3  0 35  2     4.0    40,000    160,000
//	12  操作マニュアル       0  0  0  0 25     2.5    40,000    100,000
//	13  導入支援           1  0  3  2  6     1.2    40,000     48,000
//	                                        51.9            2,057,988
//
//	contingency 5 %     2,057,988 × 0.05 = 102,899.4 → 102,899 (half up)
//	discount (出精値引)                                 −50,000
//	subtotal            2,057,988 + 102,899 − 50,000 = 2,110,887
//	tax 10 % 切り捨て    2,110,887 × 0.10 = 211,088.7 → 211,088
//	total               2,110,887 + 211,088          = 2,321,975
func TestTotalsSampleDocument(t *testing.T) {
	rows := []struct {
		name   string
		cost   int64
		phases [PhaseCount]int64
	}{
		{"要件定義", 40000, [PhaseCount]int64{25, 5, 0, 0, 5}},
		{"基本設計書", 40000, [PhaseCount]int64{5, 30, 0, 0, 8}},
		{"画面設計", 40000, [PhaseCount]int64{0, 22, 0, 0, 4}},
		{"ログイン機能", 40000, [PhaseCount]int64{2, 5, 18, 8, 1}},
		{"ユーザー管理", 40000, [PhaseCount]int64{3, 6, 25, 12, 2}},
		{"見積作成画面", 40000, [PhaseCount]int64{4, 8, 40, 18, 3}},
		{"帳票出力", 45000, [PhaseCount]int64{2, 6, 30, 14, 2}},
		{"外部API連携", 33333, [PhaseCount]int64{3, 7, 35, 15, 3}},
		{"管理者画面", 40000, [PhaseCount]int64{2, 5, 20, 10, 2}},
		{"データ移行", 38885, [PhaseCount]int64{2, 4, 12, 8, 1}},
		{"結合テスト", 40000, [PhaseCount]int64{0, 3, 0, 35, 2}},
		{"操作マニュアル", 40000, [PhaseCount]int64{0, 0, 0, 0, 25}},
		{"導入支援", 40000, [PhaseCount]int64{1, 0, 3, 2, 6}},
	}
	amounts := []int64{140000, 172000, 104000, 136000, 192000, 292000, 243000, 209998, 156000, 104990, 160000, 100000, 48000}
	doc := Document{ContingencyBP: 500, DiscountMinor: 50_000, TaxRateBP: 1000, TaxRounding: RoundDown}
	for i, r := range rows {
		l := line(r.cost, r.phases[:]...)
		l.Name = r.name
		if got, err := l.Amount(); err != nil || got != amounts[i] {
			t.Errorf("line %d %s: Amount() = %d, %v, want %d", i+1, r.name, got, err, amounts[i])
		}
		doc.Lines = append(doc.Lines, l)
	}
	got, err := doc.Totals()
	if err != nil {
		t.Fatal(err)
	}
	want := flat(519, 2_057_988).with(102_899, 50_000, 211_088)
	if got != want {
		t.Errorf("Totals() = %+v\nwant       %+v", got, want)
	}
	if got.SubtotalMinor != 2_110_887 || got.TotalMinor != 2_321_975 {
		t.Errorf("subtotal %d, total %d, want 2,110,887 and 2,321,975", got.SubtotalMinor, got.TotalMinor)
	}
}
