package offline

import "strings"

// topic is a subject of clarifying questions. The constants are in the default order: the
// order in which topics fill the list when keywords do not decide, and the tie-break.
type topic int

const (
	topicScreens topic = iota
	topicIntegrations
	topicUsers
	topicSecurity
	topicMigration
	topicInfrastructure
	topicNonFunctional
	topicReports
	topicTesting
	topicSchedule
	topicDocumentation
	topicOperations
	numTopics
)

// bankEntry is a question of the offline bank, with the assumption the estimate makes while it
// is unanswered.
type bankEntry struct {
	words      []string // folded keywords that make the topic relevant
	answeredBy signal   // a stated count of this signal already answers the question
	question   bi
	rationale  bi
	assumption bi
}

var questionBank = [numTopics]bankEntry{
	topicScreens: {
		words:      []string{"画面", "ページ", "フロント", "ダッシュボード", "デザイン", "ui", "ux", "screen", "page", "frontend", "front-end", "dashboard", "form"},
		answeredBy: sigScreens,
		question:   bi{"画面と帳票はそれぞれ何種類程度を想定していますか（管理画面を含む概数で構いません）。", "Roughly how many screens and reports will the system have, including admin screens?"},
		rationale:  bi{"画面・帳票の数は、設計・開発・テストの工数を最も大きく左右するためです。", "The number of screens and reports drives design, build and test effort more than anything else."},
		assumption: bi{"画面・帳票の数は、モデルの基準規模程度と仮定。", "Screens and reports are assumed to be about the model's reference size."},
	},
	topicIntegrations: {
		words:      []string{"連携", "外部", "インターフェース", "i/f", "決済", "基幹", "api", "integration", "integrate", "external", "interface", "payment", "erp", "webhook", "third-party"},
		answeredBy: sigIntegrations,
		question:   bi{"連携する外部システムやサービス（決済、基幹システム、外部APIなど）はいくつあり、仕様書とテスト環境は提供されますか。", "Which external systems or services (payment, ERP, third-party APIs) must the system integrate with, and will their specifications and test environments be provided?"},
		rationale:  bi{"外部連携は1件ごとに設計と結合テストの工数が増え、相手側の仕様や環境の有無が遅延のリスクを左右するためです。", "Each integration adds design and integration-test effort, and missing specifications or sandboxes are a common cause of delay."},
		assumption: bi{"記載以外の外部連携はなく、連携先の仕様書とテスト環境は提供されると仮定。", "No integrations beyond those stated; partners provide specifications and a test environment."},
	},
	topicUsers: {
		words:      []string{"ユーザ", "利用者", "会員", "同時接続", "アクセス", "user", "concurrent", "traffic", "visitor", "member"},
		answeredBy: sigUsers,
		question:   bi{"想定する利用者数と、ピーク時の同時接続数はどの程度ですか。", "How many users will the system have, and how many at the same time at peak?"},
		rationale:  bi{"利用規模によって、性能対策・インフラ構成・負荷テストの要否が変わるためです。", "Scale decides whether performance work, a scalable infrastructure and load testing are needed."},
		assumption: bi{"利用者は100名程度で、特別な性能対策は不要と仮定。", "About 100 users, needing no special performance work."},
	},
	topicSecurity: {
		words:      []string{"認証", "ログイン", "権限", "セキュリティ", "個人情報", "暗号", "sso", "login", "sign-in", "auth", "authentication", "security", "permission", "role", "password", "encryption", "mfa"},
		answeredBy: noSignal,
		question:   bi{"ログインの方式（ID・パスワード、SSO、多要素認証など）と、権限の種類はどうなりますか。", "How will users sign in (ID and password, SSO, multi-factor), and how many roles or permission levels are needed?"},
		rationale:  bi{"SSOや多要素認証、細かな権限制御は、実装とテストの工数を大きく増やすためです。", "SSO, multi-factor authentication and fine-grained permissions add significant build and test effort."},
		assumption: bi{"ID・パスワードによるログインと、数種類の権限のみと仮定。", "ID and password sign-in with a few roles."},
	},
	topicMigration: {
		words:      []string{"移行", "移管", "既存データ", "旧システム", "migration", "migrate", "legacy", "import", "existing data"},
		answeredBy: noSignal,
		question:   bi{"既存システムからのデータ移行はありますか。ある場合、対象データの種類・件数と、データの品質はどうですか。", "Is data to be migrated from an existing system? If so, what kinds of data, how many records, and how clean is it?"},
		rationale:  bi{"データ移行は変換・検証・リハーサルの工数が大きく、データの品質によって大きく変動するためです。", "Migration needs mapping, conversion, validation and rehearsals, and its effort depends heavily on data quality."},
		assumption: bi{"データ移行は範囲外と仮定。", "No data migration is in scope."},
	},
	topicInfrastructure: {
		words:      []string{"インフラ", "クラウド", "サーバ", "オンプレ", "環境構築", "デプロイ", "aws", "azure", "gcp", "infrastructure", "cloud", "server", "hosting", "on-premises", "on-premise", "deploy", "deployment", "kubernetes", "docker"},
		answeredBy: noSignal,
		question:   bi{"稼働環境はどこですか（AWS等のクラウド、オンプレミス、既存環境の利用）。環境構築は見積りの範囲に含みますか。", "Where will the system run (a cloud such as AWS, on-premises, an existing environment), and is setting it up part of this estimate?"},
		rationale:  bi{"環境構築の有無と方式によって、インフラ作業とデプロイ自動化の工数が大きく変わるためです。", "Whether and how environments are built changes infrastructure and deployment-automation effort considerably."},
		assumption: bi{"クラウドのマネージドサービス上に、開発・検証・本番の3環境を構築すると仮定。", "Three environments (development, staging, production) on managed cloud services."},
	},
	topicNonFunctional: {
		words:      []string{"性能", "可用性", "冗長", "応答", "レスポンス", "稼働率", "負荷", "バックアップ", "障害", "24時間", "無停止", "24/7", "performance", "availability", "uptime", "latency", "response time", "sla", "load", "backup", "redundancy"},
		answeredBy: noSignal,
		question:   bi{"稼働率・応答時間・バックアップなどの非機能要件に、具体的な目標値はありますか。", "Are there concrete targets for availability, response time, or backup and recovery?"},
		rationale:  bi{"高い可用性や厳しい性能目標は、冗長構成・チューニング・検証の追加工数につながるためです。", "High availability or strict performance targets add redundancy, tuning and verification work."},
		assumption: bi{"業務時間帯の利用を前提とした、標準的な可用性と性能と仮定。", "Standard availability and performance for business-hours use."},
	},
	topicReports: {
		words:      []string{"帳票", "レポート", "出力", "集計", "印刷", "pdf", "csv", "excel", "report", "export", "print"},
		answeredBy: sigReports,
		question:   bi{"帳票やデータ出力（PDF、Excel、CSV）は何種類あり、レイアウトの指定はありますか。", "How many reports or data exports (PDF, Excel, CSV) are needed, and are their layouts prescribed?"},
		rationale:  bi{"帳票はレイアウト調整と出力確認に手間がかかり、種類ごとに工数が積み上がるためです。", "Each report needs layout work and output checks, so the effort adds up report by report."},
		assumption: bi{"帳票は定型のCSV出力が数種類のみと仮定。", "Only a few standard CSV exports."},
	},
	topicTesting: {
		words:      []string{"テスト", "試験", "検証", "受入", "品質", "test", "testing", "qa", "quality", "acceptance", "uat"},
		answeredBy: noSignal,
		question:   bi{"テストの範囲（単体・結合・総合・受入）と、対応するブラウザ・端末の範囲はどこまでですか。", "Which test levels are expected (unit, integration, system, acceptance), and which browsers and devices must be supported?"},
		rationale:  bi{"テスト工程と対象環境の数は、テスト工数をほぼ掛け算で増やすためです。", "Test levels and the number of target environments multiply testing effort."},
		assumption: bi{"単体・結合・総合テストを当社が行い、受入テストはお客様が実施、対象は最新の主要ブラウザと仮定。", "Unit, integration and system tests by us, acceptance testing by the client, on current major browsers."},
	},
	topicSchedule: {
		words:      []string{"納期", "スケジュール", "期限", "リリース日", "期間", "予算", "締切", "deadline", "schedule", "release date", "timeline", "budget", "milestone", "launch"},
		answeredBy: noSignal,
		question:   bi{"希望する納期や、固定のリリース日・予算の上限などの制約はありますか。", "Is there a target delivery date, a fixed release date or a budget ceiling?"},
		rationale:  bi{"短い納期は、並行作業や増員による調整の工数とリスクを生むためです。", "A compressed schedule adds coordination effort and risk through parallel work and larger teams."},
		assumption: bi{"標準的な期間で進められ、特別な納期の制約はないと仮定。", "A normal schedule without special deadline constraints."},
	},
	topicDocumentation: {
		words:      []string{"設計書", "仕様書", "ドキュメント", "納品物", "成果物", "要件定義書", "document", "documentation", "specification", "deliverable"},
		answeredBy: noSignal,
		question:   bi{"納品するドキュメントの種類と形式（指定のテンプレート、言語、版管理）に指定はありますか。", "Which documents must be delivered, and in what format (client templates, language, version control)?"},
		rationale:  bi{"ドキュメントの種類・形式・言語の指定は、作成とレビューの工数を左右するためです。", "Prescribed document types, templates and languages change writing and review effort."},
		assumption: bi{"ドキュメントは当社標準の形式で、日本語で作成すると仮定。", "Documents in our standard format, in English."},
	},
	topicOperations: {
		words:      []string{"運用", "保守", "監視", "マニュアル", "手順書", "問い合わせ", "サポート", "operation", "maintenance", "monitoring", "support", "manual", "runbook"},
		answeredBy: noSignal,
		question:   bi{"リリース後の運用・保守（監視、問い合わせ対応、定期保守）は見積りの範囲に含みますか。", "Is operation and maintenance after release (monitoring, a support desk, regular maintenance) part of this estimate?"},
		rationale:  bi{"運用設計・手順書・引き継ぎの範囲によって、工数が増減するためです。", "The scope of operations design, runbooks and handover changes the effort."},
		assumption: bi{"リリース後の運用・保守は範囲外で、引き継ぎ用の手順書のみ作成すると仮定。", "Operation and maintenance after release are out of scope; only handover runbooks are written."},
	},
}

// bankTopic finds the topic of a question asked from the bank, in either language.
func bankTopic(question string) (topic, bool) {
	q := strings.TrimSpace(question)
	for tp, e := range questionBank {
		if q == e.question.ja || q == e.question.en {
			return topic(tp), true
		}
	}
	return 0, false
}
