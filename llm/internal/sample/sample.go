// Package sample is the task and the chat turn that the tests of both engines share: the
// OpenAI-compatible engine's golden prompts are rendered from them, and the offline engine's
// chat tests answer them. Only tests import it.
package sample

import (
	"fmt"

	"estimator/llm"
)

// Task is the sample deliverables list (sheets/testdata/sample_input.csv) with
// requirements, two answered questions and one left unanswered.
func Task(lang string) llm.Task {
	if lang == "ja" {
		return llm.Task{
			Language: "ja",
			Title:    "在庫管理システム構築",
			Requirements: "中堅製造業向けの在庫管理システムを新規に構築する。Webブラウザから入出庫登録、在庫照会、棚卸、" +
				"帳票出力を行う。既存の販売管理システムとはCSVファイルで日次連携する。利用者は本社と3拠点の約50名。",
			Lines: []llm.LineInput{
				{Name: "要件定義書", Description: "システム全体の要件を定義し、機能一覧・画面一覧・帳票一覧などを整理した文書"},
				{Name: "基本設計書", Description: "要件定義に基づき、画面設計・DB設計・処理フロー設計を行った文書"},
				{Name: "詳細設計書", Description: "基本設計に基づき、プログラム単位での詳細な仕様を記載した文書"},
				{Name: "プログラム開発", Description: "詳細設計に基づいたプログラミング・コーディング作業"},
				{Name: "単体テスト", Description: "プログラム単位での動作確認テスト"},
				{Name: "結合テスト", Description: "複数プログラムを組み合わせた機能単位での動作確認テスト"},
				{Name: "総合テスト", Description: "システム全体での動作確認・性能確認テスト"},
				{Name: "運用マニュアル", Description: "システムの運用手順・保守手順を記載したマニュアル"},
				{Name: "ユーザーマニュアル", Description: "エンドユーザー向けの操作マニュアル"},
			},
			Answers: []llm.QA{
				{Question: "画面数と帳票数はどの程度を想定していますか?", Rationale: "開発とテストの工数は画面と帳票の数にほぼ比例するため。", Answer: "画面は約20、帳票は10種類です。"},
				{Question: "本番環境はオンプレミスとクラウドのどちらですか?", Rationale: "環境構築と基盤設計の工数が変わるため。", Answer: "AWS上に構築します。"},
				{Question: "既存システムからのデータ移行は必要ですか?", Rationale: "移行ツールの開発と移行テストの工数が加わるため。", Answer: ""},
			},
		}
	}
	return llm.Task{
		Language: "en",
		Title:    "Inventory management system",
		Requirements: "Build a new inventory management system for a mid-sized manufacturer. Users register receipts " +
			"and issues, look up stock, run stocktakes and print reports in a web browser. A daily CSV file links it " +
			"to the existing sales system. About 50 users at the head office and three sites.",
		Lines: []llm.LineInput{
			{Name: "Requirements definition document", Description: "Defines the requirements of the whole system, with lists of functions, screens and reports"},
			{Name: "Basic design document", Description: "Screen, database and process-flow design based on the requirements definition"},
			{Name: "Detailed design document", Description: "Detailed specifications per program, based on the basic design"},
			{Name: "Program development", Description: "Programming and coding based on the detailed design"},
			{Name: "Unit testing", Description: "Tests of each program's behaviour"},
			{Name: "Integration testing", Description: "Tests of functions made of several programs together"},
			{Name: "System testing", Description: "Tests of the whole system's behaviour and performance"},
			{Name: "Operations manual", Description: "Manual of the operating and maintenance procedures"},
			{Name: "User manual", Description: "Operating manual for end users"},
		},
		Answers: []llm.QA{
			{Question: "How many screens and reports do you expect?", Rationale: "Development and testing effort grow almost in proportion to them.", Answer: "About 20 screens and 10 reports."},
			{Question: "Will production run on premises or in the cloud?", Rationale: "Environment set-up and infrastructure design differ.", Answer: "On AWS."},
			{Question: "Must data be migrated from the existing system?", Rationale: "A migration tool and migration tests would add effort.", Answer: ""},
		},
	}
}

// Answered is the sample task as it stands when its lines are estimated: three questions of the
// kind a model asks about it, answered as in the sample run the prompt sizes were measured
// against (画面は約25、帳票は5種類; 販売管理システムとCSV連携1件; 利用者は約50名).
func Answered(lang string) llm.Task {
	t := Task(lang)
	t.Answers = []llm.QA{
		{Question: "画面数と帳票数はどの程度を想定していますか?", Rationale: "開発とテストの工数は画面と帳票の数にほぼ比例するため。", Answer: "画面は約25、帳票は5種類"},
		{Question: "外部システムとの連携はありますか?", Rationale: "連携ごとに設計とテストの工数が加わるため。", Answer: "販売管理システムとCSV連携1件"},
		{Question: "利用者数はどの程度ですか?", Rationale: "性能要件と権限設計の工数が変わるため。", Answer: "利用者は約50名"},
	}
	if lang == "en" {
		t.Answers = []llm.QA{
			{Question: "How many screens and reports do you expect?", Rationale: "Development and testing effort grow almost in proportion to them.", Answer: "About 25 screens and 5 reports"},
			{Question: "Does it exchange data with other systems?", Rationale: "Each interface adds design and test effort.", Answer: "One CSV interface with the sales system"},
			{Question: "How many users will there be?", Rationale: "Performance requirements and roles depend on it.", Answer: "About 50 users"},
		}
	}
	return t
}

// Chat is a turn of the negotiation chat about the sample task, priced at ¥40,000 or
// $500 a person-day with 10 % contingency and tax: "make it ¥300,000 ($3,000) cheaper",
// after ten earlier turns. Every line has a reasoning longer than the chat data keeps, four
// assumptions and two risks, like the estimates a model writes.
func Chat(lang string) llm.ChatRequest {
	t := Task(lang)
	phases := [][5]int64{
		{80, 20, 0, 0, 10}, {10, 120, 0, 0, 10}, {0, 100, 0, 0, 10}, {0, 20, 300, 0, 0}, {0, 0, 0, 60, 5},
		{0, 0, 0, 80, 5}, {0, 0, 0, 70, 5}, {0, 0, 0, 0, 40}, {0, 0, 0, 0, 50},
	}
	req := llm.ChatRequest{Task: t, Currency: "JPY", Message: "あと30万円ほど安くする案を教えて"}
	cost := int64(40000)
	reasoning := "%sは、画面約20・帳票10種類という回答を規模の前提とし、類似案件の実績から工程別に積み上げた。" +
		"要件定義とレビューに各工程の1割程度を見込み、既存の販売管理システムとのCSV日次連携の確認も含めている。" +
		"データ移行は回答がないため範囲外としたが、必要になった場合は別途見積りが必要である。"
	assumptions := []string{"画面は約20、帳票は10種類とする。", "本番環境はAWS上に構築する。",
		"既存システムからのデータ移行は範囲外とする。", "レビューは顧客側で5営業日以内に完了する。"}
	risks := []string{"帳票の追加要望が出ると工数が増える。", "CSV連携の仕様が確定しないと手戻りが生じる。"}
	history := []string{"こんにちは。見積りを確認しています。", "ご確認ありがとうございます。調整のご要望があればお知らせください。",
		"テストの工数が多い理由を教えてください。", "単体・結合・総合テストを合わせて約22人日です。画面約20と帳票10種類を前提に、結合テストでCSV日次連携の確認を行うためです。",
		"ユーザーマニュアルは画面ヘルプで代替できるかもしれません。", "画面ヘルプで代替する場合、ユーザーマニュアルの5人日を削減できますが、利用者教育の負担が増えるリスクがあります。",
		"予算の上限は450万円です。", "承知しました。予算内に収める案を検討します。",
		"まずは設計書の粒度を見直せますか？", "詳細設計書を基本設計書に統合する案があります。設計の手戻りリスクは増えますが、設計工程を数人日削減できます。"}
	if lang == "en" {
		req.Currency, req.Message, cost = "USD", "Please make it about $3,000 cheaper.", 50000
		reasoning = "%s: sized from the answer of about 20 screens and 10 reports, built up phase by phase from similar projects. " +
			"About a tenth of each phase is for reviews, and the daily CSV link to the existing sales system is checked as well. " +
			"Data migration is out of scope as the question was not answered; it would need its own estimate."
		assumptions = []string{"About 20 screens and 10 reports.", "Production runs on AWS.",
			"No data is migrated from the existing system.", "The client reviews each document within five working days."}
		risks = []string{"More reports requested later would add effort.", "An unsettled CSV format would cause rework."}
		history = []string{"Hello, I am checking the estimate.", "Thank you. Tell me if anything should be adjusted.",
			"Why is there so much testing?", "Unit, integration and system testing take about 22 person-days together, because the daily CSV link is tested in integration testing for 20 screens and 10 reports.",
			"The user manual might be replaced by on-screen help.", "With on-screen help the 5 person-days of the user manual go, at the risk of more training effort for users.",
			"The budget is at most $45,000.", "Understood. I will look for ways to fit the budget.",
			"Can the design documents be lighter?", "The detailed design could be merged into the basic design: a few person-days less, at a higher risk of design rework."}
	}
	var days int64
	for i, l := range t.Lines {
		req.Lines = append(req.Lines, llm.ChatLine{Position: i + 1, Name: l.Name, Description: l.Description, Phases: phases[i],
			UnitCostMinor: cost, Confidence: llm.ConfidenceMedium, Reasoning: fmt.Sprintf(reasoning, l.Name),
			Assumptions: assumptions, Risks: risks})
		for _, d := range phases[i] {
			days += d
		}
	}
	for i, h := range history {
		req.History = append(req.History, llm.ChatTurn{Role: []string{llm.ChatRoleUser, llm.ChatRoleAssistant}[i%2], Content: h})
	}
	lines := days * cost / 10
	contingency := lines / 10
	subtotal := lines + contingency
	req.Totals = llm.ChatTotals{LinesMinor: lines, ContingencyBP: 1000, ContingencyMinor: contingency, SubtotalMinor: subtotal,
		TaxRateBP: 1000, TaxMinor: subtotal / 10, TotalMinor: subtotal + subtotal/10}
	return req
}
