package offline

import (
	"fmt"
	"strconv"
	"strings"

	"estimator/llm"
)

// phaseLabels name the phases in the order of LineEstimate.Phases.
var phaseLabels = [5]bi{
	llm.PhaseRequirements:   {"要件定義", "requirements"},
	llm.PhaseDesign:         {"設計", "design"},
	llm.PhaseImplementation: {"実装", "implementation"},
	llm.PhaseTesting:        {"テスト", "testing"},
	llm.PhaseDocumentation:  {"ドキュメント", "documentation"},
}

// reasoning explains the calculation step by step, one sentence a line, so that an estimator
// can redo it by hand with OFFLINE.md.
func (c *calculation) reasoning(l language) string {
	lines := []string{
		bi{"オフライン見積り（AIを使用しない計算モデル）：以下の数値はすべて文書化された計算モデルの規則から求めたもので、本案件についての個別の判断は含みません。",
			"Offline estimate (calculation model, no AI): every figure below follows the documented rules of the model, without judgement about this particular project."}.in(l),
		c.kindSentence(l),
		c.baseSentence(l),
	}
	if c.sizeProf.measure != measureNone {
		lines = append(lines, c.sizeSentence(l))
	}
	if c.intFactor != 0 {
		lines = append(lines, c.integrationSentence(l))
	}
	if c.userFactor != 0 {
		lines = append(lines, fmt.Sprintf(bi{"利用者数：%s → ×%s。", "Users: %s → ×%s."}.in(l),
			c.countPhrase(l, sigUsers, bi{"%s名", "%s"}.in(l)), fmtFactor(c.userFactor)))
	}
	lines = append(lines, c.complexitySentence(l), c.effortSentence(l), c.splitSentence(l), c.rangeSentence(l))
	return strings.Join(lines, "\n")
}

func (c *calculation) kindSentence(l language) string {
	if c.det.keyword == "" {
		return bi{"種別：その他（成果物名・説明に既知のキーワードがないため、汎用モデルを適用）。",
			"Kind: other — no known keyword in the name or description, so the generic model applies."}.in(l)
	}
	where := bi{"説明", "description"}
	if c.det.inName {
		where = bi{"成果物名", "name"}
	}
	s := fmt.Sprintf(bi{"種別：%[1]s（%[3]sのキーワード%[2]sから判定）。", "Kind: %[1]s, from the keyword %[2]s in the %[3]s."}.in(l),
		c.prof.name.in(l), quote(l, c.det.keyword), where.in(l))
	if c.subject != "" {
		s += fmt.Sprintf(bi{"対象は%s（キーワード%s）のため、規模は%sで数えます。", " Its subject is %s (keyword %s), so its size is counted in %s."}.in(l),
			c.sizeProf.name.in(l), quote(l, c.subject), measures[c.sizeProf.measure].unit.in(l))
	}
	return s
}

func (c *calculation) baseSentence(l language) string {
	if c.sizeProf.measure == measureNone {
		return fmt.Sprintf(bi{"基準工数：%s人日（この種別は規模による増減なし）。", "Base: %s person-days (this kind is not scaled by size)."}.in(l),
			fmtDays(c.prof.base))
	}
	return fmt.Sprintf(bi{"基準工数：%[1]s人日（基準規模：%[3]s %[2]s）。", "Base: %[1]s person-days at the reference size of %[2]s %[3]s."}.in(l),
		fmtDays(c.prof.base), fmtInt(c.sizeProf.ref), measures[c.sizeProf.measure].unit.in(l))
}

func (c *calculation) sizeSentence(l language) string {
	if c.sizeSrc == srcNone {
		return bi{"規模：数量の記載がないため、基準規模を仮定（×1）。", "Size: no count stated, so the reference size is assumed (×1)."}.in(l)
	}
	var parts []string
	for _, s := range measures[c.sizeProf.measure].signals {
		if c.counts.has(s) {
			parts = append(parts, c.countPhrase(l, s, sizeUnit(l, s, c.counts.n[s])))
		}
	}
	sum := strings.Join(parts, bi{"＋", " + "}.in(l))
	if len(parts) > 1 {
		sum += bi{"＝", " = "}.in(l) + fmtInt(c.size)
	}
	s := fmt.Sprintf(bi{"規模：%[1]s。基準%[2]sに対し (%[3]s÷%[2]s)^0.8 = ×%[4]s", "Size: %[1]s; against the reference of %[2]s, (%[3]s ÷ %[2]s)^0.8 = ×%[4]s"}.in(l),
		sum, fmtInt(c.sizeProf.ref), fmtInt(c.size), fmtFactor(c.sizeFactor))
	switch c.sizeFactor {
	case maxSizeFactor:
		s += bi{"（モデルの上限）", " (the model's upper bound)"}.in(l)
	case minSizeFactor:
		s += bi{"（モデルの下限）", " (the model's lower bound)"}.in(l)
	}
	return s + bi{"。", "."}.in(l)
}

// countPhrase states a count, written with its unit by the format unit (a %s verb for the
// figure), and where it came from, including how a system-wide count was divided:
// "10 screens (the requirements: 20 shared by 2 screen/UI deliverables)".
func (c *calculation) countPhrase(l language, s signal, unit string) string {
	n, src := c.counts.n[s], c.counts.src[s]
	if src != srcLine && c.share > 1 && s != sigUsers {
		return fmt.Sprintf(bi{"%[1]s（%[2]sの%[3]sを%[4]sの成果物%[5]d件で按分）", "%[1]s (%[2]s: %[3]s shared by %[5]d %[4]s deliverables)"}.in(l),
			fmt.Sprintf(unit, fmtInt(n)), src.name(l), fmtInt(c.whole.n[s]), c.prof.name.in(l), c.share)
	}
	return fmt.Sprintf(bi{"%s（%s）", "%s (%s)"}.in(l), fmt.Sprintf(unit, fmtInt(n)), src.name(l))
}

// sizeUnit is the format of a count of s inside the size sentence: "画面 %s", "%s screens".
func sizeUnit(l language, s signal, n int64) string {
	spec := signalSpecs[s]
	switch {
	case l == japanese:
		return spec.ja + " %s"
	case n == 1:
		return "%s " + spec.enOne
	}
	return "%s " + spec.enMany
}

func (c *calculation) integrationSentence(l language) string {
	s := fmt.Sprintf(bi{"外部連携：%s → 1件につき+%s、×%s", "External integrations: %s → +%s each, ×%s"}.in(l),
		c.countPhrase(l, sigIntegrations, bi{"%s件", "%s"}.in(l)), fmtPercent(integrationStep), fmtFactor(c.intFactor))
	if c.counts.n[sigIntegrations] > maxIntegrations {
		s += fmt.Sprintf(bi{"（%d件まで算入）", " (counted up to %d)"}.in(l), maxIntegrations)
	}
	return s + bi{"。", "."}.in(l)
}

func (c *calculation) complexitySentence(l language) string {
	if len(c.hits) == 0 {
		return bi{"難易度：工数を上下させる語は見当たりません（×1）。", "Complexity: no word that raises or lowers effort was found (×1)."}.in(l)
	}
	var parts []string
	for _, h := range c.hits {
		where := h.src.name(l)
		if h.src != srcLine {
			where += bi{"、効果半分", ", half effect"}.in(l)
		}
		parts = append(parts, fmt.Sprintf(bi{"%s（%s）×%s", "%s (%s) ×%s"}.in(l), quote(l, h.word), where, fmtFactor(h.factor)))
	}
	s := bi{"難易度：", "Complexity: "}.in(l) + strings.Join(parts, bi{"、", "; "}.in(l))
	if len(c.hits) > 1 {
		s += " → ×" + fmtFactor(c.complexRaw)
	}
	if c.complexity != c.complexRaw {
		s += fmt.Sprintf(bi{"、範囲（×%s〜×%s）に収めて ×%s", ", kept within ×%s–×%s: ×%s"}.in(l),
			fmtFactor(minComplexity), fmtFactor(maxComplexity), fmtFactor(c.complexity))
	}
	return s + bi{"。", "."}.in(l)
}

func (c *calculation) effortSentence(l language) string {
	s := bi{"工数：", "Effort: "}.in(l) + fmtDays(c.prof.base)
	if len(c.factors) == 0 {
		s += bi{"人日（掛ける係数なし）", " person-days (no multiplier applies)"}.in(l)
	} else {
		for _, f := range c.factors {
			s += " × " + fmtFactor(f)
		}
		s += " = " + fmtDays(c.exact) + bi{"人日", " person-days"}.in(l)
	}
	if c.exact > maxTotal {
		s += fmt.Sprintf(bi{"。1成果物の上限%s人日に制限（分割して見積ることを推奨）", "; capped at %s person-days, the most one deliverable may carry (split it)"}.in(l), fmtDays(maxTotal))
	}
	return s + bi{"。", "."}.in(l)
}

func (c *calculation) splitSentence(l language) string {
	shares := make([]string, len(phaseLabels))
	days := make([]string, len(phaseLabels))
	for i, p := range phaseLabels {
		shares[i] = p.in(l) + " " + fmtPercent(c.prof.split[i])
		days[i] = fmtDays(c.phases[i])
	}
	return fmt.Sprintf(bi{"工程配分（%s）：%s → %s人日（切り捨て後の端数は、余りの大きい工程から0.1人日ずつ配分）。",
		"Phase split for %s: %s → %s person-days (leftover tenths go to the phases with the largest remainders)."}.in(l),
		c.prof.name.in(l), strings.Join(shares, bi{"、", ", "}.in(l)), strings.Join(days, bi{"＋", " + "}.in(l)))
}

func (c *calculation) rangeSentence(l language) string {
	s := spreads[c.conf.level]
	var ev []string
	for _, e := range c.conf.evidence {
		ev = append(ev, e.what.in(l)+" "+signed(int64(e.points)))
	}
	unit := bi{"点", " points"}
	if c.conf.points == 1 || c.conf.points == -1 {
		unit.en = " point"
	}
	points := strconv.Itoa(c.conf.points) + unit.in(l)
	if len(ev) > 0 {
		points += bi{"：", ": "}.in(l) + strings.Join(ev, bi{"、", ", "}.in(l))
	}
	out := fmt.Sprintf(bi{"確度：%s（%s）。幅：-%s／+%s", "Confidence: %s (%s). Range: -%s / +%s"}.in(l),
		s.name.in(l), points, fmtPercent(s.down), fmtPercent(s.up))
	if c.extraUp > 0 {
		format := bi{"、未回答の質問%d件で +%s", ", plus %[2]s for %[1]d unanswered questions"}
		if len(c.unanswered) == 1 {
			format.en = ", plus %[2]s for %[1]d unanswered question"
		}
		out += fmt.Sprintf(format.in(l), len(c.unanswered), fmtPercent(c.extraUp))
	}
	return out + fmt.Sprintf(bi{" → %s〜%s人日。", " → %s–%s person-days."}.in(l), fmtDays(c.optimistic), fmtDays(c.pessimistic))
}

// signed writes a score with its sign: +4, -1.
func signed(n int64) string {
	if n < 0 {
		return strconv.FormatInt(n, 10)
	}
	return "+" + strconv.FormatInt(n, 10)
}
