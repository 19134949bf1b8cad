package offline

import "estimator/llm/internal/keyword"

// kindRule gives the keywords (folded) that identify one profile. The rules are listed in
// priority order: it decides between two keywords of a name that end at the same place and,
// in a description, between any two keywords.
type kindRule struct {
	profile profileID
	words   []string
}

var kindRules = []kindRule{
	{profileTest, []string{"テスト仕様書", "テスト計画書", "テスト手順書", "テストケース", "テストシナリオ",
		"試験仕様書", "試験計画書", "試験成績書", "test plan", "test specification", "test case", "test scenario", "test report"}},
	{profileInfrastructure, []string{"環境構築", "テスト環境", "検証環境", "開発環境", "本番環境", "ステージング",
		"サーバー構築", "サーバ構築", "test environment", "staging", "environment setup", "server setup"}},
	{profileMigration, []string{"移行", "移管", "クレンジング", "名寄せ", "データ取込", "データ取り込み", "初期データ", "データ投入",
		"migration", "migrate", "data conversion", "data cleansing", "data cleaning", "data import", "initial data", "data load"}},
	{profileManual, []string{"マニュアル", "手順書", "説明書", "操作ガイド", "ユーザーガイド", "利用ガイド", "導入ガイド",
		"manual", "handbook", "guide", "runbook", "tutorial", "playbook"}},
	{profileTest, []string{"テスト", "試験", "検証", "品質保証", "受入", "受け入れ",
		"test", "testing", "qa", "uat", "e2e", "quality assurance"}},
	{profileRequirementsDoc, []string{"要件定義書", "要求定義書", "要求仕様書", "要件定義", "要求定義", "要求仕様",
		"requirements definition document", "requirements definition", "requirements specification", "requirements document", "requirements", "srs"}},
	{profileDesignDoc, []string{"設計書", "基本設計", "詳細設計", "外部設計", "内部設計", "方式設計",
		"design document", "design doc", "design specification", "basic design", "detailed design", "system design"}},
	{profileDocument, []string{"仕様書", "定義書", "計画書", "提案書", "報告書", "ドキュメント", "資料",
		"specification", "spec", "document", "documentation", "proposal"}},
	{profileDesign, []string{"設計", "デザイン", "ワイヤーフレーム", "モックアップ", "er図", "モデリング", "アーキテクチャ",
		"design", "wireframe", "mockup", "mock-up", "modeling", "modelling", "architecture", "er diagram"}},
	{profileScreen, []string{"画面", "フロント", "ページ", "帳票", "ダッシュボード", "フォーム", "サイト", "スマホアプリ", "モバイルアプリ",
		"ui", "ux", "screen", "frontend", "front-end", "page", "homepage", "dashboard", "admin panel",
		"report", "reporting", "form", "website", "landing page", "mobile app", "spa"}},
	{profileBatch, []string{"バッチ", "ジョブ", "定期実行", "夜間処理", "日次処理", "月次処理", "集計処理",
		"batch", "job", "cron", "scheduler", "etl", "scheduled task"}},
	{profileAPI, []string{"api", "バックエンド", "サーバ", "認証", "ログイン", "シングルサインオン", "連携", "エンドポイント", "決済",
		"backend", "back-end", "server-side", "server", "endpoint", "auth", "authentication", "authorization",
		"login", "sign-in", "sso", "oauth", "integration", "interface", "インターフェース", "i/f", "webhook", "microservice", "payment"}},
	{profileDatabase, []string{"データベース", "db", "テーブル", "スキーマ", "データモデル",
		"database", "schema", "table", "sql", "data model"}},
	{profileInfrastructure, []string{"インフラ", "デプロイ", "クラウド", "ネットワーク", "監視", "ホスティング", "リリース",
		"infrastructure", "deployment", "deploy", "ci/cd", "pipeline", "hosting", "cloud", "aws", "azure", "gcp",
		"docker", "kubernetes", "k8s", "terraform", "devops", "provisioning", "environment", "monitoring", "release"}},
}

// prepositions end the head of an English name: "Design of the database" is a design, and
// "Testing of the API" is a test.
var prepositions = []string{"of", "for", "with", "in", "on", "to", "using", "via", "by", "from", "into", "about"}

// detection is the profile given to a line and the evidence for it, for the reasoning.
type detection struct {
	profile profileID
	keyword string // the deciding keyword; "" when nothing matched
	inName  bool   // found in the name rather than the description
}

// detectProfile classifies a deliverable from its folded name and description. In a name the
// head keyword decides, the one that ends last, because Japanese and English compounds put
// the head noun last (帳票出力バッチ is a batch, バッチ監視画面 a screen, "API design" a
// design); an English name is first cut before its first preposition. A description is a
// sentence rather than a compound, so there the first rule with a keyword decides.
func detectProfile(name, desc string) detection {
	if d, ok := headKeyword(nameHead(name)); ok {
		return d
	}
	if d, ok := headKeyword(name); ok {
		return d
	}
	for _, r := range kindRules {
		for _, w := range r.words {
			if keyword.Contains(desc, w) {
				return detection{profile: r.profile, keyword: w}
			}
		}
	}
	return detection{profile: profileOther}
}

// nameHead returns the name up to its first English preposition, if one follows a space.
func nameHead(name string) string {
	head := name
	for _, p := range prepositions {
		for m := range keyword.Occurrences(name, p) {
			if m.Start > 0 && name[m.Start-1] == ' ' {
				if m.Start < len(head) {
					head = name[:m.Start]
				}
				break
			}
		}
	}
	return head
}

// headKeyword finds the keyword of text that ends last; a longer keyword wins a tie (テスト手順書
// over 手順書), and then the earlier rule.
func headKeyword(text string) (detection, bool) {
	var best detection
	bestEnd, bestLen := -1, 0
	for _, r := range kindRules {
		for _, w := range r.words {
			for m := range keyword.Occurrences(text, w) {
				if m.End > bestEnd || m.End == bestEnd && m.End-m.Start > bestLen {
					best = detection{profile: r.profile, keyword: w, inName: true}
					bestEnd, bestLen = m.End, m.End-m.Start
				}
			}
		}
	}
	return best, bestEnd >= 0
}

// subjectOf finds what a design line designs, so that its size is counted in the right unit:
// the first screen, batch, API or database rule with a keyword in the name, else in the
// description (API設計 is sized in APIs, データベース設計 in tables).
func subjectOf(name, desc string) (profileID, string, bool) {
	for _, text := range [...]string{name, desc} {
		for _, r := range kindRules {
			switch r.profile {
			case profileScreen, profileBatch, profileAPI, profileDatabase:
			default:
				continue
			}
			for _, w := range r.words {
				if keyword.Contains(text, w) {
					return r.profile, w, true
				}
			}
		}
	}
	return 0, "", false
}
