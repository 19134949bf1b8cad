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
			if got := profiles[d.profile].kind; got != tt.want {
				t.Errorf("kind of %q / %q = %s (keyword %q), want %s", tt.name, tt.desc, got, d.keyword, tt.want)
			}
		})
	}
}

func TestDesignSubject(t *testing.T) {
	tests := []struct {
		name string
		want measure
	}{
		{"API設計", measureAPIs},
		{"データベース設計", measureTables},
		{"DB設計", measureTables},
		{"画面設計", measureScreens},
		{"UI design", measureScreens},
		{"Batch design", measureBatches},
		{"アーキテクチャ設計", measureFunctions},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := calculate(oneLine("ja", tt.name, "", ""), 0)
			if c.prof.kind != "design" {
				t.Fatalf("kind = %s, want design", c.prof.kind)
			}
			if c.sizeProf.measure != tt.want {
				t.Errorf("measure = %d, want %d", c.sizeProf.measure, tt.want)
			}
		})
	}
}

func TestKeywordTables(t *testing.T) {
	check := func(where, w string) {
		t.Helper()
		if w == "" || keyword.Fold(w) != w {
			t.Errorf("%s: keyword %q must be written folded (lower case, half-width)", where, w)
		}
	}
	for i, r := range kindRules {
		for _, w := range r.words {
			check("kind rule "+profiles[r.profile].kind, w)
		}
		if len(r.words) == 0 {
			t.Errorf("kind rule %d has no words", i)
		}
	}
	for _, s := range signalSpecs {
		for _, w := range s.words {
			check("signal", w)
		}
	}
	for _, g := range complexityGroups {
		for _, w := range append(g.words, g.except...) {
			check("complexity", w)
		}
	}
	for _, e := range questionBank {
		for _, w := range e.words {
			check("question", w)
		}
	}
	for id, p := range profiles {
		var sum int64
		for _, r := range p.split {
			sum += r
		}
		if sum != 1000 {
			t.Errorf("profile %s: split sums to %d‰, want 1000‰", p.name.en, sum)
		}
		if p.base <= 0 || p.measure != measureNone && p.ref <= 0 {
			t.Errorf("profile %d: base and reference size must be positive", id)
		}
		// The smallest effort a profile can produce: half a day at least, so no lower bound is needed.
		if least := p.base * minSizeFactor / 1000 * minComplexity / 1000; least < 5 {
			t.Errorf("profile %s can fall to %d tenths", p.name.en, least)
		}
		if len(p.risks) == 0 || len(p.assumptions) == 0 {
			t.Errorf("profile %s needs its own assumptions and risks", p.name.en)
		}
	}
}
