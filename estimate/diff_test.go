package estimate

import (
	"reflect"
	"testing"
)

// row is what a test expects of one LineDiff.
type row struct {
	key           string
	before, after int // positions, 0 when absent
	changed       bool
}

// rows returns the rows of diff, for comparison with a test's expectation.
func rows(diff Diff) []row {
	var out []row
	for _, l := range diff.Lines {
		out = append(out, row{l.Key, l.PositionBefore, l.PositionAfter, l.Changed()})
	}
	return out
}

// pick returns a clone of d with the lines at the given indexes, in that order.
func pick(d Document, indexes ...int) Document {
	lines := make([]Line, 0, len(indexes))
	for _, i := range indexes {
		lines = append(lines, d.Lines[i])
	}
	d.Lines = lines
	return d.Clone()
}

// edited returns a clone of d changed by edit.
func edited(d Document, edit func(*Document)) Document {
	d = d.Clone()
	edit(&d)
	return d
}

func TestCompare(t *testing.T) {
	for _, c := range currencies() {
		a := c.quotation(1000, RoundDown)
		tests := []struct {
			name string
			b    Document
			want []row
		}{
			{"Same", a, []row{{"line-1", 1, 1, false}, {"line-2", 2, 2, false}, {"line-3", 3, 3, false},
				{"line-4", 4, 4, false}, {"line-5", 5, 5, false}, {"line-6", 6, 6, false}}},
			{"Renamed", edited(a, func(d *Document) { d.Lines[1].Name = "認証機能" }),
				[]row{{"line-1", 1, 1, false}, {"line-2", 2, 2, true}, {"line-3", 3, 3, false},
					{"line-4", 4, 4, false}, {"line-5", 5, 5, false}, {"line-6", 6, 6, false}}},
			{"Reordered", pick(a, 5, 0, 1, 2, 3, 4),
				[]row{{"line-6", 6, 1, false}, {"line-1", 1, 2, false}, {"line-2", 2, 3, false},
					{"line-3", 3, 4, false}, {"line-4", 4, 5, false}, {"line-5", 5, 6, false}}},
			{"Added", edited(a, func(d *Document) { d.Lines = append(d.Lines, keyed("line-7", "API監視", 100, High, 10)) }),
				[]row{{"line-1", 1, 1, false}, {"line-2", 2, 2, false}, {"line-3", 3, 3, false},
					{"line-4", 4, 4, false}, {"line-5", 5, 5, false}, {"line-6", 6, 6, false}, {"line-7", 0, 7, true}}},
			// Removed lines follow the line before them in a: line-3 after line-2, line-1 first.
			{"Removed", pick(a, 1, 3, 4, 5),
				[]row{{"line-1", 1, 0, true}, {"line-2", 2, 1, false}, {"line-3", 3, 0, true},
					{"line-4", 4, 2, false}, {"line-5", 5, 3, false}, {"line-6", 6, 4, false}}},
			// line-2 follows line-1 in a, wherever line-1 went.
			{"RemovedAfterMoved", pick(a, 2, 0, 3, 4, 5),
				[]row{{"line-3", 3, 1, false}, {"line-1", 1, 2, false}, {"line-2", 2, 0, true}, {"line-4", 4, 3, false},
					{"line-5", 5, 4, false}, {"line-6", 6, 5, false}}},
			{"Cut", edited(a, func(d *Document) { d.Lines[4].Effort.Phases[Documentation] = 10 }),
				[]row{{"line-1", 1, 1, false}, {"line-2", 2, 2, false}, {"line-3", 3, 3, false},
					{"line-4", 4, 4, false}, {"line-5", 5, 5, true}, {"line-6", 6, 6, false}}},
			// Without a key nothing matches: line-1 shows as removed and its copy as added. No line
			// kept from a precedes the removed ones, so they come first.
			{"NoKey", edited(pick(a, 0), func(d *Document) { d.Lines[0].Key = "" }),
				[]row{{"line-1", 1, 0, true}, {"line-2", 2, 0, true}, {"line-3", 3, 0, true},
					{"line-4", 4, 0, true}, {"line-5", 5, 0, true}, {"line-6", 6, 0, true}, {"", 0, 1, true}}},
		}
		for _, tt := range tests {
			t.Run(c.name+"/"+tt.name, func(t *testing.T) {
				before := a.Clone()
				diff, err := Compare(a, tt.b)
				checkErr(t, err, nil)
				checkUntouched(t, a, before)
				if got := rows(diff); !reflect.DeepEqual(got, tt.want) {
					t.Errorf("rows = %v\nwant   %v", got, tt.want)
				}
				if diff.Before != mustTotals(t, a) || diff.After != mustTotals(t, tt.b) {
					t.Errorf("totals %+v, %+v are not the documents'", diff.Before, diff.After)
				}
				var days, amount int64
				for _, l := range diff.Lines {
					days += l.DeltaDays()
					amount += l.DeltaAmount()
				}
				if days != diff.After.Days-diff.Before.Days || amount != diff.After.LinesMinor-diff.Before.LinesMinor {
					t.Errorf("Σ deltas %d days, %d minor; totals moved %d, %d", days, amount,
						diff.After.Days-diff.Before.Days, diff.After.LinesMinor-diff.Before.LinesMinor)
				}
			})
		}
	}
}

func TestCompareLine(t *testing.T) {
	a, _ := samples()
	b := edited(a, func(d *Document) {
		d.Lines[2].Name = "外部API連携（REST）"
		d.Lines[2].Description = "REST only"
		d.Lines[2].UnitCostMinor = 40_000
		d.Lines[2].Effort = d.Lines[2].Effort.WithPhases(phases(3, 7, 30, 15, 3))
	})
	diff, err := Compare(a, b)
	checkErr(t, err, nil)
	got := diff.Lines[2]
	want := LineDiff{Key: "line-3", Before: &a.Lines[2], After: &b.Lines[2], PositionBefore: 3, PositionAfter: 3,
		DaysBefore: 63, DaysAfter: 58, AmountBefore: 283_500, AmountAfter: 232_000,
		PhaseChanged: [PhaseCount]bool{Implementation: true}, NameChanged: true, DescriptionChanged: true, UnitCostChanged: true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LineDiff = %+v\nwant       %+v", got, want)
	}
	if got.DeltaDays() != -5 || got.DeltaAmount() != -51_500 {
		t.Errorf("deltas %d days, %d minor; want -5, -51500", got.DeltaDays(), got.DeltaAmount())
	}
	// The diff holds copies: changing them leaves the documents alone.
	got.Before.Assumptions[0] = "changed"
	if a.Lines[2].Assumptions[0] == "changed" {
		t.Error("LineDiff.Before aliases the document's line")
	}
}

// TestProposalPreview shows a proposal card's preview: the lines it changes, and nothing else.
func TestProposalPreview(t *testing.T) {
	base := currencies()[1].quotation(1000, RoundHalfUp)
	p := Proposal{
		Changes:   []LineChange{{Key: "line-4", Phases: phases(2, 6, 20, 10, 2)}, {Key: "line-5", Remove: true}},
		Additions: []NewLine{{Key: "line-7", Name: "Monitoring", Phases: phases(0, 0, 5, 5)}},
	}
	after, err := base.Apply(p)
	checkErr(t, err, nil)
	diff, err := Compare(base, after)
	checkErr(t, err, nil)
	var shown []string
	for _, l := range diff.Lines {
		if l.Changed() {
			shown = append(shown, l.Key)
		}
	}
	if want := []string{"line-4", "line-5", "line-7"}; !reflect.DeepEqual(shown, want) {
		t.Errorf("the preview shows %q, want %q", shown, want)
	}
}

func TestCompareErrors(t *testing.T) {
	good, _ := samples()
	twice := edited(good, func(d *Document) { d.Lines[1].Key = "line-1" })
	bad := Document{Lines: []Line{line(-1, 10)}}
	for _, tt := range []struct {
		name string
		a, b Document
		err  error
	}{
		{"DuplicateBefore", twice, good, ErrDuplicateKey},
		{"DuplicateAfter", good, twice, ErrDuplicateKey},
		{"BadBefore", bad, good, ErrNegativeUnitCost},
		{"BadAfter", good, bad, ErrNegativeUnitCost},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compare(tt.a, tt.b)
			checkErr(t, err, tt.err)
		})
	}
}
