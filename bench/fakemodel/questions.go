package main

import (
	"fmt"
	"strings"
)

// question is one item of the questions answer.
type question struct {
	Text      string `json:"text"`
	Rationale string `json:"rationale"`
}

// questionBank is what a sensible model asks about most projects, most important first.
var questionBank = map[bool][]question{
	false: {
		{"How many screens, reports and batch jobs does the system have in total?", "Size drives design, implementation and testing almost linearly."},
		{"Which external systems must it integrate with, and do they offer documented APIs?", "Each integration adds design, interface testing and coordination effort."},
		{"Is existing data to be migrated, and roughly how many records and tables?", "Migration needs its own tooling, rehearsals and checks."},
		{"What availability and response-time targets apply?", "Stricter targets add design, load testing and infrastructure work."},
		{"Will it run on premises or in the cloud, and who provides the environments?", "Setting up and maintaining environments is effort on our side."},
		{"How many user roles are there, and how fine-grained is the access control?", "Permissions multiply the cases to design and test."},
		{"Which browsers and devices must be supported?", "Every additional target adds testing and fixing effort."},
		{"Who writes the user manuals, and in which languages?", "Documentation effort depends on scope and languages."},
	},
	true: {
		{"画面・帳票・バッチの本数はそれぞれ何本程度ですか。", "規模は設計・製造・試験の工数にほぼ比例するためです。"},
		{"連携する外部システムはありますか。API仕様書は提供されますか。", "連携ごとに設計・結合試験・調整の工数が増えるためです。"},
		{"既存データの移行はありますか。件数とテーブル数の目安を教えてください。", "移行にはツール作成・リハーサル・検証の工数が必要なためです。"},
		{"可用性と応答時間の目標値はありますか。", "目標が厳しいほど設計・性能試験・基盤の工数が増えるためです。"},
		{"稼働環境はオンプレミスとクラウドのどちらで、環境は誰が用意しますか。", "環境構築と維持の工数が当社側に発生するかを判断するためです。"},
		{"利用者の権限区分はいくつあり、どの程度細かく制御しますか。", "権限の組み合わせだけ設計と試験のケースが増えるためです。"},
		{"対応するブラウザと端末を教えてください。", "対象が増えるごとに試験と修正の工数が増えるためです。"},
		{"利用者マニュアルは誰が作成し、何語で必要ですか。", "文書の工数は範囲と言語数で変わるためです。"},
	},
}

// questionsAnswer is exactly n questions, none already asked: a question whose text is in the
// shared context was asked before (the application refuses repeats), so it is skipped.
func questionsAnswer(r chatRequest) map[string]any {
	n, ja := r.questionCount(), r.japanese()
	asked := r.sharedContext()
	out := make([]question, 0, n)
	bank := questionBank[ja]
	for _, q := range bank {
		if len(out) == n {
			break
		}
		if !strings.Contains(asked, q.Text) {
			out = append(out, q)
		}
	}
	// After several regenerations the bank runs out: number the rest so none repeats. The bound
	// is n, never more than five.
	for i := 1; len(out) < n; i++ {
		q := bank[i%len(bank)]
		q.Text = fmt.Sprintf("%s (%d)", q.Text, i)
		if !strings.Contains(asked, q.Text) {
			out = append(out, q)
		}
		if i > 1000 {
			break // cannot happen with n ≤ 5; keeps the loop bounded whatever the input
		}
	}
	return map[string]any{"questions": out}
}
