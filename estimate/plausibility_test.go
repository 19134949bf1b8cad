package estimate

import (
	"reflect"
	"testing"
)

// phaseLine is a line with the given days per phase (whole days).
func phaseLine(req, design, impl, test, doc int64) Line {
	return Line{Effort: Effort{Phases: [PhaseCount]int64{req * 10, design * 10, impl * 10, test * 10, doc * 10}}}
}

func TestPlausibility(t *testing.T) {
	tests := []struct {
		name  string
		lines []Line
		want  []Finding
	}{
		{"IPA proportions", []Line{phaseLine(9, 32, 29, 30, 0)}, nil},
		{"split over lines", []Line{phaseLine(9, 0, 0, 0, 0), phaseLine(0, 32, 0, 0, 0), phaseLine(0, 0, 29, 30, 5)}, nil},
		{"too small to judge", []Line{phaseLine(0, 0, 10, 0, 0)}, nil},
		{"testing forgotten", []Line{phaseLine(10, 35, 45, 0, 0)}, []Finding{{Code: "testing_missing", ValueBP: 0, TypicalBP: 3000}}},
		{"testing thin", []Line{phaseLine(10, 30, 52, 8, 0)}, []Finding{{Code: "testing_share_low", ValueBP: 800, TypicalBP: 3000}}},
		{"test less than half the build", []Line{phaseLine(10, 20, 50, 17, 3)}, []Finding{{Code: "test_build_ratio_low", ValueBP: 3400, TypicalBP: 10300}}},
		{"documents everywhere", []Line{phaseLine(5, 25, 25, 20, 25)}, []Finding{{Code: "documentation_share_high", ValueBP: 2500, TypicalBP: 500}}},
		{"building twice the design", []Line{phaseLine(5, 10, 60, 25, 0)}, []Finding{
			{Code: "design_share_low", ValueBP: 1000, TypicalBP: 3200},
			{Code: "implementation_share_high", ValueBP: 6000, TypicalBP: 2900},
			{Code: "test_build_ratio_low", ValueBP: 4166, TypicalBP: 10300},
		}},
		{"design only", []Line{phaseLine(10, 40, 0, 0, 2)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Plausibility(tt.lines); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Plausibility = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestPlausibilityLeavesLinesAlone: a check never changes a figure.
func TestPlausibilityLeavesLinesAlone(t *testing.T) {
	lines := []Line{phaseLine(10, 30, 60, 0, 0)}
	before := lines[0]
	Plausibility(lines)
	if !reflect.DeepEqual(lines[0], before) {
		t.Error("the line changed")
	}
}

// TestLineOutliers: a line three times above or below its usual size, by at least 5 person-days,
// is remarked on; smaller differences and lines of unknown size are not.
func TestLineOutliers(t *testing.T) {
	lines := []Line{phaseLine(0, 0, 40, 0, 0), phaseLine(0, 0, 2, 0, 0), phaseLine(0, 0, 3, 0, 0), phaseLine(0, 0, 12, 0, 0), phaseLine(0, 0, 9, 0, 0)}
	lines[0].Name, lines[1].Name = "A", "B"
	got := LineOutliers(lines, []int64{100, 100, 20, 0, 30})
	want := []LineFinding{
		{Code: "line_far_above", Line: 1, Name: "A", Tenths: 400, TypicalTenths: 100},
		{Code: "line_far_below", Line: 2, Name: "B", Tenths: 20, TypicalTenths: 100},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LineOutliers = %+v, want %+v", got, want)
	}
}
