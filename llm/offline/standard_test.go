package offline

import (
	"fmt"
	"strings"
	"testing"

	"estimator/llm"
)

// standardLines are the deliverables most estimates list, in both languages, with the kind each
// should get.
var standardLines = []struct{ ja, en, kind string }{
	{"要件定義書", "Requirements definition document", "document"},
	{"基本設計書", "Basic design document", "document"},
	{"詳細設計書", "Detailed design document", "document"},
	{"データベース設計", "Database design", "design"},
	{"API設計", "API design", "design"},
	{"フロントエンド開発", "Frontend development", "screen"},
	{"バックエンド開発", "Backend development", "api"},
	{"認証機能", "Authentication", "api"},
	{"管理画面", "Admin screens", "screen"},
	{"単体テスト", "Unit testing", "test"},
	{"結合テスト", "Integration testing", "test"},
	{"運用マニュアル", "Operations manual", "manual"},
	{"デプロイメント", "Deployment", "infrastructure"},
}

// TestStandardDeliverables estimates the standard list with nothing else known: every line must
// get its kind and an effort between 1 and 60 person-days. The table is logged for the record.
func TestStandardDeliverables(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		task := llm.Task{Language: lang}
		for _, s := range standardLines {
			name := s.en
			if lang == "ja" {
				name = s.ja
			}
			task.Lines = append(task.Lines, llm.LineInput{Name: name})
		}
		var b strings.Builder
		row := "%-34s %-34s %6s %5s %5s %5s %5s %5s %12s %s\n"
		fmt.Fprintf(&b, "\n"+row, "deliverable", "kind (profile)", "total", "req", "des", "impl", "test", "doc", "range", "confidence")
		var sum int64
		for i, s := range standardLines {
			e := mustEstimate(t, task, i)
			c := calculate(task, i)
			if c.prof.kind != s.kind {
				t.Errorf("%s: kind %s, want %s", task.Lines[i].Name, c.prof.kind, s.kind)
			}
			total := totalOf(e)
			if total < 10 || total > 600 {
				t.Errorf("%s: %s person-days, want 1–60", task.Lines[i].Name, fmtDays(total))
			}
			sum += total
			fmt.Fprintf(&b, row, task.Lines[i].Name, c.prof.kind+" ("+c.prof.name.en+")", fmtDays(total),
				fmtDays(e.Phases[0]), fmtDays(e.Phases[1]), fmtDays(e.Phases[2]), fmtDays(e.Phases[3]), fmtDays(e.Phases[4]),
				fmtDays(e.Optimistic)+"–"+fmtDays(e.Pessimistic), e.Confidence)
		}
		fmt.Fprintf(&b, "%-34s %-34s %6s\n", "total", "", fmtDays(sum))
		t.Logf("language %s:%s", lang, b.String())
	}
}
