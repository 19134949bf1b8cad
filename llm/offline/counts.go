package offline

import (
	"strconv"
	"strings"

	"estimator/llm/internal/keyword"
)

// signal is a countable size measure that users state in their texts ("20画面", "5 APIs").
type signal int

const (
	sigScreens signal = iota
	sigReports
	sigAPIs
	sigBatches
	sigTables
	sigIntegrations
	sigUsers
	numSignals
)

// noSignal marks a question topic that no count answers.
const noSignal signal = -1

// signalSpec says how a count is written and how the size sentence names it; the names are
// empty for the signals that never measure size.
type signalSpec struct {
	words  []string // unit words, folded; a count is a number next to one of them
	ja     string   // the unit in Japanese
	enOne  string   // the unit of a count of one in English
	enMany string   // the unit of any other count in English
}

var signalSpecs = [numSignals]signalSpec{
	sigScreens: {words: []string{"画面", "ページ", "screen", "page"}, ja: "画面", enOne: "screen", enMany: "screens"},
	sigReports: {words: []string{"帳票", "レポート", "report"}, ja: "帳票", enOne: "report", enMany: "reports"},
	sigAPIs:    {words: []string{"api", "エンドポイント", "endpoint"}, ja: "API", enOne: "API", enMany: "APIs"},
	sigBatches: {words: []string{"バッチ", "ジョブ", "batch", "job"}, ja: "バッチ", enOne: "batch job", enMany: "batch jobs"},
	sigTables:  {words: []string{"テーブル", "エンティティ", "table", "entity", "entities"}, ja: "テーブル", enOne: "table", enMany: "tables"},
	sigIntegrations: {words: []string{"外部連携", "連携先", "連携", "外部システム", "外部サービス", "インターフェース", "i/f",
		"integration", "interface", "external system", "external service"}},
	sigUsers: {words: []string{"ユーザー", "ユーザ", "利用者", "会員", "社員", "従業員", "同時接続", "アカウント",
		"user", "member", "employee", "account"}},
}

// counterWords may stand between a number and its unit ("20種類の帳票", "300名のユーザー",
// "20以上の画面"), or after the number when the unit came first ("API 5本").
var counterWords = []string{"種類", "種", "個", "件", "本", "枚", "名", "人", "社", "つ", "kinds of", "types of", "sorts of", "different",
	"程度", "以上", "前後", "ほど", "くらい", "ぐらい", "弱", "強", "超", "未満", "以下"}

// foreignUnits after a number mean it counts something else, even when a unit word comes
// just before it: "画面 2025年", "API 5人日", "ユーザー300万円".
var foreignUnits = []string{"年", "ヶ月", "か月", "カ月", "ヵ月", "月", "週", "日", "時間", "分", "秒",
	"円", "%", "人日", "人月", "倍", "回", "歳", "度", "行", "文字", "桁",
	"ms", "kb", "mb", "gb", "tb", "px", "day", "hour", "week", "month", "year", "minute", "second",
	"yen", "usd", "times", "percent", "x"}

// countFillers may stand between a unit word and a number written after it:
// "画面数：約20", "number of screens is about 20".
var countFillers = []string{" ", "\t", "\n", ":", "=", "(", "~", "〜", "約", "全", "総", "計", "数", "は",
	"が", "も", "で", "最大", "およそ", "概ね", "about", "approx.", "approx", "approximately", "around",
	"roughly", "some", "of", "is", "are", "total", "max", "maximum", "up to", "over", "at least"}

// maxCount saturates parsed numbers, so that no text can overflow the arithmetic.
const maxCount = 1_000_000_000

// source says where a count or a keyword was found; the reasoning names it, and the
// confidence and complexity rules weigh the line's own text above the task's.
type source int

const (
	srcNone source = iota
	srcLine
	srcRequirements
	srcAnswers
)

func (s source) name(l language) string {
	switch s {
	case srcLine:
		return bi{"成果物名・説明", "the deliverable's name or description"}.in(l)
	case srcRequirements:
		return bi{"要件", "the requirements"}.in(l)
	}
	return bi{"質問への回答", "the answers"}.in(l)
}

// counts are the counts stated in a text, by signal, with where each was found.
type counts struct {
	n   [numSignals]int64
	src [numSignals]source
}

func (c *counts) has(s signal) bool { return c.src[s] != srcNone }

// add records a count of s found in src, replacing a smaller one: merging the counts of two
// texts keeps the larger statement of each.
func (c *counts) add(s signal, n int64, src source) {
	if !c.has(s) || n > c.n[s] {
		c.n[s], c.src[s] = n, src
	}
}

func (c *counts) merge(o counts) {
	for s := range numSignals {
		if o.has(s) {
			c.add(s, o.n[s], o.src[s])
		}
	}
}

// scanCounts finds the counts stated in folded text: a number with a unit word right after it
// ("20画面", "20 admin screens", "10種類の帳票") or right before it ("API 5本", "画面数：20",
// "users: 300"). Counts of the same thing in different parts of the text add up (「アプリ20画面と
// 管理画面10画面」 is 30 screens), except that a stated total wins (「全20画面」, "30 screens in total")
// and a count given as part of another (「うち管理画面8画面」, "of which 8 admin screens") is not
// added again.
func scanCounts(text string, src source) counts {
	text = withDigits(text)
	var sum, total counts
	for i := 0; i < len(text); {
		if !isDigit(text[i]) {
			i++
			continue
		}
		start := i
		n, end := parseNumber(text, i)
		i = end
		// Digits glued to letters or after a dot are names and versions (EC2, v2.1), not counts.
		if start > 0 && (keyword.IsWordByte(text[start-1]) || text[start-1] == '.') {
			continue
		}
		s, ok := unitAfter(text[end:])
		if !ok {
			if s, ok = unitBefore(text[:start]); !ok || startsWithAny(strings.TrimLeft(text[end:], " "), foreignUnits) {
				continue
			}
		}
		before := text[max(0, start-partReach):start]
		switch {
		case containsAny(before, partWords):
		case containsAny(before, totalWords):
			total.add(s, n, src)
		case s == sigIntegrations || s == sigUsers:
			sum.add(s, n, src) // partners and interfaces, members and concurrent users: one measure, not parts
		default:
			sum.n[s], sum.src[s] = min(sum.n[s]+n, maxCount), src
		}
	}
	sum.merge(total)
	for s := range numSignals {
		if total.has(s) {
			sum.n[s] = total.n[s]
		}
	}
	return sum
}

// Words just before a count that make it a part of another, or the total of the parts.
// partReach is how far before the number they are looked for, in bytes: a few words.
var (
	partWords  = []string{"うち", "内訳", "of which", "including", "incl."}
	totalWords = []string{"全", "合計", "総", "total", "overall", "altogether", "all"}
)

const partReach = 12

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if keyword.Contains(s, w) {
			return true
		}
	}
	return false
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// parseNumber reads the number at text[i:]: digits with optional thousands separators
// ("1,000"), an optional fraction, and an optional 万, 千 or k multiplier ("1.5万人",
// "10k users"). It returns the value, saturated at maxCount, and where the number ends.
func parseNumber(text string, i int) (int64, int) {
	var n int64
	for i < len(text) {
		switch {
		case isDigit(text[i]):
			n = min(n*10+int64(text[i]-'0'), maxCount)
			i++
			continue
		case text[i] == ',' && thousands(text, i+1):
			i++
			continue
		}
		break
	}
	var frac, scale int64 = 0, 1
	if i+1 < len(text) && text[i] == '.' && isDigit(text[i+1]) {
		for i++; i < len(text) && isDigit(text[i]); i++ {
			if scale < 1000 {
				frac, scale = frac*10+int64(text[i]-'0'), scale*10
			}
		}
	}
	mult := int64(1)
	switch {
	case strings.HasPrefix(text[i:], "万"):
		mult, i = 10_000, i+len("万")
	case strings.HasPrefix(text[i:], "千"):
		mult, i = 1_000, i+len("千")
	case i < len(text) && text[i] == 'k' && (i+1 == len(text) || !keyword.IsWordByte(text[i+1])):
		mult, i = 1_000, i+1
	}
	return min(n*mult+frac*mult/scale, maxCount), i
}

// thousands reports whether exactly three digits start at text[i:], as after a thousands
// separator.
func thousands(text string, i int) bool {
	if i+3 > len(text) {
		return false
	}
	for j := i; j < i+3; j++ {
		if !isDigit(text[j]) {
			return false
		}
	}
	return i+3 == len(text) || !isDigit(text[i+3])
}

// unitAfter finds a unit word just after a number, past spaces, counters and の. English may
// put one adjective between them ("20 admin screens", "3 external integrations").
func unitAfter(rest string) (signal, bool) {
	trimmed := strings.TrimLeft(rest, " ")
	spaced := len(trimmed) < len(rest)
	for range 3 {
		next, ok := trimPrefixAny(trimmed, counterWords)
		if !ok {
			break
		}
		trimmed = strings.TrimLeft(next, " ")
	}
	trimmed = strings.TrimPrefix(trimmed, "の")
	if s, ok := unitAt(trimmed); ok {
		return s, true
	}
	if !spaced {
		return 0, false
	}
	w := 0
	for w < len(trimmed) && keyword.IsWordByte(trimmed[w]) {
		w++
	}
	if after := strings.TrimLeft(trimmed[w:], " "); w > 0 && len(after) < len(trimmed[w:]) {
		return unitAt(after)
	}
	return 0, false
}

func unitAt(s string) (signal, bool) {
	for sig, spec := range signalSpecs {
		for _, w := range spec.words {
			if keyword.PrefixWord(s, w) > 0 {
				return signal(sig), true
			}
		}
	}
	return 0, false
}

// unitBefore finds a unit word just before a number, past fillers such as "数", "約", ":".
func unitBefore(before string) (signal, bool) {
	for trimmed := true; trimmed; {
		trimmed = false
		for _, f := range countFillers {
			if next, ok := keyword.TrimSuffixWord(before, f); ok {
				before, trimmed = next, true
			}
		}
	}
	for sig, spec := range signalSpecs {
		for _, w := range spec.words {
			if keyword.SuffixWord(before, w) {
				return signal(sig), true
			}
		}
	}
	return 0, false
}

func trimPrefixAny(s string, words []string) (string, bool) {
	for _, w := range words {
		if n := keyword.PrefixWord(s, w); n > 0 {
			return s[n:], true
		}
	}
	return s, false
}

func startsWithAny(s string, words []string) bool {
	_, ok := trimPrefixAny(s, words)
	return ok
}

// numberWords are the English numbers written as words that texts use for small counts ("one
// CSV integration", "three interfaces").
var numberWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve"}

// withDigits writes the number words of folded text as digits.
func withDigits(text string) string {
	for n, w := range numberWords {
		if !keyword.Contains(text, w) {
			continue
		}
		var b strings.Builder
		last := 0
		for m := range keyword.Occurrences(text, w) {
			if m.End-m.Start != len(w) { // a plural or other suffix: not the number
				continue
			}
			b.WriteString(text[last:m.Start])
			b.WriteString(strconv.Itoa(n))
			last = m.End
		}
		b.WriteString(text[last:])
		text = b.String()
	}
	return text
}
