package eval

import (
	"context"
	"errors"
	"strings"
	"testing"

	"estimator/llm"
)

// testCase is a case of three lines whose bands the fake's 30.0 person-days (10/30/30/30/0 %)
// fit, except documentation when docMin is above 0.
func testCase(id string, total Band, docMin float64) Case {
	return Case{
		ID: id, Language: "en", Title: "Small system", Requirements: "Three screens", Source: "test",
		Lines: []llm.LineInput{
			{Name: "Screens", Description: "3 screens"},
			{Name: "Testing", Description: "System testing"},
			{Name: "Manual", Description: "User manual"},
		},
		Answers: []llm.QA{{Question: "How many users?", Answer: "About 10"}},
		Expect: Expect{Total: total, Phases: [5]ShareBand{
			{Min: 0.05, Max: 0.15}, {Min: 0.22, Max: 0.40}, {Min: 0.20, Max: 0.40}, {Min: 0.20, Max: 0.40}, {Min: docMin, Max: 0.10},
		}},
	}
}

func TestRunSumsAndJudges(t *testing.T) {
	cases := []Case{
		testCase("inside", Band{Min: 200, Max: 400}, 0),
		testCase("above", Band{Min: 400, Max: 800}, 0.01),
	}
	results, err := Run(context.Background(), fakeEngine{est: tenDays}, cases)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 {
		t.Fatalf("%d results, want 2", len(results))
	}
	in := results[0]
	if in.Total != 300 || in.Phases != [5]int64{30, 90, 90, 90, 0} || in.Optimistic != 240 || in.Pessimistic != 420 {
		t.Errorf("sums: total %d phases %v range %d–%d; want 300, 30/90/90/90/0, 240–420", in.Total, in.Phases, in.Optimistic, in.Pessimistic)
	}
	if in.Shares != [5]float64{0.1, 0.3, 0.3, 0.3, 0} {
		t.Errorf("shares %v", in.Shares)
	}
	if !in.InBand || in.SharesInBand != [5]bool{true, true, true, true, true} || !in.CoversMidpoint {
		t.Errorf("inside: in band %v, shares %v, covers %v; want all true", in.InBand, in.SharesInBand, in.CoversMidpoint)
	}
	if in.Calls != 3 || in.InputTokens != 300 || in.OutputTokens != 60 || in.Failed() {
		t.Errorf("calls %d, tokens %d/%d, errors %v", in.Calls, in.InputTokens, in.OutputTokens, in.Errors)
	}
	// 30.0 is under 40–80 and its range 24.0–42.0 misses the midpoint 60; no documentation
	// effort is under the 1 % minimum.
	above := results[1]
	if above.InBand || above.CoversMidpoint || above.SharesInBand != [5]bool{true, true, true, true, false} {
		t.Errorf("above: in band %v, covers %v, shares %v", above.InBand, above.CoversMidpoint, above.SharesInBand)
	}
}

func TestRunRangeAtTheMidpoint(t *testing.T) {
	// The midpoint of 24.0–42.0 is 33.0; the range 24.0–42.0 touches it at both ends.
	for _, band := range []Band{{Min: 60, Max: 420}, {Min: 240, Max: 600}} {
		results, err := Run(context.Background(), fakeEngine{est: tenDays}, []Case{testCase("edge", band, 0)})
		if err != nil {
			t.Fatal(err)
		}
		if !results[0].CoversMidpoint {
			t.Errorf("band %v: the range 24.0–42.0 should cover its midpoint", band)
		}
	}
}

func TestRunRecordsFailedLines(t *testing.T) {
	results, err := Run(context.Background(), fakeEngine{est: tenDays, fail: "Testing"},
		[]Case{testCase("failing", Band{Min: 150, Max: 250}, 0)})
	if err != nil {
		t.Fatal(err)
	}
	r := results[0]
	if !r.Failed() || len(r.Errors) != 1 || r.Errors[0].Line != 1 || r.Errors[0].Name != "Testing" {
		t.Fatalf("errors %v: want line 2 (Testing)", r.Errors)
	}
	if msg := r.Errors[0].Error(); !strings.Contains(msg, "line 2 (Testing)") || !strings.Contains(msg, "the model refused") {
		t.Errorf("error text %q", msg)
	}
	// The two other lines (20.0) fall inside 15–25, but a case with a missing line is not judged.
	if r.InBand || r.CoversMidpoint || r.SharesInBand != [5]bool{} {
		t.Errorf("a failed case was judged: in band %v, covers %v, shares %v", r.InBand, r.CoversMidpoint, r.SharesInBand)
	}
	if r.Calls != 3 || r.InputTokens != 300 {
		t.Errorf("calls %d, input tokens %d: the failed call counts too", r.Calls, r.InputTokens)
	}
}

func TestRunStopsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, fakeEngine{est: tenDays}, []Case{testCase("cancelled", Band{Min: 200, Max: 400}, 0)})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run: %v, want context.Canceled", err)
	}
}
