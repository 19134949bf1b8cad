package estimate

import (
	"reflect"
	"testing"
)

// phases returns a [PhaseCount]int64 from the given tenths, the missing ones zero.
func phases(tenths ...int64) [PhaseCount]int64 {
	var p [PhaseCount]int64
	copy(p[:], tenths)
	return p
}

func TestApply(t *testing.T) {
	jpy, _ := samples()
	all := []string{"line-1", "line-2", "line-3", "line-4", "line-5", "line-6"}
	api := NewLine{Key: "line-7", Name: "API監視", Phases: phases(0, 0, 10, 5), Source: SourceAI, Confidence: Medium}
	tests := []struct {
		name     string
		p        Proposal
		keys     []string
		lines    int64
		discount int64
		err      error
	}{
		{"Nothing", Proposal{}, all, jpyLines, 50_000, nil},
		// 3.4 days become 2.6: ¥32,000 less.
		{"Change", Proposal{Changes: []LineChange{{Key: "line-2", Phases: phases(2, 5, 10, 8, 1), Reason: "reuse"}}},
			all, jpyLines - 32_000, 50_000, nil},
		{"Remove", Proposal{Changes: []LineChange{{Key: "line-5", Remove: true, Phases: phases(-1)}}},
			[]string{"line-1", "line-2", "line-3", "line-4", "line-6"}, jpyLines - 100_000, 50_000, nil},
		// 1.5 days at ¥40,000, the unit cost of five lines out of six.
		{"Add", Proposal{Additions: []NewLine{api}}, append(all, "line-7"), jpyLines + 60_000, 50_000, nil},
		{"UnitCost", Proposal{Additions: []NewLine{api}, UnitCostMinor: 30_000}, append(all, "line-7"), 266 * 3_000, 50_000, nil},
		{"Discount", Proposal{DiscountMinor: 20_000}, all, jpyLines, 70_000, nil},
		{"Together", Proposal{
			Changes:       []LineChange{{Key: "line-2", Phases: phases(2, 5, 10, 8, 1)}, {Key: "line-1", Remove: true}},
			Additions:     []NewLine{api},
			DiscountMinor: 1,
		}, []string{"line-2", "line-3", "line-4", "line-5", "line-6", "line-7"}, jpyLines - 32_000 - 140_000 + 60_000, 50_001, nil},

		{"UnknownKey", Proposal{Changes: []LineChange{{Key: "line-9", Remove: true}}}, nil, 0, 0, ErrUnknownLine},
		{"EmptyKey", Proposal{Changes: []LineChange{{Remove: true}}}, nil, 0, 0, ErrUnknownLine},
		{"ChangedTwice", Proposal{Changes: []LineChange{{Key: "line-1", Phases: phases(1)}, {Key: "line-1", Remove: true}}},
			nil, 0, 0, ErrDuplicateChange},
		{"NoEffort", Proposal{Changes: []LineChange{{Key: "line-1"}}}, nil, 0, 0, ErrNoEffort},
		{"PhaseOutOfRange", Proposal{Changes: []LineChange{{Key: "line-1", Phases: phases(10, MaxPhaseTenths+1)}}},
			nil, 0, 0, ErrPhaseOutOfRange},
		{"NegativePhase", Proposal{Changes: []LineChange{{Key: "line-1", Phases: phases(10, -1)}}}, nil, 0, 0, ErrPhaseOutOfRange},
		{"RemoveAll", Proposal{Changes: []LineChange{{Key: "line-1", Remove: true}, {Key: "line-2", Remove: true},
			{Key: "line-3", Remove: true}, {Key: "line-4", Remove: true}, {Key: "line-5", Remove: true}, {Key: "line-6", Remove: true}}},
			nil, 0, 0, ErrNoLines},
		{"DiscountExceeds", Proposal{DiscountMinor: jpyLines + jpyContingency - 50_000 + 1}, nil, 0, 0, ErrNegativeSubtotal},
		{"NegativeDiscount", Proposal{DiscountMinor: -1}, nil, 0, 0, ErrNegativeDiscount},
		{"NegativeUnitCost", Proposal{UnitCostMinor: -1}, nil, 0, 0, ErrNegativeUnitCost},
		{"AddExistingKey", Proposal{Additions: []NewLine{{Key: "line-3", Name: "again", Phases: phases(10)}}}, nil, 0, 0, ErrDuplicateKey},
		{"AddTwice", Proposal{Additions: []NewLine{api, api}}, nil, 0, 0, ErrDuplicateKey},
		{"AddNoEffort", Proposal{Additions: []NewLine{{Key: "line-7", Name: "empty"}}}, nil, 0, 0, ErrNoEffort},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := jpy.Clone()
			got, err := jpy.Apply(tt.p)
			checkUntouched(t, jpy, before)
			checkErr(t, err, tt.err)
			if err != nil {
				return
			}
			checkLines(t, got, tt.keys, tt.lines)
			if got.DiscountMinor != tt.discount {
				t.Errorf("discount %d, want %d", got.DiscountMinor, tt.discount)
			}
		})
	}
}

func TestApplyLines(t *testing.T) {
	jpy, _ := samples()
	add := NewLine{Key: "line-7", Name: "API監視", Description: "死活監視", Phases: phases(0, 0, 10, 5),
		Source: SourceAI, Confidence: Medium, Reasoning: "similar to line-3", Reason: "the client asked"}
	got, err := jpy.Apply(Proposal{
		Changes:   []LineChange{{Key: "line-2", Phases: phases(2, 5, 10, 8, 1)}},
		Additions: []NewLine{add},
	})
	checkErr(t, err, nil)

	// 3.4 days (range 2.7–5.1) become 2.6: 27 × 26 / 34 = 20.6 and 51 × 26 / 34 = 39.
	changed := jpy.Lines[1]
	changed.Effort = effort(21, 39, 2, 5, 10, 8, 1)
	if !reflect.DeepEqual(got.Lines[1], changed) {
		t.Errorf("changed line = %+v\nwant           %+v", got.Lines[1], changed)
	}
	want := Line{Key: "line-7", Name: "API監視", Description: "死活監視", Effort: effort(15, 15, 0, 0, 10, 5),
		UnitCostMinor: 40_000, Confidence: Medium, Reasoning: "similar to line-3", Source: SourceAI}
	if !reflect.DeepEqual(got.Lines[6], want) {
		t.Errorf("added line = %+v\nwant         %+v", got.Lines[6], want)
	}
}

func TestApplyToNoLines(t *testing.T) {
	add := Proposal{Additions: []NewLine{{Key: "line-1", Name: "first", Phases: phases(10)}}}
	_, err := Document{}.Apply(add)
	checkErr(t, err, ErrNoLines)
	add.UnitCostMinor = 40_000
	got, err := Document{}.Apply(add)
	checkErr(t, err, nil)
	if a, _ := got.Lines[0].Amount(); a != 40_000 {
		t.Errorf("amount = %d, want 40000", a)
	}
}

func TestCommonUnitCost(t *testing.T) {
	tests := []struct {
		costs []int64
		want  int64
	}{
		{[]int64{7}, 7},
		{[]int64{5, 7, 7}, 7},
		{[]int64{5, 7, 7, 5}, 5},       // a tie: the first line's
		{[]int64{3, 5, 5, 7, 7, 9}, 5}, // a tie the first line is not in: the first of the tied
	}
	for _, tt := range tests {
		var d Document
		for _, c := range tt.costs {
			d.Lines = append(d.Lines, line(c, 10))
		}
		if got, err := d.commonUnitCost(); err != nil || got != tt.want {
			t.Errorf("commonUnitCost(%v) = %d, %v, want %d", tt.costs, got, err, tt.want)
		}
	}
}
