package estimate

import (
	"fmt"
	"reflect"
	"testing"
)

// keyed returns a line with a key, a name, a confidence and a range around its days (80 % to
// 150 %), costing cost minor units per person-day, with the given phases in tenths.
func keyed(key, name string, cost int64, c Confidence, phases ...int64) Line {
	l := line(cost, phases...)
	l.Key, l.Name, l.Confidence = key, name, c
	days := l.Effort.Days()
	l.Effort.Optimistic, l.Effort.Pessimistic = days*8/10, days*15/10
	l.Assumptions, l.Risks = []string{"assumption of " + key}, []string{"risk of " + key}
	return l
}

// currency is the prices of a sample quotation in one currency's minor units.
type currency struct {
	name          string
	cost, special int64 // unit costs per person-day: most lines', and one line's
	discountMinor int64
	contingencyBP int64
}

// currencies are the two currencies of the application: yen, and US dollars in cents.
func currencies() []currency {
	return []currency{
		{"JPY", 40_000, 45_000, 50_000, 500},
		{"USD", 15_000, 12_345, 5_000, 500},
	}
}

// quotation returns a sample of six deliverables with every confidence, a contingency and a
// discount, priced in c.
func (c currency) quotation(taxBP int64, rounding Rounding) Document {
	return Document{
		Lines: []Line{
			keyed("line-1", "要件定義", c.cost, Medium, 25, 5, 0, 0, 5),
			keyed("line-2", "ログイン機能", c.cost, High, 2, 5, 18, 8, 1),
			keyed("line-3", "外部API連携", c.special, Low, 3, 7, 35, 15, 3),
			keyed("line-4", "帳票出力", c.cost, "", 2, 6, 30, 14, 2),
			keyed("line-5", "操作マニュアル", c.cost, High, 0, 0, 0, 0, 25),
			keyed("line-6", "結合テスト", c.cost, Medium, 0, 3, 0, 35, 2),
		},
		ContingencyBP: c.contingencyBP,
		DiscountMinor: c.discountMinor,
		TaxRateBP:     taxBP,
		TaxRounding:   rounding,
	}
}

// samples returns the sample quotation in yen and in dollars, with 10 % tax rounded down.
func samples() (jpy, usd Document) {
	return currencies()[0].quotation(1000, RoundDown), currencies()[1].quotation(1000, RoundDown)
}

// fixture is a named sample document.
type fixture struct {
	name string
	doc  Document
}

// fixtures returns the sample quotation in both currencies, with 10 % and 0 % tax and each tax
// rounding.
func fixtures() []fixture {
	var out []fixture
	for _, c := range currencies() {
		for _, tax := range []int64{1000, 0} {
			for _, r := range []Rounding{RoundDown, RoundHalfUp, RoundUp} {
				out = append(out, fixture{fmt.Sprintf("%s/%dbp/%s", c.name, tax, r), c.quotation(tax, r)})
			}
		}
	}
	return out
}

// mustTotals returns d's totals, failing the test if d cannot be totalled.
func mustTotals(t *testing.T, d Document) Totals {
	t.Helper()
	got, err := d.Totals()
	if err != nil {
		t.Fatalf("Totals(): %v", err)
	}
	return got
}

// checkLines fails the test unless d has the lines with these keys, in this order, and their
// amounts sum to lines.
func checkLines(t *testing.T, d Document, keys []string, lines int64) {
	t.Helper()
	var got []string
	for _, l := range d.Lines {
		got = append(got, l.Key)
	}
	if !reflect.DeepEqual(got, keys) {
		t.Errorf("keys = %q, want %q", got, keys)
	}
	if sum := mustTotals(t, d).LinesMinor; sum != lines {
		t.Errorf("lines = %d, want %d", sum, lines)
	}
}

// checkUntouched fails the test if doc differs from before, the clone taken before an
// operation: operations return new documents and never change their receiver.
func checkUntouched(t *testing.T, doc, before Document) {
	t.Helper()
	if !reflect.DeepEqual(doc, before) {
		t.Errorf("the receiver changed:\n%+v\nwas\n%+v", doc, before)
	}
}
