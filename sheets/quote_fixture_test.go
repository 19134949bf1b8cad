package sheets

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

// fixtureLine is a deliverable of the sample quotation: the sample CSV's nine deliverables with
// phase efforts (tenths of a person-day) an estimate could have produced.
type fixtureLine struct {
	ja, jaDesc, en, enDesc string
	phases                 [5]int64
}

func fixtureLines() []fixtureLine {
	return []fixtureLine{
		{"要件定義書", "システム全体の要件を定義し、機能一覧・画面一覧・帳票一覧などを整理した文書",
			"Requirements definition", "Functional, screen and report lists for the whole system", [5]int64{80, 20, 0, 0, 20}},
		{"基本設計書", "要件定義に基づき、画面設計・DB設計・処理フロー設計を行った文書",
			"Basic design", "Screens, database and processing flows, from the requirements", [5]int64{10, 100, 0, 0, 25}},
		{"詳細設計書", "基本設計に基づき、プログラム単位での詳細な仕様を記載した文書",
			"Detailed design", "Specifications per program, from the basic design", [5]int64{0, 120, 0, 0, 30}},
		{"プログラム開発", "詳細設計に基づいたプログラミング・コーディング作業",
			"Programming", "Coding, from the detailed design", [5]int64{0, 10, 350, 40, 0}},
		{"単体テスト", "プログラム単位での動作確認テスト",
			"Unit testing", "Tests of each program", [5]int64{0, 10, 20, 85, 10}},
		{"結合テスト", "複数プログラムを組み合わせた機能単位での動作確認テスト",
			"Integration testing", "Tests of features built from several programs", [5]int64{0, 15, 10, 95, 10}},
		{"総合テスト", "システム全体での動作確認・性能確認テスト",
			"System testing", "Functional and performance tests of the whole system", [5]int64{5, 10, 10, 90, 15}},
		{"運用マニュアル", "システムの運用手順・保守手順を記載したマニュアル",
			"Operations manual", "Operating and maintenance procedures", [5]int64{0, 5, 0, 5, 45}},
		// A description pasted as a bullet list starts with "-", which a spreadsheet would take
		// for a formula: the CSV golden files show the defence.
		{"ユーザーマニュアル", "- 操作手順書\n- FAQ（よくある質問）",
			"User manual", "- Step-by-step guide\n- FAQ", [5]int64{0, 5, 0, 5, 55}},
	}
}

// sampleQuote builds the quotation of the nine sample deliverables the way the handlers would:
// Japanese in yen with 10 % tax, a 10 % contingency and a ¥100,000 出精値引; English in dollars
// with no tax, a 5 % contingency and no discount. Amounts follow the estimate package's rules
// (amount = days × unit cost / 10, tax once on the subtotal, rounded down).
func sampleQuote(tb testing.TB, lang string) Quote {
	tb.Helper()
	q := Quote{Lang: lang, Revision: 3}
	var unitCost, contingencyBP, discount, taxBP int64
	if lang == "ja" {
		q.Currency, q.Labels = "JPY", jaQuoteLabels()
		unitCost, contingencyBP, discount, taxBP = 50_000, 1000, 100_000, 1000
		q.Number, q.IssueDate, q.ValidUntil = "Q-2506-0042", "2025年6月2日", "2025年7月2日"
		q.Title = "販売管理システム再構築"
		q.Addressee = "株式会社サンプル商事 御中"
		q.Delivery, q.Payment = "受注後4ヶ月", "納品月末締め翌月末払い"
		q.Remarks = []string{
			"本見積は概算です。要件定義の完了後に再見積りを行います。",
			"本書に記載のない機能が必要となった場合は、別途お見積りいたします。",
			"2025年6月30日までにご発注いただいた場合に限り、本見積の内容にて承ります。",
		}
		q.Issuer = Issuer{Company: "株式会社エスティメート", Address: "〒100-0005 東京都千代田区丸の内1-2-3 サンプルビル5階",
			Phone: "03-1234-5678", Email: "sales@estimate.example.jp", Person: "営業部 山田 太郎", Registration: "T1234567890123"}
	} else {
		q.Currency, q.Labels = "USD", enQuoteLabels()
		unitCost, contingencyBP, discount, taxBP = 41_250, 500, 0, 0
		q.Number, q.IssueDate, q.ValidUntil = "Q-2506-0042", "Jun 2, 2025", "Jul 2, 2025"
		q.Title = "Sales management system rebuild"
		q.Addressee = "Sample Trading Inc."
		q.Delivery, q.Payment = "4 months after order", "Net 30"
		q.Remarks = []string{
			"This is a preliminary estimate; it will be revised once the requirements are defined.",
			"Features not listed in this quotation will be quoted separately.",
		}
		q.Issuer = Issuer{Company: "Estimate Co., Ltd.", Address: "1-2-3 Marunouchi, Chiyoda-ku, Tokyo 100-0005, Japan",
			Phone: "+81 3-1234-5678", Email: "sales@estimate.example.com", Person: "Taro Yamada, Sales"}
	}
	q.Money, q.Days = testMoney(q.Currency), testDays
	q.Issuer.Seal, q.Issuer.Logo = testPNG(tb, 72, 72, color.RGBA{200, 30, 30, 255}), testPNG(tb, 160, 48, color.RGBA{20, 60, 140, 255})
	var days, lines int64
	for i, f := range fixtureLines() {
		line := QuoteLine{No: i + 1, Phases: f.phases, UnitCostMinor: unitCost}
		for _, p := range f.phases {
			line.DaysTenths += p
		}
		line.AmountMinor = (line.DaysTenths*unitCost + 5) / 10
		line.OptimisticTenths, line.PessimisticTenths = line.DaysTenths*8/10, line.DaysTenths*14/10
		if lang == "ja" {
			line.Name, line.Description = f.ja, f.jaDesc
			line.Confidence, line.Engine = "中", "オフライン推定"
			line.Reasoning = "類似規模の案件実績（画面数30、帳票10）を基準に、" + f.ja + "の工数を工程別に配分した。"
			line.Assumptions = []string{"画面数は30程度", "既存システムのデータ移行は対象外"}
			line.Risks = []string{"要件の追加による工数増"}
		} else {
			line.Name, line.Description = f.en, f.enDesc
			line.Confidence, line.Engine = "Medium", "Offline model"
			line.Reasoning = "Based on projects of similar size (30 screens, 10 reports), split by phase for " + f.en + "."
			line.Assumptions = []string{"About 30 screens", "No migration of the legacy data"}
			line.Risks = []string{"Scope growth during requirements"}
		}
		days += line.DaysTenths
		lines += line.AmountMinor
		q.Lines = append(q.Lines, line)
	}
	contingency := (lines*contingencyBP + 5000) / 10000
	subtotal := lines + contingency - discount
	tax := subtotal * taxBP / 10000
	q.Totals = QuoteTotals{
		DaysTenths: days, LinesMinor: lines, ContingencyBP: contingencyBP, ContingencyMinor: contingency,
		DiscountMinor: discount, SubtotalMinor: subtotal, TaxMinor: tax, TotalMinor: subtotal + tax, TaxRateBP: taxBP,
	}
	q.QA, q.Revisions = sampleHistory(lang, q.Totals)
	return q
}

// sampleHistory returns the questions and three revisions, newest first, the last being q's.
func sampleHistory(lang string, t QuoteTotals) ([]QuoteQA, []QuoteRevision) {
	if lang == "ja" {
		return []QuoteQA{
				{Question: "想定する利用者数は？", Answer: "社内の営業担当者約50名"},
				{Question: "既存システムからのデータ移行は必要ですか？", Answer: "不要です。"},
				{Question: "対応ブラウザは？", Answer: "Chrome と Edge の最新版"},
			}, []QuoteRevision{
				{Number: 3, Time: "2025年6月2日 15:10", Kind: "手動編集", Note: "出精値引 ¥100,000", SubtotalMinor: t.SubtotalMinor, TotalMinor: t.TotalMinor},
				{Number: 2, Time: "2025年6月2日 14:55", Kind: "クイック操作", Note: "予備費 10%", SubtotalMinor: t.SubtotalMinor + 100_000, TotalMinor: t.TotalMinor + 110_000},
				{Number: 1, Time: "2025年6月2日 14:30", Kind: "初回", Note: "", SubtotalMinor: t.LinesMinor, TotalMinor: t.LinesMinor * 11 / 10},
			}
	}
	return []QuoteQA{
			{Question: "How many users?", Answer: "About 50 sales staff"},
			{Question: "Is data migration needed?", Answer: "No."},
		}, []QuoteRevision{
			{Number: 2, Time: "Jun 2, 2025, 14:55", Kind: "Quick action", Note: "Contingency 5%", SubtotalMinor: t.SubtotalMinor, TotalMinor: t.TotalMinor},
			{Number: 1, Time: "Jun 2, 2025, 14:30", Kind: "Initial", Note: "", SubtotalMinor: t.LinesMinor, TotalMinor: t.LinesMinor},
		}
}

func jaQuoteLabels() QuoteLabels {
	return QuoteLabels{
		SheetQuote: "御見積書", SheetBreakdown: "内訳", SheetQA: "質疑応答", SheetRevisions: "改訂履歴",
		Heading: "御見積書", Greeting: "下記のとおりお見積り申し上げます。",
		Number: "見積番号", IssueDate: "発行日", ValidUntil: "有効期限", Title: "件名", Delivery: "納期",
		Payment: "支払条件", Headline: "御見積金額", TaxIncluded: "（税込）", TaxInside: "内消費税 {amount}",
		Registration: "登録番号", Phone: "TEL", Email: "E-mail", Person: "担当",
		No: "No", Name: "品名", Description: "説明", Quantity: "数量", Unit: "単位", UnitPrice: "単価",
		Amount: "金額", UnitDays: "人日",
		Contingency: "予備費（10%）", Discount: "出精値引", Subtotal: "小計", Tax: "消費税（10%）", Total: "合計",
		Remarks: "備考",
		Phases:  [5]string{"要件定義", "設計", "実装", "テスト", "文書作成"},
		Range:   "工数幅", Confidence: "確度", Engine: "推定方法", Reasoning: "根拠", Assumptions: "前提", Risks: "リスク",
		Question: "質問", Answer: "回答",
		RevisionNumber: "版", RevisionTime: "日時", RevisionKind: "種別", RevisionNote: "メモ",
		Page: "{page} / {pages}",
	}
}

func enQuoteLabels() QuoteLabels {
	return QuoteLabels{
		SheetQuote: "Quotation", SheetBreakdown: "Breakdown", SheetQA: "Q&A", SheetRevisions: "Revisions",
		Heading: "QUOTATION", Greeting: "We are pleased to submit the following quotation.",
		Number: "Quotation No.", IssueDate: "Date", ValidUntil: "Valid until", Title: "Subject",
		Delivery: "Delivery", Payment: "Payment terms", Headline: "Total amount", TaxIncluded: "(tax incl.)",
		TaxInside: "incl. tax {amount}", Registration: "Registration No.", Phone: "Tel", Email: "Email", Person: "Contact",
		No: "No.", Name: "Item", Description: "Description", Quantity: "Qty", Unit: "Unit",
		UnitPrice: "Unit price", Amount: "Amount", UnitDays: "person-days",
		Contingency: "Contingency (5%)", Discount: "Discount", Subtotal: "Subtotal", Tax: "Tax (0%)", Total: "Total",
		Remarks: "Remarks",
		Phases:  [5]string{"Requirements", "Design", "Implementation", "Testing", "Documentation"},
		Range:   "Range", Confidence: "Confidence", Engine: "Engine", Reasoning: "Reasoning",
		Assumptions: "Assumptions", Risks: "Risks", Question: "Question", Answer: "Answer",
		RevisionNumber: "Rev.", RevisionTime: "Time", RevisionKind: "Kind", RevisionNote: "Note",
		Page: "Page {page} of {pages}",
	}
}

// testMoney formats minor units as the i18n package does: ¥1,234,567, $12,345.00, -¥1,000.
func testMoney(currency string) func(int64) string {
	symbol, scale := "¥", 0
	if currency == "USD" {
		symbol, scale = "$", 2
	}
	return func(minor int64) string {
		sign := ""
		if minor < 0 {
			sign, minor = "-", -minor
		}
		text := qxDecimalText(minor, scale)
		whole, frac, _ := strings.Cut(text, ".")
		for i := len(whole) - 3; i > 0; i -= 3 {
			whole = whole[:i] + "," + whole[i:]
		}
		if frac != "" {
			whole += "." + frac
		}
		return sign + symbol + whole
	}
}

func testDays(tenths int64) string { return qxDecimalText(tenths, 1) }

// testPNG draws a filled rectangle with a white border, a stand-in for a seal or a logo.
func testPNG(tb testing.TB, w, h int, c color.RGBA) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			if x > 3 && y > 3 && x < w-4 && y < h-4 {
				img.Set(x, y, c)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// manyLines returns q with n lines, cycling through its own, numbered 1..n; the totals are
// left as they are, which a writer must not care about.
func manyLines(q Quote, n int) Quote {
	base := q.Lines
	q.Lines = make([]QuoteLine, n)
	for i := range n {
		line := base[i%len(base)]
		line.No = i + 1
		line.Name = fmt.Sprintf("%s %d", line.Name, i+1)
		q.Lines[i] = line
	}
	return q
}
