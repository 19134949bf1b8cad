package openai

// typicalSharesJSON are the typical phase shares of a new development, in per cent of the
// effort from requirements definition to system test, which the prompts give the model as its
// anchor. IPA ソフトウェア開発データ白書 2018-2019 (new development) puts 基本設計 at 17 %, 詳細設計
// 18 %, 製作 (coding with unit tests) 32 %, 結合テスト 20 % and 総合テスト 13 % of the effort from
// basic design to system test, with requirements definition about 10 % of the whole on top;
// over this tool's phases that is requirements 9 %, design 32 %, implementation 29 % and testing
// 30 %. Manuals (documentation) are outside those figures; the prompts call them a few per cent.
// The plausibility check of finished estimates (package estimate) uses the same figures.
const typicalSharesJSON = `{"requirements":9,"design":32,"implementation":29,"testing":30}`
