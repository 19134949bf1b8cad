package main

// The words tasks are made of, per document language. Clients are written the ways people type
// them: the same company may appear as 「株式会社Ａｃｍｅ」 (full-width), "ACME株式会社" and "Acme
// Corp", and a Japanese name in half-width katakana (ｻｸﾗｿﾌﾄ), so a search has variants to fold.
type corpus struct {
	language, currency string
	taxRateBP          int64
	unitCostMinor      int64 // per person-day: ¥40,000, or $500 in cents
	honorifics         []string
	clients            []string
	systems, actions   []string
	deliverables       []string
	descriptions       []string
	requirements       []string // sentences; a task takes a few
	questions          []string
	answers            []string
	contingencyNote    string
	discountNote       string
}

var japanese = corpus{
	language: "ja", currency: "JPY", taxRateBP: 1000, unitCostMinor: 40_000,
	honorifics: []string{"onchu", "onchu", "onchu", "sama", ""},
	clients: []string{
		"株式会社Ａｃｍｅ", "ACME株式会社", "株式会社さくらソフト", "ｻｸﾗｿﾌﾄ", "山田製作所", "北海道物流株式会社",
		"有限会社たなか商店", "株式会社ＮＥＸＴ", "東京デジタル株式会社", "みらい銀行", "大阪フーズ株式会社",
		"株式会社グローバルテック", "青葉建設株式会社", "ひかり電機株式会社", "富士ﾃﾞｰﾀｻｰﾋﾞｽ", "若葉保険株式会社",
		"株式会社Ｇｌｏｂｅｘ", "名古屋モビリティ株式会社", "福岡ヘルスケア株式会社", "株式会社シーサイド",
	},
	systems: []string{
		"ECサイト", "在庫管理システム", "勤怠管理アプリ", "予約サイト", "社内ポータル", "会員管理システム",
		"請求書発行システム", "店舗アプリ", "採用サイト", "データ分析基盤", "顧客管理（CRM）", "配送管理システム",
	},
	actions: []string{"リニューアル", "新規構築", "改修", "保守開発", "第2期開発", "スマートフォン対応", "クラウド移行"},
	deliverables: []string{
		"ログイン画面", "会員登録", "パスワード再設定", "商品一覧", "商品詳細", "カート", "決済連携", "注文履歴",
		"管理画面", "CSV出力", "帳票出力（PDF）", "API設計", "外部API連携", "通知メール", "権限管理", "検索機能",
		"ダッシュボード", "データ移行", "負荷試験", "操作マニュアル", "多言語対応", "監査ログ", "バッチ処理", "問い合わせフォーム",
	},
	descriptions: []string{
		"", "", "既存画面の踏襲", "SP/PC両対応", "管理者のみ利用", "月次で実行", "外部サービスと連携",
	},
	requirements: []string{
		"現行システムは10年前に構築されたもので、保守が難しくなっている。",
		"利用者は社内外あわせて約3,000名を想定する。",
		"スマートフォンからの利用を前提とする。",
		"既存の基幹システムとはCSVで連携する。",
		"個人情報を扱うため、アクセス権限とログの管理が必要。",
		"来年4月の稼働を目標とする。",
		"デザインは既存のブランドガイドラインに従う。",
		"運用は社内の情報システム部が担当する。",
	},
	questions: []string{
		"想定する同時利用者数はどのくらいですか？", "既存データの移行は必要ですか？",
		"対応ブラウザの範囲を教えてください。", "保守運用も依頼範囲に含みますか？",
	},
	answers:         []string{"約200名", "はい、約5万件", "最新のChromeとSafari", "", "含まない"},
	contingencyNote: "予備費 10%",
	discountNote:    "出精値引",
}

var english = corpus{
	language: "en", currency: "USD", taxRateBP: 0, unitCostMinor: 50_000,
	honorifics: []string{""},
	clients: []string{
		"Acme Corp", "ACME Inc.", "Globex Corporation", "Initech", "Umbrella Ltd", "Stark Industries",
		"Wayne Enterprises", "Hooli", "Northwind Traders", "Contoso", "Fabrikam", "Vandelay Industries",
		"Soylent Inc.", "Blue Sky Logistics", "Pied Piper",
	},
	systems: []string{
		"E-commerce site", "Inventory system", "Booking portal", "Mobile banking app", "Customer portal",
		"Internal wiki", "Billing service", "Analytics dashboard", "Recruiting site", "Field service app",
	},
	actions: []string{"redesign", "build", "migration", "phase 2", "maintenance", "API integration"},
	deliverables: []string{
		"Login", "Sign-up", "Password reset", "Product list", "Product page", "Cart", "Checkout", "Order history",
		"Admin dashboard", "CSV export", "PDF invoices", "REST API", "Payment gateway", "Email notifications",
		"Roles and permissions", "Search", "Reports", "Data migration", "Load testing", "User guide",
		"Localization", "Audit log", "Nightly jobs", "Contact form",
	},
	descriptions: []string{"", "", "same as today", "mobile and desktop", "admins only", "monthly", "third-party service"},
	requirements: []string{
		"The current system was built ten years ago and is hard to maintain.",
		"About 3,000 users, inside and outside the company.",
		"Most users will be on their phones.",
		"Orders are exchanged with the ERP as CSV files.",
		"Personal data is stored, so access control and audit logs are required.",
		"Go-live is planned for next April.",
		"The design follows the existing brand guidelines.",
		"The in-house IT team will run the system.",
	},
	questions: []string{
		"How many users will use it at the same time?", "Does existing data need to be migrated?",
		"Which browsers must be supported?", "Is maintenance part of the scope?",
	},
	answers:         []string{"About 200", "Yes, about 50,000 records", "Latest Chrome and Safari", "", "No"},
	contingencyNote: "10% contingency",
	discountNote:    "Discount",
}
