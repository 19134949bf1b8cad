package offline

import (
	"os"
	"strings"
	"testing"
)

// TestOfflineDocMatchesCode: OFFLINE.md states the model's figures as the code has them, so that
// an estimator can redo any estimate by hand with it.
func TestOfflineDocMatchesCode(t *testing.T) {
	data, err := os.ReadFile("OFFLINE.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	want := []string{
		"| screen | " + fmtDays(screenTenths) + " |",
		"| report | " + fmtDays(reportTenths) + " |",
		"| batch job | " + fmtDays(batchTenths) + " |",
		"| API | " + fmtDays(apiTenths) + ", or 0 when the system has screens |",
		"| interface with another system | " + fmtDays(integrationTenths) + " |",
		"| page of a website | " + fmtDays(pageTenths) + " |",
		"| " + fmtPercent(requirementsPerMille) + " (on top) |",
	}
	for f := fineBasicDesign; f < numFine; f++ {
		want = append(want, "| "+fmtPercent(fineShares[f])+" |")
	}
	for _, s := range stages {
		want = append(want, "| ×"+fmtFactor(s.low)+" – ×"+fmtFactor(s.high)+" | "+s.confidence+" |")
	}
	for _, w := range want {
		if !strings.Contains(doc, w) {
			t.Errorf("OFFLINE.md does not state %q", w)
		}
	}
}
