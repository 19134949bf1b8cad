package offline

import (
	"testing"

	"estimator/llm/internal/keyword"
)

func TestDetectKind(t *testing.T) {
	tests := []struct {
		name, desc string
		want       string
	}{
		// Japanese: compounds are decided by their head, the keyword that ends last.
		{"要件定義書", "", "document"},
		{"基本設計書", "", "document"},
		{"画面設計書", "", "document"},
		{"データベース設計", "", "design"},
		{"API設計", "", "design"},
		{"UIデザイン", "", "design"},
		{"管理画面", "", "screen"},
		{"フロントエンド開発", "", "screen"},
		{"帳票出力", "", "screen"},
		{"バッチ監視画面", "", "screen"},
		{"バックエンド開発", "", "api"},
		{"認証機能", "", "api"},
		{"外部システム連携", "", "api"},
		{"ＡＰＩ開発", "", "api"},
		{"帳票出力バッチ", "", "batch"},
		{"夜間バッチ処理", "", "batch"},
		{"データベース構築", "", "database"},
		{"テーブル作成", "", "database"},
		{"単体テスト", "", "test"},
		{"結合テスト", "", "test"},
		{"テスト手順書", "", "test"},
		{"運用マニュアル", "", "manual"},
		{"操作手順書", "", "manual"},
		{"インフラ構築", "", "infrastructure"},
		{"テスト環境構築", "", "infrastructure"},
		{"デプロイメント", "", "infrastructure"},
		{"CI/CD構築", "", "infrastructure"},
		{"データ移行", "", "migration"},
		{"プロジェクト管理", "", "other"},
		{"", "", "other"},
		// A name without a keyword falls back on the description.
		{"受注機能", "受注内容を確認する画面を作る", "screen"},
		{"通知", "毎朝メールを送る夜間処理", "batch"},
		// English.
		{"Requirements specification", "", "document"},
		{"Basic design document", "", "document"},
		{"Database design", "", "design"},
		{"Design of the database", "", "design"},
		{"API design", "", "design"},
		{"UI/UX design", "", "design"},
		{"Admin dashboard", "", "screen"},
		{"Frontend development", "", "screen"},
		{"Monthly reports", "", "screen"},
		{"Building the admin UI", "", "screen"},
		{"Backend API", "", "api"},
		{"Authentication", "", "api"},
		{"Login and SSO", "", "api"},
		{"Payment integration", "", "api"},
		{"Nightly batch jobs", "", "batch"},
		{"Report generation batch", "", "batch"},
		{"Database schema", "", "database"},
		{"Unit tests", "", "test"},
		{"Integration testing", "", "test"},
		{"Testing of the API", "", "test"},
		{"Test plan", "", "test"},
		{"Operations manual", "", "manual"},
		{"Infrastructure setup", "", "infrastructure"},
		{"CI/CD pipeline", "", "infrastructure"},
		{"Deployment", "", "infrastructure"},
		{"Staging environment", "", "infrastructure"},
		{"Data migration", "", "migration"},
		{"Project management", "", "other"},
		{"Notifications", "Send a daily digest e-mail from a cron job", "batch"},
		// The predecessor matched "ui" inside "guide" and "build"; whole words do not.
		{"User guide", "", "manual"},
		{"Installation guide", "", "manual"},
		{"Build scripts", "", "other"},
		{"Build tooling", "Rebuilds the bundles quickly", "other"},
		{"Guidelines", "", "other"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := detectProfile(keyword.Fold(tt.name), keyword.Fold(tt.desc))
			if got := kindNames[d.profile]; got != tt.want {
				t.Errorf("kind of %q / %q = %s (keyword %q), want %s", tt.name, tt.desc, got, d.keyword, tt.want)
			}
		})
	}
}

// kindNames name the profiles as the kind tests state them.
var kindNames = [numProfiles]string{
	profileRequirementsDoc: "document", profileDesignDoc: "document", profileDocument: "document",
	profileDesign: "design", profileScreen: "screen", profileAPI: "api", profileBatch: "batch",
	profileDatabase: "database", profileTest: "test", profileManual: "manual",
	profileInfrastructure: "infrastructure", profileMigration: "migration", profileOther: "other",
}
