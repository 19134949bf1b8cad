package offline

import (
	"fmt"
	"strings"

	"estimator/llm"
)

// phaseLabels name the estimate's phases in the order of LineEstimate.Phases.
var phaseLabels = [5]bi{
	llm.PhaseRequirements:   {"要件定義", "requirements"},
	llm.PhaseDesign:         {"設計", "design"},
	llm.PhaseImplementation: {"製造・単体テスト", "build and unit test"},
	llm.PhaseTesting:        {"結合・総合テスト", "integration and system test"},
	llm.PhaseDocumentation:  {"ドキュメント", "documentation"},
}

// fineNames name the fine phases in the reasoning.
var fineNames = [numFine]bi{
	fineRequirements: {"要件定義", "requirements definition"},
	fineBasicDesign:  {"基本設計", "basic design"},
	fineDetailDesign: {"詳細設計", "detailed design"},
	fineBuild:        {"製造", "coding"},
	fineUnitTest:     {"単体テスト", "unit testing"},
	fineIntegration:  {"結合テスト", "integration testing"},
	fineSystemTest:   {"総合テスト", "system testing"},
}

// unitName names a kind of function: in Japanese, and in English for one and for many.
type unitName struct{ ja, one, many string }

// plural names the kind in the plural: 画面, screens.
func (n unitName) plural(l language) string {
	if l == japanese {
		return n.ja
	}
	return n.many
}

// fnNames name the function types.
var fnNames = [numFnTypes]unitName{
	fnScreen:      {"画面", "screen", "screens"},
	fnReport:      {"帳票", "report", "reports"},
	fnBatch:       {"バッチ", "batch job", "batch jobs"},
	fnAPI:         {"API", "API", "APIs"},
	fnIntegration: {"外部連携", "interface", "interfaces"},
	fnOther:       {"機能", "function", "functions"},
}

// reasoning explains the estimate: first the basis a client may read (the system's size, where
// it came from, the public figures it rests on, and this line's part), then, after a blank line,
// the steps of the calculation, which pages show folded.
func (c *calculation) reasoning(l language) string {
	basis := []string{
		bi{"オフライン見積り（AIを使用しない計算モデル）。", "Offline estimate (calculation model, no AI)."}.in(l),
		c.sizeSentence(l),
		c.developmentSentence(l),
		c.partSentence(l),
	}
	steps := c.phaseSteps(l)
	steps = append(steps, c.rangeSentence(l))
	return strings.Join(basis, "\n") + "\n\n" + strings.Join(steps, "\n")
}

// sizeSentence states the size of the system and where each figure came from.
func (c *calculation) sizeSentence(l language) string {
	s := c.sys
	if s.assumed {
		return fmt.Sprintf(bi{"システム規模：記載がないため%sと仮定。", "System size: not stated, so %s is assumed."}.in(l), c.unitsPhrase(l))
	}
	out := fmt.Sprintf(bi{"システム規模：%s", "System size: %s"}.in(l), c.unitsPhrase(l))
	var from []string
	for _, src := range []source{srcAnswers, srcRequirements, srcLine} {
		for _, sig := range sizeFacts {
			if s.counts.src[sig] == src || src == srcLine && c.anyOwnCount() {
				from = append(from, src.name(l))
				break
			}
		}
	}
	if len(from) > 0 {
		out += fmt.Sprintf(bi{"（%sによる）", " (from %s)"}.in(l), strings.Join(from, bi{"・", " and "}.in(l)))
	}
	if s.counts.has(sigUsers) {
		out += fmt.Sprintf(bi{"、利用者%s名", ", %s users"}.in(l), fmtInt(s.counts.n[sigUsers]))
	}
	return out + bi{"。", "."}.in(l)
}

// anyOwnCount reports whether some line states its own count.
func (c *calculation) anyOwnCount() bool {
	for _, l := range c.sys.lines {
		if l.ownCount {
			return true
		}
	}
	return false
}

// unitsPhrase lists the functions counted: "画面25・帳票5・外部連携1", "25 screens, 5 reports and 1 interface".
func (c *calculation) unitsPhrase(l language) string {
	var parts []string
	for fn, n := range c.sys.units {
		if n == 0 {
			continue
		}
		name := fnNames[fn]
		switch {
		case l == japanese:
			parts = append(parts, name.ja+fmtInt(n))
		case n == 1:
			parts = append(parts, "1 "+name.one)
		default:
			parts = append(parts, fmtInt(n)+" "+name.many)
		}
	}
	if l == japanese {
		return strings.Join(parts, "・")
	}
	if len(parts) > 1 {
		return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	}
	return strings.Join(parts, "")
}

// developmentSentence gives the development effort and the public figures behind it.
func (c *calculation) developmentSentence(l language) string {
	s := c.sys
	out := fmt.Sprintf(bi{
		"開発工数（基本設計〜総合テスト）%s人日：1機能あたり画面16.4・帳票9.8・バッチ7.7人日（IPAデータ白書の回帰分析、JUAS調査と同水準）、要件定義はその1/9（全体の約1割）",
		"Development effort (basic design to system test) %s person-days: 16.4 / 9.8 / 7.7 person-days per screen / report / batch job (a regression on IPA's white paper data, in line with JUAS), with requirements definition a ninth of that on top (about a tenth of the whole)"}.in(l),
		fmtDays(s.development))
	var factors []string
	if s.productivity != DefaultProductivity {
		factors = append(factors, fmt.Sprintf(bi{"生産性係数×%s", "productivity ×%s"}.in(l), fmtFactor(s.productivity)))
	}
	if s.users != 1000 {
		factors = append(factors, fmt.Sprintf(bi{"利用者数×%s", "users ×%s"}.in(l), fmtFactor(s.users)))
	}
	if s.complexity != 1000 {
		factors = append(factors, fmt.Sprintf(bi{"難易度×%s", "complexity ×%s"}.in(l), fmtFactor(s.complexity)))
	}
	if len(factors) > 0 {
		out += fmt.Sprintf(bi{"（%s を適用）", " (with %s)"}.in(l), strings.Join(factors, bi{"、", ", "}.in(l)))
	}
	return out + bi{"。", "."}.in(l)
}

// partSentence says which part of the system this line is.
func (c *calculation) partSentence(l language) string {
	sh := c.share
	switch sh.role.kind {
	case rolePhase:
		var names []string
		for _, f := range sh.owned {
			names = append(names, fmt.Sprintf(bi{"%s（%s）", "%s, %s"}.in(l), fineNames[f].in(l), fmtPercent(shareOfDevelopment(f))))
		}
		if len(names) == 0 {
			return bi{"この成果物の工程は、より具体的な成果物が担当するため、ここには計上しません。", "More specific deliverables cover this deliverable's phases, so nothing is counted here."}.in(l)
		}
		return fmt.Sprintf(bi{"この成果物はシステム全体の%sを担当（開発工数に対する比率、IPAデータ白書2018-2019）%s。", "This deliverable covers the whole system's %s of the development effort (IPA white paper 2018-2019)%s."}.in(l),
			strings.Join(names, bi{"・", "; "}.in(l)), c.sharedNote(l))
	case roleFunction:
		out := fmt.Sprintf(bi{"この成果物は%s%s件分", "This deliverable builds %[2]s %[1]s"}.in(l), fnNames[sh.role.fn].plural(l), fmtInt(sh.units))
		if len(sh.withPhase) > 0 {
			var names []string
			for _, f := range sh.withPhase {
				names = append(names, fineNames[f].in(l))
			}
			out += fmt.Sprintf(bi{"（%sは各工程の成果物に計上）", " (its %s are counted in the phase deliverables)"}.in(l), strings.Join(names, bi{"・", ", "}.in(l)))
		}
		return out + bi{"。", "."}.in(l)
	}
	return c.additionSentence(l)
}

// sharedNote says when a phase is shared with other deliverables of the same phase.
func (c *calculation) sharedNote(l language) string {
	n := len(c.sys.phaseOwners(c.share.owned[0]))
	if n <= 1 {
		return ""
	}
	return fmt.Sprintf(bi{"、同じ工程の成果物%d件で均等に分担", ", shared evenly by the %d deliverables of that phase"}.in(l), n)
}

// additionSentence explains the amount of work outside the development phases.
func (c *calculation) additionSentence(l language) string {
	s, sh := c.sys, c.share
	switch sh.role.add {
	case addUserManual:
		return fmt.Sprintf(bi{"マニュアル：基本3人日＋画面・帳票%s件×0.5人日（本モデルの慣行値）。", "Manual: 3 person-days plus 0.5 per screen or report, %s of them (a convention of this model)."}.in(l),
			fmtInt(s.units[fnScreen]+s.units[fnReport]))
	case addOpsManual:
		return fmt.Sprintf(bi{"運用マニュアル：基本3人日＋バッチ・外部連携%s件×1人日（本モデルの慣行値）。", "Operations manual: 3 person-days plus 1 per batch job or interface, %s of them (a convention of this model)."}.in(l),
			fmtInt(s.units[fnBatch]+s.units[fnIntegration]))
	case addMigration:
		if s.renewal {
			return bi{"データ移行：既存システムの刷新のため開発工数の20%（移行の設計・ツール開発、ITpro 2008）。", "Data migration: 20 % of the development effort, because an existing system is replaced (migration design and tooling, ITpro 2008)."}.in(l)
		}
		return bi{"データ移行：新規システムの初期データ投入として開発工数の5%（最低5人日、本モデルの慣行値）。", "Data migration: 5 % of the development effort for the initial data load of a new system (at least 5 person-days; a convention of this model)."}.in(l)
	case addInfrastructure:
		return bi{"環境構築：開発工数の5%（最低5人日、本モデルの慣行値）。", "Environments: 5 % of the development effort (at least 5 person-days; a convention of this model)."}.in(l)
	}
	return bi{"文書：開発工数の2%（最低2人日、本モデルの慣行値）。", "Document: 2 % of the development effort (at least 2 person-days; a convention of this model)."}.in(l)
}

// phaseSteps show the line's effort phase by phase.
func (c *calculation) phaseSteps(l language) []string {
	var out []string
	for f, v := range c.share.fine {
		if v > 0 {
			out = append(out, fmt.Sprintf(bi{"・%s：%s人日", "- %s: %s person-days"}.in(l), fineNames[f].in(l), fmtDays(v)))
		}
	}
	if c.share.role.kind == roleAddition {
		out = append(out, fmt.Sprintf(bi{"・工数：%s人日", "- effort: %s person-days"}.in(l), fmtDays(c.share.addition)))
	}
	if c.share.complex != 1000 {
		var words []string
		for _, h := range c.share.hits {
			words = append(words, quote(l, h.word))
		}
		out = append(out, fmt.Sprintf(bi{"・成果物の記述（%s）による難易度 ×%s を適用済み", "- complexity ×%s from the deliverable's own words (%s) applied"}.in(l),
			strings.Join(words, bi{"、", ", "}.in(l)), fmtFactor(c.share.complex)))
	}
	if c.capped {
		out = append(out, bi{"・1工程500人日の上限で打ち切り（成果物の分割を推奨）", "- capped at 500 person-days a phase (split the deliverable)"}.in(l))
	}
	out = append(out, fmt.Sprintf(bi{"・合計：%s人日", "- total: %s person-days"}.in(l), fmtDays(c.total)))
	return out
}

// rangeSentence states the range and why it is that wide.
func (c *calculation) rangeSentence(l language) string {
	out := fmt.Sprintf(bi{"見込み幅：%s、不確実性コーンにより×%s〜×%s", "Range: %s, so ×%s to ×%s by the cone of uncertainty"}.in(l),
		c.stage.name.in(l), fmtFactor(c.stage.low), fmtFactor(c.stage.high))
	if c.extraUp > 0 {
		out += fmt.Sprintf(bi{"、未回答の質問%d件で上側+%s", ", plus %[2]s above for %[1]d unanswered question(s)"}.in(l), len(c.sys.unanswered), fmtPercent(c.extraUp))
	}
	return out + fmt.Sprintf(bi{" → %s〜%s人日。", " → %s–%s person-days."}.in(l), fmtDays(c.optimistic), fmtDays(c.pessimistic))
}
