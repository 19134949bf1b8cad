package llm

import "estimator/llm/internal/keyword"

// intentWords is the vocabulary of one language that ParseIntent looks for. Words are written
// folded (see keyword.Fold): lower case, half-width. English words match whole words only,
// with an optional plural s, so "less" is not found in "lessons" nor "add" in "address";
// Japanese words match anywhere, since Japanese writes no spaces (see keyword.Occurrences).
type intentWords struct {
	why        []string // asks for an explanation: wins over every other cue
	unitCost   []string // names the price of one person-day
	reduce     []string // the price goes down
	increase   []string // the price goes up
	strengthen []string // more care, in the phase named beside it or in general
	add        []string // a deliverable comes in; its name stands next to the word
	remove     []string // a deliverable goes out; its name stands next to the word
	question   []string // a weaker question cue, tried after every request
	money      []string // nouns for the price itself, as the object of an add or remove word
	// targetBefore and targetAfter, next to an amount, make it the subtotal to reach rather
	// than the change: "under $10,000", "300万円以内".
	targetBefore, targetAfter []string
	phases                    [5][]string // words naming each phase, by the Phase constants
	// object finds the deliverable named next to an add or remove word at m.
	object func(text string, m keyword.Match) string
}

// intentVocabularies are the two languages; a message is read with both, whatever the task's
// language, since a Japanese salesperson may write "load testingを追加" and vice versa.
var intentVocabularies = [...]intentWords{japaneseIntentWords, englishIntentWords}

var japaneseIntentWords = intentWords{
	why:          []string{"なぜ", "何故", "どうして", "なんで", "理由", "根拠", "内訳", "とは", "含まれ"},
	unitCost:     []string{"単価", "日額", "日当"},
	reduce:       []string{"安く", "安め", "安価", "削減", "減らし", "減らす", "減額", "下げ", "カット", "ダウン", "マイナス", "値引", "割引", "圧縮", "抑え", "削っ", "削る", "削り", "節約", "少なく", "低く"},
	increase:     []string{"アップ", "増やし", "増やす", "増額", "増加", "上げ", "上乗せ", "プラス", "高く"},
	strengthen:   []string{"手厚く", "厚く", "強化", "充実", "拡充", "増強", "念入り", "しっかり", "丁寧", "徹底", "ブラッシュアップ"},
	add:          []string{"追加", "加えて", "加える", "足して", "入れて", "含めて", "盛り込"},
	remove:       []string{"外し", "外す", "除外", "削除", "不要", "いらない", "要らない", "なくして", "無くして", "やめ", "省略", "省い", "省く", "なしで", "無しで", "抜いて", "対象外"},
	question:     []string{"?", "教えて", "ですか", "ますか", "でしょうか", "いくら", "どの", "どれ", "何"},
	money:        []string{"金額", "価格", "値段", "費用", "見積", "見積り", "見積もり", "総額", "合計", "コスト"},
	targetBefore: []string{"予算", "予算は", "上限", "上限は", "総額", "合計"},
	targetAfter:  []string{"まで", "以内", "以下", "に収", "に抑", "に納", "にして", "に下げ", "に減ら", "になる"},
	phases: [5][]string{
		PhaseRequirements:   {"要件定義", "要件", "要求", "ヒアリング"},
		PhaseDesign:         {"設計", "デザイン"},
		PhaseImplementation: {"実装", "開発", "プログラム", "コーディング", "製造"},
		PhaseTesting:        {"テスト", "試験", "品質", "検証"},
		PhaseDocumentation:  {"ドキュメント", "マニュアル", "文書", "資料", "手順書"},
	},
	object: japaneseObject,
}

var englishIntentWords = intentWords{
	why:          []string{"why", "how come", "explain", "reason", "breakdown", "basis", "what does", "what do", "what's included", "what is included"},
	unitCost:     []string{"unit cost", "unit price", "day rate", "daily rate", "rate per day", "per person-day", "rate"},
	reduce:       []string{"cheaper", "cheap", "less", "lower", "reduce", "reduced", "reducing", "reduction", "cut", "decrease", "discount", "save", "trim", "shave", "down", "off", "fewer", "smaller", "slash", "drop"},
	increase:     []string{"more", "increase", "raise", "higher", "extra", "additional", "bump", "expand", "bigger"},
	strengthen:   []string{"strengthen", "thorough", "robust", "reinforce", "improve", "enhance", "beef up", "stronger", "rigorous", "extensive", "comprehensive", "more careful"},
	add:          []string{"add", "adding", "put in", "introduce"},
	remove:       []string{"remove", "removing", "drop", "exclude", "excluding", "delete", "skip", "omit", "without", "get rid of", "take out", "leave out", "no need for", "don't need", "do not need", "not needed", "unnecessary", "not necessary"},
	question:     []string{"?", "what", "which", "how", "tell me"},
	money:        []string{"price", "cost", "amount", "total", "estimate", "quote", "budget", "bill"},
	targetBefore: []string{"to", "under", "within", "below", "budget", "budget of", "budget is", "at most", "max", "maximum"},
	targetAfter:  []string{"or less", "or under", "or below", "max", "at most", "in total", "total"},
	phases: [5][]string{
		PhaseRequirements:   {"requirements", "requirement"},
		PhaseDesign:         {"design"},
		PhaseImplementation: {"implementation", "development", "coding", "programming"},
		PhaseTesting:        {"testing", "test", "qa", "quality"},
		PhaseDocumentation:  {"documentation", "docs", "doc", "manual", "document"},
	},
	object: englishObject,
}
