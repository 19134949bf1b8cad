package offline

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestOfflineDoc keeps OFFLINE.md true: every table of the model is rendered from the code and
// must appear in the document exactly as rendered.
func TestOfflineDoc(t *testing.T) {
	doc, err := os.ReadFile("OFFLINE.md")
	if err != nil {
		t.Fatal(err)
	}
	tables := []struct{ name, table string }{
		{"profiles", profileTable()},
		{"measures", measureTable()},
		{"splits", splitTable()},
		{"kind rules", ruleTable()},
		{"signals", signalTable()},
		{"complexity", complexityTable()},
		{"users", userTable()},
		{"confidence", confidenceTable()},
		{"spreads", spreadTable()},
		{"questions", questionTable()},
	}
	for _, tt := range tables {
		if !strings.Contains(string(doc), tt.table) {
			t.Errorf("OFFLINE.md lacks the %s table as the code has it:\n%s", tt.name, tt.table)
		}
	}
}

func profileTable() string {
	var b strings.Builder
	b.WriteString("| profile | kind | base (person-days) | size counted in | reference size | integrations | users | system counts shared |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	yes := func(v bool) string {
		if v {
			return "yes"
		}
		return "–"
	}
	for _, p := range profiles {
		unit, ref := "–", "–"
		if p.measure != measureNone {
			unit, ref = measures[p.measure].unit.en, fmtInt(p.ref)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", p.name.en, p.kind, fmtDays(p.base), unit, ref,
			yes(p.integrations), yes(p.users), yes(p.shared))
	}
	return b.String()
}

func measureTable() string {
	var b strings.Builder
	b.WriteString("| size counted in | the sum of |\n|---|---|\n")
	for m, spec := range measures {
		if measure(m) == measureNone {
			continue
		}
		var parts []string
		for _, s := range spec.signals {
			parts = append(parts, signalSpecs[s].enMany)
		}
		fmt.Fprintf(&b, "| %s | %s |\n", spec.unit.en, strings.Join(parts, " + "))
	}
	return b.String()
}

func splitTable() string {
	var b strings.Builder
	b.WriteString("| profile | requirements | design | implementation | testing | documentation |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, p := range profiles {
		fmt.Fprintf(&b, "| %s |", p.name.en)
		for _, r := range p.split {
			fmt.Fprintf(&b, " %s |", fmtPercent(r))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func ruleTable() string {
	var b strings.Builder
	b.WriteString("| priority | profile | keywords |\n|---|---|---|\n")
	for i, r := range kindRules {
		fmt.Fprintf(&b, "| %d | %s | %s |\n", i+1, profiles[r.profile].name.en, strings.Join(r.words, ", "))
	}
	return b.String()
}

func signalTable() string {
	var b strings.Builder
	b.WriteString("| count | unit words |\n|---|---|\n")
	names := [numSignals]string{"screens", "reports", "APIs", "batch jobs", "tables", "external integrations", "users"}
	for s, spec := range signalSpecs {
		fmt.Fprintf(&b, "| %s | %s |\n", names[s], strings.Join(spec.words, ", "))
	}
	return b.String()
}

func complexityTable() string {
	var b strings.Builder
	b.WriteString("| in the line | in the requirements or answers | words | not counted in |\n|---|---|---|---|\n")
	for _, g := range complexityGroups {
		except := "–"
		if len(g.except) > 0 {
			except = strings.Join(g.except, ", ")
		}
		fmt.Fprintf(&b, "| ×%s | ×%s | %s | %s |\n", fmtFactor(g.factor), fmtFactor(1000+(g.factor-1000)/2), strings.Join(g.words, ", "), except)
	}
	return b.String()
}

func userTable() string {
	var b strings.Builder
	b.WriteString("| users | multiplier |\n|---|---|\n")
	from := int64(0)
	for i, s := range userSteps {
		label := fmt.Sprintf("%s–%s", fmtInt(from), fmtInt(s.upTo))
		if i == len(userSteps)-1 {
			label = "more than " + fmtInt(from-1)
		}
		fmt.Fprintf(&b, "| %s | ×%s |\n", label, fmtFactor(s.factor))
		from = s.upTo + 1
	}
	return b.String()
}

func confidenceTable() string {
	rows := []struct {
		what   string
		points int
	}{
		{"the kind was recognised from a keyword", pointsKind},
		{fmt.Sprintf("the line has a description of at least %d characters", minDetailRunes), pointsDescription},
		{fmt.Sprintf("the task has requirements of at least %d characters", minDetailRunes), pointsRequirements},
		{"at least one question has a known answer", pointsAnswered},
		{"a count of the line's size is in its own name or description", pointsLineSize},
		{"a count of the line's size is only in the requirements or answers", pointsSystemSize},
		{fmt.Sprintf("each unanswered question (at most %d counted)", maxUnansweredPoints), pointsUnanswered},
	}
	var b strings.Builder
	b.WriteString("| evidence | points |\n|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s |\n", r.what, signed(int64(r.points)))
	}
	return b.String()
}

func spreadTable() string {
	var b strings.Builder
	b.WriteString("| confidence | points | optimistic | pessimistic |\n|---|---|---|---|\n")
	points := []string{fmt.Sprintf("%d or fewer", minMedium-1), fmt.Sprintf("%d–%d", minMedium, minHigh-1), fmt.Sprintf("%d or more", minHigh)}
	for i, s := range spreads {
		fmt.Fprintf(&b, "| %s | %s | -%s | +%s |\n", s.label, points[i], fmtPercent(s.down), fmtPercent(s.up))
	}
	return b.String()
}

func questionTable() string {
	var b strings.Builder
	b.WriteString("| order | question (English) | keywords | a stated count that answers it |\n|---|---|---|---|\n")
	names := [numSignals]string{"screens", "reports", "APIs", "batch jobs", "tables", "external integrations", "users"}
	for tp, e := range questionBank {
		count := "–"
		if e.answeredBy != noSignal {
			count = names[e.answeredBy]
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s |\n", tp+1, e.question.en, strings.Join(e.words, ", "), count)
	}
	return b.String()
}
