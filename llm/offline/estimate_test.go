package offline

import (
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"estimator/llm"
)

func TestEngineIdentity(t *testing.T) {
	var e llm.Engine = New()
	if e.Name() != "offline" || !e.Offline() {
		t.Errorf("Name() = %q, Offline() = %v", e.Name(), e.Offline())
	}
}

func TestEstimateLineErrors(t *testing.T) {
	o := New()
	task := oneLine("ja", "管理画面", "", "")
	for _, i := range []int{-1, 1} {
		if _, _, err := o.EstimateLine(context.Background(), task, i); err == nil {
			t.Errorf("line %d: no error", i)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := o.EstimateLine(ctx, task, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err = %v", err)
	}
	if _, _, err := o.Questions(ctx, task, 3); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: Questions err = %v", err)
	}
}

// TestWorkedExample is the example of OFFLINE.md, figure for figure.
func TestWorkedExample(t *testing.T) {
	task := oneLine("en", "Backend API", "API 20本、外部連携2件", "利用者は約3,000名。多言語対応。")
	e := mustEstimate(t, task, 0)
	if want := [5]int64{20, 61, 222, 81, 20}; e.Phases != want {
		t.Errorf("phases = %v, want %v", e.Phases, want)
	}
	if e.Optimistic != 364 || e.Pessimistic != 485 || e.Confidence != llm.ConfidenceHigh {
		t.Errorf("range %d–%d %s, want 364–485 high", e.Optimistic, e.Pessimistic, e.Confidence)
	}
	doc, err := os.ReadFile("OFFLINE.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "```\n"+e.Reasoning+"\n```") {
		t.Errorf("OFFLINE.md does not show the reasoning of its worked example:\n%s", e.Reasoning)
	}
	for _, want := range []string{
		"Base: 15.0 person-days at the reference size of 10 APIs.",
		"(20 ÷ 10)^0.8 = ×1.741",
		"External integrations: 2 (the deliverable's name or description) → +10% each, ×1.2.",
		"Users: 3,000 (the requirements) → ×1.2.",
		"“多言語” (the requirements, half effect) ×1.075",
		"Effort: 15.0 × 1.741 × 1.2 × 1.2 × 1.075 = 40.4 person-days.",
		"2.0 + 6.1 + 22.2 + 8.1 + 2.0 person-days",
		"36.4–48.5 person-days",
	} {
		if !strings.Contains(e.Reasoning, want) {
			t.Errorf("reasoning lacks %q:\n%s", want, e.Reasoning)
		}
	}
}

func TestOfflineLabel(t *testing.T) {
	ja := mustEstimate(t, oneLine("ja", "管理画面", "", ""), 0)
	if !strings.HasPrefix(ja.Reasoning, "オフライン見積り（AIを使用しない計算モデル）") {
		t.Errorf("ja reasoning starts %q", ja.Reasoning[:40])
	}
	en := mustEstimate(t, oneLine("en", "Admin screens", "", ""), 0)
	if !strings.HasPrefix(en.Reasoning, "Offline estimate (calculation model, no AI)") {
		t.Errorf("en reasoning starts %q", en.Reasoning[:40])
	}
}

func TestDeterministic(t *testing.T) {
	lines := []llm.LineInput{
		{Name: "管理画面", Description: "全20画面。複雑な権限管理"},
		{Name: "バックエンド開発", Description: "API 30本"},
		{Name: "結合テスト"},
		{Name: "運用マニュアル", Description: "管理者向け"},
		{Name: "フロントエンド開発"},
	}
	task := llm.Task{Language: "ja", Requirements: "利用者500名。外部連携3件。帳票10種類。", Lines: lines,
		Answers: []llm.QA{{Question: "移行は？", Answer: ""}, {Question: "SSO?", Answer: "リアルタイム性は不要"}}}
	shuffled := task
	shuffled.Lines = []llm.LineInput{lines[4], lines[2], lines[0], lines[3], lines[1]}
	for i, j := range []int{2, 4, 1, 3, 0} {
		a, b := mustEstimate(t, task, i), mustEstimate(t, task, i)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("line %d: two calls differ:\n%+v\n%+v", i, a, b)
		}
		if c := mustEstimate(t, shuffled, j); !reflect.DeepEqual(a, c) {
			t.Errorf("line %d: differs when the other lines are reordered:\n%+v\n%+v", i, a, c)
		}
	}
}

func TestMoreSizeMoreEffort(t *testing.T) {
	tests := []struct {
		lang, name, desc, req string
		sizes                 []string
	}{
		{"ja", "管理画面", "%s", "", []string{"5画面", "20画面", "60画面"}},
		{"en", "Admin screens", "%s", "", []string{"5 screens", "20 screens", "60 screens"}},
		{"ja", "フロントエンド開発", "", "%s", []string{"全5画面", "全20画面", "全60画面"}},
		{"ja", "バックエンド開発", "%s", "", []string{"API 5本", "API 20本", "API 60本"}},
		{"en", "Backend", "%s", "", []string{"5 APIs", "20 APIs", "60 APIs"}},
		{"ja", "帳票出力", "%s", "", []string{"帳票3種類", "帳票10種類", "帳票40種類"}},
		{"en", "Reports", "%s", "", []string{"3 reports", "10 reports", "40 reports"}},
		{"ja", "結合テスト", "", "%s", []string{"全5画面", "全20画面", "全60画面"}},
		{"ja", "API開発", "%s", "", []string{"外部連携1件", "外部連携3件", "外部連携5件"}},
		{"en", "Server API", "", "%s", []string{"100 users", "300 users", "5000 users"}},
		{"ja", "インフラ構築", "", "%s", []string{"ユーザー100名", "ユーザー300名", "ユーザー2万人"}},
		{"ja", "API設計", "", "%s", []string{"API 5本", "API 20本", "API 60本"}},
		{"ja", "データ移行", "%s", "", []string{"テーブル5個", "テーブル20個", "テーブル80個"}},
	}
	for _, tt := range tests {
		t.Run(tt.name+" "+tt.sizes[0], func(t *testing.T) {
			prev := int64(-1)
			for _, size := range tt.sizes {
				desc, req := strings.ReplaceAll(tt.desc, "%s", size), strings.ReplaceAll(tt.req, "%s", size)
				got := totalOf(mustEstimate(t, oneLine(tt.lang, tt.name, desc, req), 0))
				if got <= prev {
					t.Errorf("%q: %d tenths, not more than the smaller size's %d", size, got, prev)
				}
				prev = got
			}
		})
	}
}

func TestComplexityWords(t *testing.T) {
	tests := []struct {
		lang, name, plain string
		up, down          []string
	}{
		{"ja", "バックエンド開発", "受注を登録する",
			[]string{"複雑な受注ロジック", "高度な検索", "大規模", "多言語対応", "リアルタイム通知", "24時間365日稼働"},
			[]string{"簡易な受注登録", "シンプルな構成", "小規模", "プロトタイプ", "既存機能の流用"}},
		{"en", "Backend", "registers orders",
			[]string{"complex order rules", "advanced search", "large-scale", "multilingual", "real-time updates", "high availability"},
			[]string{"simple order entry", "basic CRUD", "small-scale", "prototype", "reuse of existing code"}},
	}
	for _, tt := range tests {
		plain := totalOf(mustEstimate(t, oneLine(tt.lang, tt.name, tt.plain, ""), 0))
		for _, w := range tt.up {
			if got := totalOf(mustEstimate(t, oneLine(tt.lang, tt.name, w, ""), 0)); got <= plain {
				t.Errorf("%q: %d tenths, want more than the plain %d", w, got, plain)
			}
		}
		for _, w := range tt.down {
			if got := totalOf(mustEstimate(t, oneLine(tt.lang, tt.name, w, ""), 0)); got >= plain {
				t.Errorf("%q: %d tenths, want less than the plain %d", w, got, plain)
			}
		}
	}
}

func TestComplexityScope(t *testing.T) {
	total := func(desc, req string, answers ...llm.QA) int64 {
		task := oneLine("ja", "バックエンド開発", desc, req)
		task.Answers = answers
		return totalOf(mustEstimate(t, task, 0))
	}
	plain := total("", "")
	inLine, inReq := total("リアルタイム通知", ""), total("", "リアルタイム通知")
	if !(plain < inReq && inReq < inLine) {
		t.Errorf("plain %d < in the requirements %d < in the line %d does not hold", plain, inReq, inLine)
	}
	for _, denied := range []string{"リアルタイム性は不要", "リアルタイム連携はなし", "複雑ではない", "no real-time updates", "high availability is not required"} {
		if got := total("", "", llm.QA{Question: "?", Answer: denied}); got != plain {
			t.Errorf("denied %q changed the effort: %d, want %d", denied, got, plain)
		}
	}
	if got := total("複雑な処理が少ない", ""); got <= plain {
		t.Errorf("少ない is not a negation: %d, want more than %d", got, plain)
	}
	if got := total("", "Basic design document in the client's template"); got >= plain {
		t.Errorf("“template” should lower and “basic design” should not: %d vs %d", got, plain)
	}
}

func TestSharedCounts(t *testing.T) {
	req := "全20画面"
	alone := mustEstimate(t, llm.Task{Language: "en", Requirements: req, Lines: []llm.LineInput{{Name: "フロントエンド開発"}}}, 0)
	pair := llm.Task{Language: "en", Requirements: req, Lines: []llm.LineInput{{Name: "フロントエンド開発"}, {Name: "管理画面"}}}
	shared := mustEstimate(t, pair, 0)
	if totalOf(shared) >= totalOf(alone) {
		t.Errorf("20 screens shared by 2 lines: %d, not less than one line's %d", totalOf(shared), totalOf(alone))
	}
	if !strings.Contains(shared.Reasoning, "10 screens (the requirements: 20 shared by 2 screen/UI deliverables)") {
		t.Errorf("reasoning does not explain the division:\n%s", shared.Reasoning)
	}
	divided := "Counts stated for the whole system are divided evenly among the 2 screen/UI deliverables."
	if !listed(shared.Assumptions, divided) {
		t.Errorf("assumptions lack %q: %q", divided, shared.Assumptions)
	}
	// A line that states its own count keeps it, and assumes no division.
	pair.Lines[1].Description = "20画面"
	pair.Requirements += "、API 40本"
	own := mustEstimate(t, pair, 1)
	if totalOf(own) != totalOf(mustEstimate(t, oneLine("en", "管理画面", "20画面", req), 0)) {
		t.Errorf("a line's own count must not be divided")
	}
	if listed(own.Assumptions, divided) {
		t.Errorf("a line with its own count assumes a division: %q", own.Assumptions)
	}
}

func TestConfidence(t *testing.T) {
	long := "受注から出荷までの業務を一通り扱う。担当者ごとに権限を分ける。"
	tests := []struct {
		name string
		task llm.Task
		want string
	}{
		{"nothing known", oneLine("ja", "管理画面", "", ""), llm.ConfidenceLow},
		{"unknown kind", oneLine("ja", "いろいろ", "", ""), llm.ConfidenceLow},
		{"described", oneLine("ja", "管理画面", long, long), llm.ConfidenceMedium},
		{"size in the requirements", oneLine("ja", "管理画面", "", "全20画面"), llm.ConfidenceMedium},
		{"size stated for the line", oneLine("ja", "管理画面", "20画面", ""), llm.ConfidenceHigh},
		{"size in the requirements, described", oneLine("ja", "管理画面", long, "全20画面。"+long), llm.ConfidenceHigh},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustEstimate(t, tt.task, 0).Confidence; got != tt.want {
				t.Errorf("confidence = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestUnansweredQuestions(t *testing.T) {
	base := oneLine("en", "Backend API", "20 APIs", "")
	answered := base
	answered.Answers = []llm.QA{{Question: questionBank[topicMigration].question.en, Answer: "No migration."}}
	unanswered := base
	unanswered.Answers = []llm.QA{
		{Question: questionBank[topicMigration].question.en, Answer: ""},
		{Question: "Is there a mobile app?", Answer: "TBD"},
	}
	a, u := mustEstimate(t, answered, 0), mustEstimate(t, unanswered, 0)
	if totalOf(a) != totalOf(u) {
		t.Errorf("unanswered questions changed the most likely effort: %d vs %d", totalOf(a), totalOf(u))
	}
	if u.Pessimistic <= a.Pessimistic {
		t.Errorf("unanswered questions must widen the range: %d vs %d", u.Pessimistic, a.Pessimistic)
	}
	want := []string{
		"Assumed (question unanswered): No data migration is in scope.",
		"Assumed (question unanswered): the common case for “Is there a mobile app?”.",
	}
	for _, w := range want {
		if !listed(u.Assumptions, w) {
			t.Errorf("assumptions lack %q: %q", w, u.Assumptions)
		}
		if listed(a.Assumptions, w) {
			t.Errorf("answered task must not assume %q", w)
		}
	}
}

// TestAssumptionsDoNotContradict checks that a default answer is not assumed when the task
// speaks of its topic.
func TestAssumptionsDoNotContradict(t *testing.T) {
	business := "Standard availability and performance for business-hours use."
	silent := mustEstimate(t, oneLine("en", "Infrastructure", "", ""), 0)
	if !listed(silent.Assumptions, business) {
		t.Errorf("silent task: assumptions lack %q: %q", business, silent.Assumptions)
	}
	task := oneLine("en", "Infrastructure", "", "24時間365日稼働")
	task.Answers = []llm.QA{{Question: questionBank[topicNonFunctional].question.en}}
	stated := mustEstimate(t, task, 0)
	if listed(stated.Assumptions, business) || listed(stated.Assumptions, "Assumed (question unanswered): "+business) {
		t.Errorf("the requirements ask for 24/7 operation, yet: %q", stated.Assumptions)
	}
	want := "Assumed (question unanswered): the common case for “" + questionBank[topicNonFunctional].question.en + "”, within what the requirements state."
	if !listed(stated.Assumptions, want) {
		t.Errorf("assumptions lack %q: %q", want, stated.Assumptions)
	}
}

func listed(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestLanguages(t *testing.T) {
	lines := []llm.LineInput{
		{Name: "管理画面", Description: "全20画面。複雑な権限管理。"},
		{Name: "バックエンド開発", Description: "API 30本、外部連携3件"},
		{Name: "データ移行"},
		{Name: "Something else", Description: "何か"},
	}
	answers := []llm.QA{{Question: "移行対象は？", Answer: ""}, {Question: questionBank[topicUsers].question.ja, Answer: "ユーザー2万人"}}
	for i := range lines {
		ja := mustEstimate(t, llm.Task{Language: "ja", Requirements: "多言語対応", Lines: lines, Answers: answers}, i)
		en := mustEstimate(t, llm.Task{Language: "en", Requirements: "多言語対応", Lines: lines, Answers: answers}, i)
		for _, s := range allText(ja) {
			if !hasJapanese(s) {
				t.Errorf("line %d: ja text without Japanese: %q", i, s)
			}
		}
		for _, s := range allText(en) {
			if hasJapanese(unquoted(s)) {
				t.Errorf("line %d: en text with unquoted Japanese: %q", i, s)
			}
		}
	}
}

func TestBounds(t *testing.T) {
	everything := strings.Join([]string{"複雑", "高度", "大規模", "多言語", "リアルタイム", "高可用", "個人情報", "高負荷", "レガシー"}, "、")
	simple := "簡易、小規模、プロトタイプ、流用"
	tests := []struct{ name, desc, req string }{
		{"管理画面", "10000画面", ""},
		{"管理画面", "99999999999999999999999999999画面", everything},
		{"バックエンド開発", "API 100000本、外部連携999件", "ユーザー1億人。" + everything},
		{"テスト", "0画面", simple},
		{"運用マニュアル", "1画面", simple},
		{"", "", ""},
		{"   ", "\n\t", "　"},
		{strings.Repeat("画面", 10000), strings.Repeat("複雑な画面 20画面 ", 20000), strings.Repeat("x", 100000)},
		{"\xff\xfe", "\x00画面\xff", "1e309 screens"},
	}
	for _, tt := range tests {
		for _, lang := range []string{"ja", "en", ""} {
			e := mustEstimate(t, oneLine(lang, tt.name, tt.desc, tt.req), 0)
			if total := totalOf(e); total > maxTotal || total < 1 {
				t.Errorf("%.20q: total %d", tt.desc, total)
			}
		}
	}
	huge := mustEstimate(t, oneLine("en", "Admin screens", "10000 screens", everything), 0)
	if totalOf(huge) != maxTotal || !strings.Contains(huge.Reasoning, "capped at 500.0 person-days") {
		t.Errorf("a huge line must be capped at %d and say so: %d\n%s", maxTotal, totalOf(huge), huge.Reasoning)
	}
}

func TestSplitPhases(t *testing.T) {
	tests := []struct {
		total  int64
		ratios [5]int64
		want   [5]int64
	}{
		{404, [5]int64{50, 150, 550, 200, 50}, [5]int64{20, 61, 222, 81, 20}},
		{5, [5]int64{110, 230, 490, 160, 10}, [5]int64{1, 1, 2, 1, 0}},
		{1, [5]int64{200, 200, 200, 200, 200}, [5]int64{1, 0, 0, 0, 0}},
		{5000, [5]int64{0, 250, 50, 650, 50}, [5]int64{0, 1250, 250, 3250, 250}},
		{0, [5]int64{700, 150, 0, 50, 100}, [5]int64{}},
	}
	for _, tt := range tests {
		got := splitPhases(tt.total, tt.ratios)
		if got != tt.want {
			t.Errorf("splitPhases(%d, %v) = %v, want %v", tt.total, tt.ratios, got, tt.want)
		}
	}
	for total := int64(0); total <= 1000; total++ {
		for _, p := range profiles {
			if got := splitPhases(total, p.split); totalOf(llm.LineEstimate{Phases: got}) != total {
				t.Fatalf("splitPhases(%d, %v) = %v does not sum to the total", total, p.split, got)
			}
		}
	}
}

func TestSizeFactor(t *testing.T) {
	tests := []struct{ size, ref, want int64 }{
		{10, 10, 1000},
		{20, 10, 1741},    // 2^0.8 = 1.7411
		{5, 10, 574},      // 0.5^0.8 = 0.5743
		{60, 10, 4192},    // 6^0.8 = 4.1929
		{25, 10, 2081},    // 2.5^0.8 = 2.0814
		{30, 20, 1383},    // 1.5^0.8 = 1.3832
		{1, 10, 250},      // 0.158, raised to the lower bound
		{0, 10, 250},      // the lower bound
		{295, 10, 14991},  // 29.5^0.8 = 14.9919
		{1000, 10, 15000}, // the upper bound
		{maxCount * 4, 5, 15000},
	}
	for _, tt := range tests {
		if got := sizeFactor(tt.size, tt.ref); got != tt.want {
			t.Errorf("sizeFactor(%d, %d) = %d, want %d", tt.size, tt.ref, got, tt.want)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct{ got, want string }{
		{fmtDays(404), "40.4"}, {fmtDays(5), "0.5"}, {fmtDays(12345), "1,234.5"},
		{fmtFactor(1741), "1.741"}, {fmtFactor(1200), "1.2"}, {fmtFactor(1000), "1"}, {fmtFactor(250), "0.25"}, {fmtFactor(1075), "1.075"},
		{fmtPercent(550), "55%"}, {fmtPercent(125), "12.5%"}, {fmtPercent(0), "0%"},
		{fmtInt(3000), "3,000"}, {fmtInt(1000000000), "1,000,000,000"}, {fmtInt(7), "7"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestLongTextIsLinear guards against quadratic scans: over a megabyte of denied keywords
// without punctuation, a scan of the rest of the text for every word would run for minutes.
func TestLongTextIsLinear(t *testing.T) {
	req := strings.Repeat("複雑不要 no complex ", 60000)
	task := oneLine("en", "Backend", req, req)
	task.Answers = []llm.QA{{Question: "?", Answer: req}}
	e := mustEstimate(t, task, 0)
	if strings.Contains(e.Reasoning, "“complex”") || strings.Contains(e.Reasoning, "“複雑”") {
		t.Errorf("denied words counted:\n%s", e.Reasoning)
	}
	questions(t, task, 5)
}
