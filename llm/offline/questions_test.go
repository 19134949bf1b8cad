package offline

import (
	"context"
	"reflect"
	"testing"

	"estimator/llm"
)

func questions(tb testing.TB, task llm.Task, n int) []llm.Question {
	tb.Helper()
	qs, u, err := New().Questions(context.Background(), task, n)
	if err != nil {
		tb.Fatalf("Questions: %v", err)
	}
	if u.Model != "offline" {
		tb.Errorf("usage = %+v", u)
	}
	return qs
}

// topicsOf maps questions back to their bank topics.
func topicsOf(tb testing.TB, qs []llm.Question) []topic {
	tb.Helper()
	var tps []topic
	for _, q := range qs {
		tp, ok := bankTopic(q.Text)
		if !ok {
			tb.Fatalf("question %q is not from the bank", q.Text)
		}
		tps = append(tps, tp)
	}
	return tps
}

func TestQuestionBank(t *testing.T) {
	if len(questionBank) < 12 {
		t.Fatalf("the bank has %d questions, want at least 12", len(questionBank))
	}
	seen := map[string]bool{}
	for tp, e := range questionBank {
		for _, text := range []bi{e.question, e.rationale, e.assumption} {
			if !hasJapanese(text.ja) || text.en == "" || hasJapanese(text.en) {
				t.Errorf("topic %d: %q / %q must be Japanese / English", tp, text.ja, text.en)
			}
		}
		if len(e.words) == 0 {
			t.Errorf("topic %d has no keywords", tp)
		}
		if seen[e.question.ja] || seen[e.question.en] {
			t.Errorf("topic %d repeats a question", tp)
		}
		seen[e.question.ja], seen[e.question.en] = true, true
	}
}

func TestQuestionCount(t *testing.T) {
	task := llm.Task{Language: "ja", Requirements: "ECサイト", Lines: []llm.LineInput{{Name: "管理画面"}}}
	for n, want := range map[int]int{-3: 1, 0: 1, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 5, 100: 5} {
		qs := questions(t, task, n)
		if len(qs) != want {
			t.Errorf("n=%d: %d questions, want %d", n, len(qs), want)
		}
		seen := map[string]bool{}
		for _, q := range qs {
			if q.Text == "" || q.Rationale == "" {
				t.Errorf("n=%d: empty question or rationale: %+v", n, q)
			}
			if seen[q.Text] {
				t.Errorf("n=%d: duplicate %q", n, q.Text)
			}
			seen[q.Text] = true
		}
	}
}

func TestQuestionsFollowKeywords(t *testing.T) {
	tests := []struct {
		name string
		task llm.Task
		n    int
		want []topic
	}{
		{"migration", oneLine("ja", "データ移行", "旧システムの既存データを移行する", ""), 1, []topic{topicMigration}},
		{"cloud and login", oneLine("ja", "基盤", "", "AWS上で稼働。ログインはSSOで、権限は3種類。"), 2, []topic{topicSecurity, topicInfrastructure}},
		{"english", oneLine("en", "Reports", "Monthly PDF reports and CSV export", "Deadline in March, fixed budget"), 2, []topic{topicReports, topicSchedule}},
		{"nothing known", oneLine("en", "", "", ""), 3, []topic{topicScreens, topicIntegrations, topicUsers}},
		// Stated counts answer their question already: it goes after every other topic.
		{"screens stated", oneLine("ja", "管理画面", "20画面", ""), 1, []topic{topicIntegrations}},
		{"screens unknown", oneLine("ja", "管理画面", "", ""), 1, []topic{topicScreens}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := topicsOf(t, questions(t, tt.task, tt.n))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("topics = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestQuestionsAlreadyAsked(t *testing.T) {
	task := oneLine("en", "Admin screens", "", "")
	first := questions(t, task, 2)
	for _, q := range first {
		task.Answers = append(task.Answers, llm.QA{Question: q.Text, Rationale: q.Rationale})
	}
	again := questions(t, task, 5)
	for _, q := range again {
		for _, f := range first {
			if q.Text == f.Text {
				t.Errorf("asked again: %q", q.Text)
			}
		}
	}
}

func TestQuestionsDeterministicAndInLanguage(t *testing.T) {
	task := llm.Task{Requirements: "外部APIと連携し、ユーザー数は未定。AWSで稼働。", Lines: []llm.LineInput{{Name: "バックエンド開発"}, {Name: "結合テスト"}}}
	for _, lang := range []string{"ja", "en"} {
		task.Language = lang
		a, b := questions(t, task, 5), questions(t, task, 5)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: two calls differ", lang)
		}
		for _, q := range a {
			if hasJapanese(q.Text) != (lang == "ja") || hasJapanese(q.Rationale) != (lang == "ja") {
				t.Errorf("%s: question in the wrong language: %+v", lang, q)
			}
		}
	}
}
