package offline

import (
	"fmt"
	"strings"

	"estimator/estimate"
	"estimator/llm"
	"estimator/llm/internal/keyword"
)

// Bounds of what an offline answer quotes from a line, so that it stays a chat message.
const (
	answerReasoningRunes = 200
	answerAssumptions    = 2
)

// answerFromEstimate answers a question from the estimate alone, deterministically: the phase
// the question names (its person-days and share of the total), or else the line it names (its
// phases and share), or else the split of the whole estimate by phase. It then quotes the
// stored basis of the most relevant line: the one named, or the one with the most days in the
// phase named. A phase word inside the name of the line named ("User manual") does not count
// as naming the phase.
func answerFromEstimate(lines []llm.ChatLine, message string, l language) string {
	var total int64
	for _, ln := range lines {
		total += lineDays(ln)
	}
	if total == 0 {
		return bi{"この見積りにはまだ工数がありません。", "This estimate has no person-days yet."}.in(l)
	}
	text := keyword.NormalizeMessage(message)
	line, named := namedLine(lines, text)
	if named {
		text = strings.ReplaceAll(text, keyword.NormalizeMessage(line.Name), " ")
	}
	phase := llm.FirstPhase(text)
	var parts []string
	switch {
	case phase >= 0 && named:
		parts = append(parts, phaseAnswer(lines, phase, total, l), fmt.Sprintf(bi{"そのうち%sは%s人日です。",
			"Of these, %s takes %s person-days."}.in(l), quote(l, line.Name), fmtDays(line.Phases[phase])))
	case phase >= 0:
		parts = append(parts, phaseAnswer(lines, phase, total, l))
		if line, named = largestIn(lines, phase); named {
			parts = append(parts, fmt.Sprintf(bi{"最も多いのは%sの%s人日です。", "The largest part is %s, with %s person-days."}.in(l),
				quote(l, line.Name), fmtDays(line.Phases[phase])))
		}
	case named:
		parts = append(parts, lineSummary(line, total, l))
	default:
		parts = append(parts, summaryAnswer(lines, total, l))
	}
	if named {
		parts = append(parts, basisAnswer(line, l)...)
	}
	return strings.Join(parts, "\n")
}

// phaseAnswer states a phase's person-days over all lines and its share of the total.
func phaseAnswer(lines []llm.ChatLine, phase int, total int64, l language) string {
	var days int64
	for _, ln := range lines {
		days += ln.Phases[phase]
	}
	return fmt.Sprintf(bi{"%[1]s工程は合計%[2]s人日で、見積り全体%[4]s人日の%[3]sです。",
		"The %s phase takes %s person-days in all, %s of the estimate's %s person-days."}.in(l),
		phaseLabels[phase].in(l), fmtDays(days), sharePercent(days, total), fmtDays(total))
}

// lineSummary states a line's person-days, phase by phase, and its share of the total.
func lineSummary(ln llm.ChatLine, total int64, l language) string {
	days := lineDays(ln)
	byPhase := make([]string, len(ln.Phases))
	for p, d := range ln.Phases {
		byPhase[p] = phaseLabels[p].in(l) + " " + fmtDays(d)
	}
	return fmt.Sprintf(bi{"%[1]sは合計%[2]s人日（%[3]s）で、見積り全体%[5]s人日の%[4]sです。",
		"%s takes %s person-days (%s), %s of the estimate's %s person-days."}.in(l),
		quote(l, ln.Name), fmtDays(days), strings.Join(byPhase, bi{"、", ", "}.in(l)), sharePercent(days, total), fmtDays(total))
}

// summaryAnswer splits the whole estimate by phase.
func summaryAnswer(lines []llm.ChatLine, total int64, l language) string {
	var byPhase [5]int64
	for _, ln := range lines {
		for p, d := range ln.Phases {
			byPhase[p] += d
		}
	}
	parts := make([]string, len(byPhase))
	for p, d := range byPhase {
		parts[p] = fmt.Sprintf(bi{"%s %s人日（%s）", "%s %s person-days (%s)"}.in(l), phaseLabels[p].in(l), fmtDays(d), sharePercent(d, total))
	}
	return fmt.Sprintf(bi{"工程別の内訳は、%sで、合計%s人日です。", "By phase: %s; %s person-days in all."}.in(l),
		strings.Join(parts, bi{"、", ", "}.in(l)), fmtDays(total))
}

// basisAnswer quotes the stored reasoning of a line and its first assumptions.
func basisAnswer(ln llm.ChatLine, l language) []string {
	var out []string
	if r := keyword.CollapseSpace(ln.Reasoning); r != "" {
		out = append(out, fmt.Sprintf(bi{"%sの見積りの根拠：%s", "Basis of the estimate of %s: %s"}.in(l),
			quote(l, ln.Name), keyword.TruncateRunes(r, answerReasoningRunes)))
	}
	if as := ln.Assumptions[:min(len(ln.Assumptions), answerAssumptions)]; len(as) > 0 {
		out = append(out, bi{"前提：", "Assumptions: "}.in(l)+strings.Join(as, bi{"／", "; "}.in(l)))
	}
	return out
}

// namedLine is the line whose name the question contains; the longest name wins, so that
// "ユーザーマニュアル" is found rather than a line called "マニュアル".
func namedLine(lines []llm.ChatLine, text string) (llm.ChatLine, bool) {
	var best llm.ChatLine
	found := false
	for _, ln := range lines {
		name := keyword.NormalizeMessage(ln.Name)
		if name != "" && keyword.Contains(text, name) && (!found || len(name) > len(keyword.NormalizeMessage(best.Name))) {
			best, found = ln, true
		}
	}
	return best, found
}

// largestIn is the line with the most days in phase, the first of equals; none when no line
// has any.
func largestIn(lines []llm.ChatLine, phase int) (llm.ChatLine, bool) {
	var best llm.ChatLine
	for _, ln := range lines {
		if ln.Phases[phase] > best.Phases[phase] {
			best = ln
		}
	}
	return best, best.Phases[phase] > 0
}

// lineDays is the sum of a line's phases, in tenths.
func lineDays(ln llm.ChatLine) int64 {
	var sum int64
	for _, d := range ln.Phases {
		sum += d
	}
	return sum
}

// sharePercent writes part as a percentage of total, which is positive, to one decimal: 225 of
// 1000 → "22.5%".
func sharePercent(part, total int64) string {
	return fmtPercent(estimate.Round(part*1000, total, estimate.RoundHalfUp))
}
