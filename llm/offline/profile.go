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
	numProfiles
)

// measure is what a profile's size is counted in.
type measure int

const (
	measureNone measure = iota
	measureFunctions
	measureScreens
	measureAPIs
	measureBatches
	measureTables
)

// measures lists the signals each measure adds up, and how the reasoning names the sum.
var measures = [...]struct {
	signals []signal
	unit    bi
}{
	measureNone:      {},
	measureFunctions: {[]signal{sigScreens, sigReports, sigAPIs, sigBatches}, bi{"機能（画面・帳票・API・バッチ）", "functions (screens, reports, APIs and batch jobs)"}},
	measureScreens:   {[]signal{sigScreens, sigReports}, bi{"画面・帳票", "screens and reports"}},
	measureAPIs:      {[]signal{sigAPIs}, bi{"API", "APIs"}},
	measureBatches:   {[]signal{sigBatches}, bi{"バッチ", "batch jobs"}},
	measureTables:    {[]signal{sigTables}, bi{"テーブル", "tables"}},
}

// profile is one row of the offline model. The same figures are tabulated in OFFLINE.md, and a
// test keeps the two identical.
type profile struct {
	kind         string   // the kind reported for the line
	name         bi       // how the reasoning names the profile
	base         int64    // tenths of a person-day at the reference size
	measure      measure  // what its size is counted in
	ref          int64    // the reference size, in that measure
	split        [5]int64 // per-mille of the effort per phase, summing to 1000
	integrations bool     // external integrations add effort
	users        bool     // a large user base adds effort
	shared       bool     // counts stated for the whole system are divided among lines of this profile
	topics       []topic  // questions whose default answer this profile's estimate relies on
	assumptions  []bi
	risks        []bi
}

var profiles = [numProfiles]profile{
	profileRequirementsDoc: {
		kind: "document", name: bi{"要件定義書", "requirements document"},
		base: 150, measure: measureFunctions, ref: 20,
		split:        [5]int64{700, 150, 0, 50, 100},
		integrations: true,
		assumptions:  []bi{{"ヒアリングは数回（各2時間程度）で、意思決定者が参加できると仮定。", "A few requirements workshops (about two hours each), with decision makers available."}},
		risks: []bi{
			{"関係者間で要件の合意が取れず、ヒアリングとレビューが長引く。", "Stakeholders disagree on requirements, prolonging workshops and reviews."},
			{"要件定義の過程で範囲が広がり、後工程の見積りが増える。", "Scope grows during requirements definition and raises the later estimates."},
		},
	},
	profileDesignDoc: {
		kind: "document", name: bi{"設計書", "design document"},
		base: 150, measure: measureFunctions, ref: 20,
		split:        [5]int64{100, 700, 0, 100, 100},
		integrations: true,
		topics:       []topic{topicDocumentation},
		assumptions:  []bi{{"要件は確定済みで、設計中に大きな要件変更はないと仮定。", "Requirements are signed off; no major change arrives during design."}},
		risks: []bi{
			{"未確定の要件が設計段階で表面化し、手戻りが発生する。", "Open requirements surface during design and cause rework."},
			{"レビューの往復で改版が重なり、作成工数が膨らむ。", "Repeated review rounds multiply the revisions of the document."},
		},
	},
	profileDocument: {
		kind: "document", name: bi{"ドキュメント", "document"},
		base: 80, measure: measureFunctions, ref: 20,
		split:       [5]int64{300, 400, 0, 100, 200},
		topics:      []topic{topicDocumentation},
		assumptions: []bi{{"当社標準のテンプレートで作成し、レビューは1回と仮定。", "Written on our standard template, with one review round."}},
		risks:       []bi{{"記載の粒度や形式への期待が合わず、書き直しが発生する。", "Expectations on detail or format differ and force rewrites."}},
	},
	profileDesign: {
		kind: "design", name: bi{"設計", "design"},
		base: 100, measure: measureFunctions, ref: 20,
		split:        [5]int64{100, 650, 50, 100, 100},
		integrations: true, users: true,
		assumptions: []bi{{"設計レビューは1回で承認されると仮定。", "One design review round before approval."}},
		risks:       []bi{{"既存システムや外部仕様の制約が後から判明し、設計をやり直す。", "Constraints of existing systems or external specifications appear late and force a redesign."}},
	},
	profileScreen: {
		kind: "screen", name: bi{"画面・UI", "screen/UI"},
		base: 200, measure: measureScreens, ref: 10,
		split:       [5]int64{50, 150, 550, 200, 50},
		shared:      true,
		assumptions: []bi{{"既存のスタイルと部品を使い、独自デザインの作り込みは含まないと仮定。", "Screens use an existing style and component library; no bespoke visual design."}},
		risks: []bi{
			{"開発中に画面仕様の変更や追加が発生する。", "Screen specifications change or grow during development."},
			{"対応ブラウザ・端末が増えると表示確認の工数が膨らむ。", "More browsers or devices to support inflate UI testing."},
		},
	},
	profileAPI: {
		kind: "api", name: bi{"API・バックエンド", "API/backend"},
		base: 150, measure: measureAPIs, ref: 10,
		split:        [5]int64{50, 150, 550, 200, 50},
		integrations: true, users: true, shared: true,
		topics:      []topic{topicIntegrations, topicSecurity},
		assumptions: []bi{{"APIの入出力とエラー仕様は設計工程で確定すると仮定。", "API inputs, outputs and errors are fixed during design."}},
		risks:       []bi{{"性能やセキュリティの要件が後から加わり、作り直しが発生する。", "Performance or security requirements arrive late and cause rework."}},
	},
	profileBatch: {
		kind: "batch", name: bi{"バッチ", "batch"},
		base: 100, measure: measureBatches, ref: 5,
		split:        [5]int64{50, 150, 500, 250, 50},
		integrations: true, users: true, shared: true,
		topics:      []topic{topicIntegrations},
		assumptions: []bi{{"バッチは既存のジョブ基盤（cron等）で起動し、処理データ量は通常の範囲と仮定。", "Jobs run on an existing scheduler (cron or similar) over ordinary data volumes."}},
		risks:       []bi{{"本番相当のデータ量で処理時間が許容範囲を超え、チューニングが必要になる。", "Production-size data exceeds the processing window and needs tuning."}},
	},
	profileDatabase: {
		kind: "database", name: bi{"データベース", "database"},
		base: 80, measure: measureTables, ref: 20,
		split: [5]int64{50, 350, 400, 150, 50},
		users: true, shared: true,
		assumptions: []bi{{"一般的なRDBMS（PostgreSQL等）を使い、既存データベースの改修は含まないと仮定。", "A mainstream relational database (such as PostgreSQL); changes to existing databases are not included."}},
		risks:       []bi{{"開発途中でデータ構造が変わり、関連箇所の修正が広がる。", "Schema changes during development ripple through dependent code."}},
	},
	profileTest: {
		kind: "test", name: bi{"テスト", "test"},
		base: 120, measure: measureFunctions, ref: 20,
		split:        [5]int64{0, 250, 50, 650, 50},
		integrations: true, users: true,
		topics:      []topic{topicTesting},
		assumptions: []bi{{"テスト設計・実施・不具合修正後の再テストまでを含み、テストデータは当社で用意すると仮定。", "Covers test design, execution and retests of fixes; we prepare the test data."}},
		risks: []bi{
			{"品質が想定より低く、不具合修正と再テストが繰り返される。", "Lower quality than expected means repeated fix-and-retest cycles."},
			{"テスト環境やテストデータの準備が遅れる。", "Test environments or test data arrive late."},
		},
	},
	profileManual: {
		kind: "manual", name: bi{"マニュアル", "manual"},
		base: 60, measure: measureScreens, ref: 20,
		split:       [5]int64{50, 150, 0, 100, 700},
		topics:      []topic{topicDocumentation},
		assumptions: []bi{{"画面キャプチャ付きの標準的な形式で、1言語のみ作成すると仮定。", "A standard format with screenshots, in one language."}},
		risks:       []bi{{"終盤の画面変更に合わせてマニュアルの修正が繰り返される。", "Late screen changes force repeated manual updates."}},
	},
	profileInfrastructure: {
		kind: "infrastructure", name: bi{"インフラ", "infrastructure"},
		base:        100,
		split:       [5]int64{50, 200, 500, 200, 50},
		users:       true,
		topics:      []topic{topicInfrastructure, topicNonFunctional},
		assumptions: []bi{{"デプロイは標準的なCI/CDで自動化し、独自ツールの開発は含まないと仮定。", "Deployment is automated with a standard CI/CD pipeline; no bespoke tooling."}},
		risks:       []bi{{"クラウドの権限やネットワーク設定など、お客様側の準備に時間がかかる。", "Cloud accounts, permissions or network settings on the client's side take time to arrange."}},
	},
	profileMigration: {
		kind: "migration", name: bi{"データ移行", "data migration"},
		base: 120, measure: measureTables, ref: 20,
		split:        [5]int64{100, 200, 400, 250, 50},
		integrations: true,
		assumptions:  []bi{{"移行元データは抽出済みのファイル（CSV等）で提供され、移行リハーサルは1回と仮定。", "Source data is provided as extracted files (such as CSV), and one rehearsal is run."}},
		risks:        []bi{{"移行元データの品質が低く、クレンジングと再移行が必要になる。", "Poor source-data quality requires cleansing and repeated runs."}},
	},
	profileOther: {
		kind: "other", name: bi{"その他", "other"},
		base: 100, measure: measureFunctions, ref: 20,
		split:       [5]int64{110, 230, 490, 160, 10},
		assumptions: []bi{{"内容を特定できないため、一般的な開発案件の工程配分を仮定。", "The content could not be classified, so a typical development phase split is assumed."}},
		risks:       []bi{{"内容が曖昧なため、詳細化によって工数が大きく変わり得る。", "The item is vague; detailing it may change the effort considerably."}},
	},
}
