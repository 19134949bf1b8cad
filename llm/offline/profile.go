package offline

// profileID names a row of the offline model: a kind of deliverable, with documents split
// by what they document because their phase mix differs.
type profileID int

const (
	profileRequirementsDoc profileID = iota
	profileDesignDoc
	profileDocument
	profileDesign
	profileScreen
	profileAPI
	profileBatch
	profileDatabase
	profileTest
	profileManual
	profileInfrastructure
	profileMigration
	profileOther
	profileBuild // not a keyword rule: a build deliverable is recognised by roleOf
	numProfiles
)

// profile is a kind of deliverable with what an estimate of it takes for granted and what can go
// wrong with it; the numbers come from the allocation of the whole system (allocate.go).
type profile struct {
	name        bi      // how the reasoning names the kind
	topics      []topic // questions whose default answer an estimate of this kind relies on
	assumptions []bi
	risks       []bi
}

var profiles = [numProfiles]profile{
	profileRequirementsDoc: {
		name:        bi{"要件定義書", "requirements document"},
		assumptions: []bi{{"ヒアリングは数回（各2時間程度）で、意思決定者が参加できると仮定。", "A few requirements workshops (about two hours each), with decision makers available."}},
		risks: []bi{
			{"関係者間で要件の合意が取れず、ヒアリングとレビューが長引く。", "Stakeholders disagree on requirements, prolonging workshops and reviews."},
			{"要件定義の過程で範囲が広がり、後工程の見積りが増える。", "Scope grows during requirements definition and raises the later estimates."},
		},
	},
	profileDesignDoc: {
		name:        bi{"設計書", "design document"},
		topics:      []topic{topicDocumentation},
		assumptions: []bi{{"要件は確定済みで、設計中に大きな要件変更はないと仮定。", "Requirements are signed off; no major change arrives during design."}},
		risks: []bi{
			{"未確定の要件が設計段階で表面化し、手戻りが発生する。", "Open requirements surface during design and cause rework."},
			{"レビューの往復で改版が重なり、作成工数が膨らむ。", "Repeated review rounds multiply the revisions of the document."},
		},
	},
	profileDocument: {
		name:        bi{"ドキュメント", "document"},
		topics:      []topic{topicDocumentation},
		assumptions: []bi{{"当社標準のテンプレートで作成し、レビューは1回と仮定。", "Written on our standard template, with one review round."}},
		risks:       []bi{{"記載の粒度や形式への期待が合わず、書き直しが発生する。", "Expectations on detail or format differ and force rewrites."}},
	},
	profileDesign: {
		name:        bi{"設計", "design"},
		assumptions: []bi{{"設計レビューは1回で承認されると仮定。", "One design review round before approval."}},
		risks:       []bi{{"既存システムや外部仕様の制約が後から判明し、設計をやり直す。", "Constraints of existing systems or external specifications appear late and force a redesign."}},
	},
	profileScreen: {
		name:        bi{"画面・UI", "screen/UI"},
		assumptions: []bi{{"既存のスタイルと部品を使い、独自デザインの作り込みは含まないと仮定。", "Screens use an existing style and component library; no bespoke visual design."}},
		risks: []bi{
			{"開発中に画面仕様の変更や追加が発生する。", "Screen specifications change or grow during development."},
			{"対応ブラウザ・端末が増えると表示確認の工数が膨らむ。", "More browsers or devices to support inflate UI testing."},
		},
	},
	profileAPI: {
		name:        bi{"API・バックエンド", "API/backend"},
		topics:      []topic{topicIntegrations, topicSecurity},
		assumptions: []bi{{"APIの入出力とエラー仕様は設計工程で確定すると仮定。", "API inputs, outputs and errors are fixed during design."}},
		risks:       []bi{{"性能やセキュリティの要件が後から加わり、作り直しが発生する。", "Performance or security requirements arrive late and cause rework."}},
	},
	profileBatch: {
		name:        bi{"バッチ", "batch"},
		topics:      []topic{topicIntegrations},
		assumptions: []bi{{"バッチは既存のジョブ基盤（cron等）で起動し、処理データ量は通常の範囲と仮定。", "Jobs run on an existing scheduler (cron or similar) over ordinary data volumes."}},
		risks:       []bi{{"本番相当のデータ量で処理時間が許容範囲を超え、チューニングが必要になる。", "Production-size data exceeds the processing window and needs tuning."}},
	},
	profileDatabase: {
		name:        bi{"データベース", "database"},
		assumptions: []bi{{"一般的なRDBMS（PostgreSQL等）を使い、既存データベースの改修は含まないと仮定。", "A mainstream relational database (such as PostgreSQL); changes to existing databases are not included."}},
		risks:       []bi{{"開発途中でデータ構造が変わり、関連箇所の修正が広がる。", "Schema changes during development ripple through dependent code."}},
	},
	profileTest: {
		name:        bi{"テスト", "test"},
		topics:      []topic{topicTesting},
		assumptions: []bi{{"テスト設計・実施・不具合修正後の再テストまでを含み、テストデータは当社で用意すると仮定。", "Covers test design, execution and retests of fixes; we prepare the test data."}},
		risks: []bi{
			{"品質が想定より低く、不具合修正と再テストが繰り返される。", "Lower quality than expected means repeated fix-and-retest cycles."},
			{"テスト環境やテストデータの準備が遅れる。", "Test environments or test data arrive late."},
		},
	},
	profileManual: {
		name:        bi{"マニュアル", "manual"},
		topics:      []topic{topicDocumentation},
		assumptions: []bi{{"画面キャプチャ付きの標準的な形式で、1言語のみ作成すると仮定。", "A standard format with screenshots, in one language."}},
		risks:       []bi{{"終盤の画面変更に合わせてマニュアルの修正が繰り返される。", "Late screen changes force repeated manual updates."}},
	},
	profileInfrastructure: {
		name:        bi{"インフラ", "infrastructure"},
		topics:      []topic{topicInfrastructure, topicNonFunctional},
		assumptions: []bi{{"デプロイは標準的なCI/CDで自動化し、独自ツールの開発は含まないと仮定。", "Deployment is automated with a standard CI/CD pipeline; no bespoke tooling."}},
		risks:       []bi{{"クラウドの権限やネットワーク設定など、お客様側の準備に時間がかかる。", "Cloud accounts, permissions or network settings on the client's side take time to arrange."}},
	},
	profileMigration: {
		name:        bi{"データ移行", "data migration"},
		assumptions: []bi{{"移行元データは抽出済みのファイル（CSV等）で提供され、移行リハーサルは1回と仮定。", "Source data is provided as extracted files (such as CSV), and one rehearsal is run."}},
		risks:       []bi{{"移行元データの品質が低く、クレンジングと再移行が必要になる。", "Poor source-data quality requires cleansing and repeated runs."}},
	},
	profileOther: {
		name:        bi{"その他", "other"},
		assumptions: []bi{{"内容を特定できないため、平均的な機能1件分と仮定。", "The content could not be classified, so one average function is assumed."}},
		risks:       []bi{{"内容が曖昧なため、詳細化によって工数が大きく変わり得る。", "The item is vague; detailing it may change the effort considerably."}},
	},
	profileBuild: {
		name:        bi{"製造", "build"},
		topics:      []topic{topicIntegrations},
		assumptions: []bi{{"一般的な開発フレームワークとコーディング規約を用い、設計書どおりに実装すると仮定。", "A mainstream framework and coding standards are used, and the design documents are followed."}},
		risks:       []bi{{"設計の確定が遅れたり仕様が変わったりして、実装の手戻りが発生する。", "Late or changing designs cause rework in the code."}},
	},
}
