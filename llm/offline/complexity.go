package offline

import (
	"strings"
	"unicode/utf8"

	"estimator/llm/internal/keyword"
)

// complexityGroup is a family of words that make work harder or easier. A group counts once
// per line, however many of its words appear.
type complexityGroup struct {
	factor   int64    // per-mille, when found in the line's own name or description
	words    []string // folded
	except   []string // phrases in which a word does not count: "basic design" is 基本設計
	lineOnly bool     // counts only in a line's own text: in the requirements its words describe documents
	platform bool     // a platform choice: as sure in the requirements as in a line, so always in full
}

var complexityGroups = []complexityGroup{
	{factor: 1200, words: []string{"複雑", "煩雑", "complex", "complicated"}},
	{factor: 1150, words: []string{"高度", "advanced", "sophisticated"}},
	{factor: 1200, words: []string{"大規模", "大量データ", "large-scale", "large scale", "enterprise"}},
	{factor: 1150, words: []string{"多言語", "多国語", "multilingual", "multi-language", "i18n", "localization", "localisation"}},
	{factor: 1200, words: []string{"リアルタイム", "real-time", "realtime", "websocket"}},
	{factor: 1200, words: []string{"高可用", "冗長化", "冗長構成", "24時間365日", "無停止",
		"high availability", "high-availability", "redundancy", "redundant", "24/7", "failover"}},
	{factor: 1100, words: []string{"個人情報", "高セキュリティ", "暗号化", "監査ログ",
		"personal data", "encryption", "audit log", "compliance", "pci dss", "pci-dss"}},
	{factor: 1100, words: []string{"高負荷", "高速化", "性能要件", "大量アクセス", "high performance", "high-performance", "high load", "low latency"}},
	{factor: 1150, words: []string{"レガシー", "老朽化", "legacy"}},
	{factor: 800, words: []string{"簡易", "簡単", "シンプル", "simple", "basic"}, except: []string{"basic design"}},
	{factor: 850, words: []string{"小規模", "small-scale", "small scale"}},
	{factor: 800, words: []string{"プロトタイプ", "試作", "poc", "mvp", "prototype", "proof of concept"}},
	{factor: 600, words: []string{"ローコード", "ノーコード", "kintone", "low-code", "no-code", "lowcode", "nocode",
		"power apps", "powerapps", "salesforce", "servicenow", "outsystems"}, platform: true},
	{factor: 850, words: []string{"流用", "再利用", "テンプレート", "既製", "reuse", "template", "off-the-shelf", "boilerplate"}, lineOnly: true},
}

// Bounds of the combined complexity multiplier, per-mille: words adjust an estimate, they do
// not replace it.
const (
	minComplexity = 600
	maxComplexity = 1800
)

// complexityHit is a group found for a line: the word, where, and the multiplier it applies.
type complexityHit struct {
	word   string
	src    source
	factor int64 // per-mille, already halved for words outside the line
}

// texts are the folded texts of a task that the estimate reads about the whole system.
type texts struct {
	requirements string
	answers      []string // known answers only
}

// findLineComplexity returns the groups found in a line's own text, in table order, each
// applying in full to that line.
func findLineComplexity(line string) []complexityHit {
	var hits []complexityHit
	for _, g := range complexityGroups {
		if w, ok := g.find(line); ok {
			hits = append(hits, complexityHit{word: w, src: srcLine, factor: g.factor})
		}
	}
	return hits
}

// findSystemComplexity returns the groups found in the requirements or known answers, which
// describe the whole system: at half strength, because a word there is weaker evidence than a
// deliverable's own (except a platform, which is a decision), and without the groups whose words
// there usually describe documents (「弊社標準テンプレート」 does not make programming cheaper).
func findSystemComplexity(tx texts) []complexityHit {
	var hits []complexityHit
	for _, g := range complexityGroups {
		if g.lineOnly {
			continue
		}
		w, ok := g.find(tx.requirements)
		src := srcRequirements
		for _, a := range tx.answers {
			if ok {
				break
			}
			w, ok = g.find(a)
			src = srcAnswers
		}
		if !ok {
			continue
		}
		factor := 1000 + (g.factor-1000)/2
		if g.platform {
			factor = g.factor
		}
		hits = append(hits, complexityHit{word: w, src: src, factor: factor})
	}
	return hits
}

// complexityOf is the combined multiplier of hits, per-mille, within its bounds.
func complexityOf(hits []complexityHit) int64 {
	c := int64(1000)
	for _, h := range hits {
		c = scaleBy(c, h.factor)
	}
	return min(max(c, minComplexity), maxComplexity)
}

// find returns the group's first word that occurs in text other than negated or inside an
// excepted phrase.
func (g complexityGroup) find(text string) (string, bool) {
	for _, w := range g.words {
		for m := range keyword.Occurrences(text, w) {
			if !g.excepted(text, m) && !negated(text, m) {
				return w, true
			}
		}
	}
	return "", false
}

func (g complexityGroup) excepted(text string, m keyword.Match) bool {
	for _, e := range g.except {
		if strings.HasPrefix(text[m.Start:], e) {
			return true
		}
	}
	return false
}

// clauseBreaks end the clause in which a negation can apply to a word.
const clauseBreaks = "、。,.;!?！？\n"

// clauseReach bounds, in bytes, how far from a word its clause is searched, so that a long text
// without punctuation costs time in proportion to its length, not to its square.
const clauseReach = 160

// negated reports whether the word at m is denied in its clause, as answers often do:
// 「リアルタイム性は不要」, "no real-time updates", "high availability is not required".
func negated(text string, m keyword.Match) bool {
	after := text[m.End:min(len(text), m.End+clauseReach)]
	if i := strings.IndexAny(after, clauseBreaks); i >= 0 {
		after = after[:i]
	}
	window := after
	for n, i := 0, 0; i < len(after); n++ {
		if n == 8 { // Japanese puts the negation within a few characters: 「…は不要」「…ではない」
			window = after[:i]
			break
		}
		_, size := utf8.DecodeRuneInString(after[i:])
		i += size
	}
	for _, neg := range [...]string{"不要", "なし", "無し", "ません", "対象外", "不使用"} {
		if strings.Contains(window, neg) {
			return true
		}
	}
	// ない, but not the ない of 少ない ("few"), which says nothing about the word.
	if i := strings.Index(window, "ない"); i >= 0 && !strings.HasSuffix(window[:i], "少") {
		return true
	}
	for _, neg := range [...]string{"not required", "not needed", "unnecessary", "out of scope", "not in scope"} {
		if strings.Contains(after, neg) {
			return true
		}
	}
	before := text[max(0, m.Start-clauseReach):m.Start]
	if i := strings.LastIndexAny(before, clauseBreaks); i >= 0 {
		before = before[i+1:]
	}
	words := strings.FieldsFunc(before, func(r rune) bool { return r >= utf8.RuneSelf || !keyword.IsWordByte(byte(r)) })
	for _, w := range words[max(0, len(words)-3):] {
		switch w {
		case "no", "not", "without", "non", "never":
			return true
		}
	}
	return false
}
