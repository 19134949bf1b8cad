package offline

import (
	"context"
	"strings"
	"testing"

	"estimator/llm"
	"estimator/llm/eval"
	"estimator/llm/internal/keyword"
)

// sampleTask is the sample deliverables (testdata/sample_input.csv) answered as a new user
// would: 25 screens and 5 reports, one CSV interface, about 50 users.
func sampleTask(lang string) llm.Task {
	t, _ := referenceTask("business-phases-" + lang)
	return t
}

// referenceTask builds the task of a reference case.
func referenceTask(id string) (llm.Task, eval.Case) {
	cases, err := eval.Load("../testdata/reference")
	if err != nil {
		panic(err)
	}
	for _, c := range cases {
		if c.ID == id {
			return c.Task(), c
		}
	}
	panic("no reference case " + id)
}

// totals estimates every line of t.
func totals(tb testing.TB, t llm.Task) (sum int64, lines []llm.LineEstimate) {
	tb.Helper()
	for i := range t.Lines {
		e := mustEstimate(tb, t, i)
		lines = append(lines, e)
		sum += totalOf(e)
	}
	return sum, lines
}

// TestReferenceCases: the offline engine's total for every reference project lies inside the
// band the public anchors give (llm/testdata/reference, see each case's source).
func TestReferenceCases(t *testing.T) {
	cases, err := eval.Load("../testdata/reference")
	if err != nil {
		t.Fatal(err)
	}
	results, err := eval.Run(context.Background(), New(), cases)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if !r.InBand {
			t.Errorf("%s: %s person-days outside %s–%s", r.Case.ID, fmtDays(r.Total), fmtDays(r.Case.Expect.Total.Min), fmtDays(r.Case.Expect.Total.Max))
		}
	}
}

// TestSampleAsAPMWouldPriceIt: the sample is sized once (25 screens, 5 reports, 1 interface),
// and the phase deliverables take IPA's shares: programming is the largest build line, and
// integration testing is above system testing.
func TestSampleAsAPMWouldPriceIt(t *testing.T) {
	task := sampleTask("ja")
	sum, lines := totals(t, task)
	if sum < 2500 || sum > 6250 {
		t.Errorf("total %s person-days, outside 250–625", fmtDays(sum))
	}
	days := map[string]int64{}
	for i, l := range task.Lines {
		days[l.Name] = totalOf(lines[i])
	}
	if days["プログラム開発"] <= days["単体テスト"] || days["プログラム開発"] <= days["詳細設計書"] {
		t.Errorf("プログラム開発 %s is not the largest build line: %v", fmtDays(days["プログラム開発"]), days)
	}
	if days["結合テスト"] <= days["総合テスト"] {
		t.Errorf("結合テスト %s is not above 総合テスト %s", fmtDays(days["結合テスト"]), fmtDays(days["総合テスト"]))
	}
	if lines[3].Phases[llm.PhaseImplementation] == 0 {
		t.Error("プログラム開発 has no implementation")
	}
	if r := lines[5].Reasoning; !strings.Contains(r, "結合テスト（20%）") || !strings.Contains(r, "画面25・帳票5・外部連携1") {
		t.Errorf("reasoning does not state the basis:\n%s", r)
	}
}

// TestSameProjectSameAnswer: reordering the lines, naming a deliverable by a synonym, or writing
// the project in English changes the total by at most 5 %.
func TestSameProjectSameAnswer(t *testing.T) {
	base, _ := totals(t, sampleTask("ja"))
	near := func(what string, got int64) {
		t.Helper()
		if d := got - base; d*20 > base || -d*20 > base {
			t.Errorf("%s: %s person-days, the sample %s", what, fmtDays(got), fmtDays(base))
		}
	}
	reversed := sampleTask("ja")
	for i, j := 0, len(reversed.Lines)-1; i < j; i, j = i+1, j-1 {
		reversed.Lines[i], reversed.Lines[j] = reversed.Lines[j], reversed.Lines[i]
	}
	sum, _ := totals(t, reversed)
	near("reversed", sum)
	for _, name := range []string{"製造", "実装", "コーディング", "Programming", "Implementation"} {
		task := sampleTask("ja")
		task.Lines[3] = llm.LineInput{Name: name, Description: "詳細設計に基づいたプログラミング"}
		sum, _ := totals(t, task)
		near(name, sum)
	}
	sum, _ = totals(t, sampleTask("en"))
	near("English", sum)
}

// TestMoreSizeNeverLess: stating more screens never gives less effort, line by line.
func TestMoreSizeNeverLess(t *testing.T) {
	prev := make([]int64, 9)
	for _, screens := range []string{"5", "10", "25", "40", "100"} {
		task := sampleTask("ja")
		task.Answers[0].Answer = "画面は約" + screens + "、帳票は5種類"
		_, lines := totals(t, task)
		for i, e := range lines {
			if totalOf(e) < prev[i] {
				t.Errorf("%s screens: %s %s < %s", screens, task.Lines[i].Name, fmtDays(totalOf(e)), fmtDays(prev[i]))
			}
			prev[i] = totalOf(e)
		}
	}
}

// TestWhatTheUserDidNotSay: a template's option lists are not sizes, and a word about documents
// in the requirements does not make the programming cheaper.
func TestWhatTheUserDidNotSay(t *testing.T) {
	plain := sampleTask("ja")
	base, _ := totals(t, plain)
	options := sampleTask("ja")
	options.Requirements += "\nページ数：（10ページ以内 / 10〜30ページ / 100ページ超）\n難易度：（簡易／標準／複雑）"
	if sum, _ := totals(t, options); sum != base {
		t.Errorf("option lists changed the total: %s → %s", fmtDays(base), fmtDays(sum))
	}
	template := sampleTask("ja")
	template.Requirements += "\n設計書は弊社標準テンプレートで作成する。"
	if sum, _ := totals(t, template); sum != base {
		t.Errorf("「弊社標準テンプレート」 changed the total: %s → %s", fmtDays(base), fmtDays(sum))
	}
}

// TestCountsAddUp: counts of the same thing in different parts add up; a total wins, and a part
// of it is not added again.
func TestCountsAddUp(t *testing.T) {
	tests := []struct {
		text string
		want int64
	}{
		{"アプリ20画面と管理画面10画面", 30},
		{"全20画面（うち管理画面8画面）", 20},
		{"20 app screens and 10 admin screens", 30},
		{"about twelve screens", 12},
	}
	for _, tt := range tests {
		c := scanCounts(withDigits(tt.text), srcRequirements)
		if c.n[sigScreens] != tt.want {
			t.Errorf("%q: %d screens, want %d", tt.text, c.n[sigScreens], tt.want)
		}
	}
}

// TestRoles: what a line is comes from its name; a clause referring to another deliverable never
// decides it.
func TestRoles(t *testing.T) {
	tests := []struct {
		name, desc string
		want       role
	}{
		{"プログラム開発", "詳細設計に基づいたプログラミング", role{kind: rolePhase, phases: []fine{fineBuild, fineUnitTest}}},
		{"Program development", "Programming based on the detailed design", role{kind: rolePhase, phases: []fine{fineBuild, fineUnitTest}}},
		{"基本設計書", "", role{kind: rolePhase, phases: []fine{fineBasicDesign}}},
		{"結合テスト", "", role{kind: rolePhase, phases: []fine{fineIntegration}}},
		{"総合テスト", "", role{kind: rolePhase, phases: []fine{fineSystemTest}}},
		{"画面開発", "", role{kind: roleFunction, fn: fnScreen}},
		{"帳票出力", "", role{kind: roleFunction, fn: fnReport}},
		{"販売管理システム連携", "", role{kind: roleFunction, fn: fnIntegration}},
		{"移行計画・移行設計", "", role{kind: roleAddition, add: addMigration}},
		{"運用マニュアル", "", role{kind: roleAddition, add: addOpsManual}},
		{"作業", "設計書に基づいて実施する", role{kind: roleFunction, fn: fnOther}},
	}
	for _, tt := range tests {
		got := roleOf(keyword.Fold(tt.name), keyword.Fold(tt.desc))
		if got.kind != tt.want.kind || got.fn != tt.want.fn || got.add != tt.want.add || !sameFine(got.phases, tt.want.phases) {
			t.Errorf("%q / %q: %+v, want %+v", tt.name, tt.desc, got, tt.want)
		}
	}
}

func sameFine(a, b []fine) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestSizeOf: the size handed to a model is what was stated, with the public figures' effort;
// nothing when the size would only be assumed.
func TestSizeOf(t *testing.T) {
	size, ok := NewSizer().SizeOf(sampleTask("ja"))
	want := Size{Screens: 25, Reports: 5, Interfaces: 1, Users: 50, ReferenceTenths: 4706 + 522}
	if !ok || size != want {
		t.Errorf("SizeOf(sample) = %+v, %v; want %+v", size, ok, want)
	}
	if _, ok := NewSizer().SizeOf(llm.Task{Language: "ja", Lines: []llm.LineInput{{Name: "要件定義書"}}}); ok {
		t.Error("an assumed size was handed out as stated")
	}
}
