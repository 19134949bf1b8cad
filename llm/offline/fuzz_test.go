package offline

import (
	"context"
	"reflect"
	"testing"

	"estimator/llm"
)

// FuzzOffline feeds arbitrary text to every part of the offline engine: it must never panic,
// and every estimate must keep its bounds, its range and its sum.
func FuzzOffline(f *testing.F) {
	f.Add("管理画面", "全20画面。複雑な権限管理", "ユーザー300名、外部連携3件", "", true)
	f.Add("Backend API", "20 APIs, 3 integrations", "10k users, real-time, not complex", "TBD", false)
	f.Add("", "", "", "", true)
	f.Add("1,000,000画面", "9999999999999999999999 screens 1.5万 0.0001k", "画面数：約", "不明", false)
	f.Add("\xff\xfe\x00", "ＡＰＩ５本、帳票10種類の", "no", "-", true)
	f.Fuzz(func(t *testing.T, name, desc, req, answer string, ja bool) {
		lang := "en"
		if ja {
			lang = "ja"
		}
		task := llm.Task{Language: lang, Requirements: req,
			Lines:   []llm.LineInput{{Name: name, Description: desc}, {Name: desc, Description: name}},
			Answers: []llm.QA{{Question: name, Answer: answer}}}
		o := New()
		for i := range task.Lines {
			e, _, err := o.EstimateLine(context.Background(), task, i)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, e)
			again, _, _ := o.EstimateLine(context.Background(), task, i)
			if !reflect.DeepEqual(e, again) {
				t.Fatal("two calls differ")
			}
		}
		for n := 1; n <= maxQuestions; n++ {
			qs, _, err := o.Questions(context.Background(), task, n)
			if err != nil || len(qs) != n {
				t.Fatalf("Questions(%d) = %d questions, %v", n, len(qs), err)
			}
		}
	})
}
