package offline

import (
	"context"
	"strconv"
	"strings"

	"estimator/estimate"
	"estimator/llm"
)

// offlineProposals turns an adjustment the rules understood into proposal cards, using the
// estimate package's own operations on the revision: the same budget fitting, scaling and
// discount as the quick adjustments, so an offline card and a quick action agree to the yen. It
// returns no proposals, and a reply saying why, when the request cannot be priced (an amount
// without a figure, a name that matches no line).
func (o *Engine) offlineProposals(ctx context.Context, req llm.ChatRequest, in llm.Intent, l language) (string, []llm.Proposal) {
	doc := chatDocument(req)
	switch in.Kind {
	case llm.IntentReduce:
		if in.TargetDeltaMinor >= 0 {
			return bi{chatNeedAmountJA, chatNeedAmountEN}.in(l), nil
		}
		return bi{"次の案を用意しました。", "Here are some ways to get there."}.in(l), reduceProposals(doc, in.TargetDeltaMinor, l)
	case llm.IntentIncrease:
		if in.TargetDeltaMinor <= 0 {
			return bi{chatNeedAmountJA, chatNeedAmountEN}.in(l), nil
		}
		return bi{"品質を高める案を用意しました。", "Here are ways to use it for quality."}.in(l), increaseProposals(doc, in.TargetDeltaMinor, l)
	case llm.IntentStrengthen:
		return bi{"強化の案を用意しました。", "Here are ways to strengthen it."}.in(l), strengthenProposals(doc, in.Phase, l)
	case llm.IntentRemove:
		keys := keysNamed(doc, in.Keyword)
		if len(keys) == 0 {
			return bi{"「" + in.Keyword + "」に当たる成果物が見積りにありません。", "No deliverable in the estimate matches “" + in.Keyword + "”."}.in(l), nil
		}
		return bi{"次の案を用意しました。", "Here is the change."}.in(l), []llm.Proposal{removeProposal(doc, keys, l)}
	case llm.IntentAddLine:
		p, err := o.additionProposal(ctx, req, in.Keyword, l)
		if err != nil {
			return bi{"追加する成果物を見積もれませんでした。", "The new deliverable could not be estimated."}.in(l), nil
		}
		return bi{"次の案を用意しました。", "Here is the change."}.in(l), []llm.Proposal{p}
	case llm.IntentUnitCost:
		if in.UnitCostMinor <= 0 {
			return bi{chatNeedAmountJA, chatNeedAmountEN}.in(l), nil
		}
		return bi{"次の案を用意しました。", "Here is the change."}.in(l), []llm.Proposal{{
			Title:         bi{"人日単価の変更", "Change the unit cost"}.in(l),
			Description:   bi{"全成果物の人日単価を変更します。工数は変わりません。", "Every deliverable gets the new cost per person-day; the effort stays as it is."}.in(l),
			UnitCostMinor: in.UnitCostMinor,
		}}
	}
	return bi{chatHelpJA, chatHelpEN}.in(l), nil
}

// The reply to a request for a change of price that names no amount.
const (
	chatNeedAmountJA = "いくら増減させたいかを、金額か割合で教えてください（例：「30万円安く」「1割下げて」）。"
	chatNeedAmountEN = "Say by how much, as an amount or a share (for example “¥300,000 cheaper” or “10% less”)."
)

// chatDocument is the revision of a chat request as the estimate package computes it. Lines are
// keyed by their position, which is what proposals refer to.
func chatDocument(req llm.ChatRequest) estimate.Document {
	doc := estimate.Document{ContingencyBP: req.Totals.ContingencyBP, DiscountMinor: req.Totals.DiscountMinor, TaxRateBP: req.Totals.TaxRateBP}
	for _, ln := range req.Lines {
		days := lineDays(ln)
		doc.Lines = append(doc.Lines, estimate.Line{
			Key: strconv.Itoa(ln.Position), Name: ln.Name, Description: ln.Description,
			Effort:        estimate.Effort{Phases: ln.Phases, Optimistic: days, Pessimistic: days},
			UnitCostMinor: ln.UnitCostMinor, Confidence: estimate.Confidence(ln.Confidence),
		})
	}
	return doc
}

// reduceProposals are three ways to take the amount off the subtotal: trim what a seller trims
// first, scale everything alike, or a special discount with the effort untouched.
func reduceProposals(doc estimate.Document, target int64, l language) []llm.Proposal {
	tot, err := doc.Totals()
	if err != nil {
		return nil
	}
	budget := estimate.Budget{CapMinor: tot.SubtotalMinor + target}
	var out []llm.Proposal
	budget.Method = estimate.BudgetPriority
	if fit, err := doc.FitBudget(budget); err == nil {
		out = append(out, llm.Proposal{
			Title: bi{"ドキュメントと低リスクのテストを絞る", "Trim documentation and low-risk testing"}.in(l),
			Description: bi{"マニュアル類の作り込みと、実績のある部分のテストを減らします。設計・開発と高リスク部分のテストは守ります。納品ドキュメントの簡素化について顧客の合意が必要です。",
				"Less polish on manuals and less testing of well-understood parts; design, build and the testing of risky parts are kept. The client has to accept simpler documents."}.in(l),
			Changes: changesBetween(doc, fit.Document, bi{"優先度の低い作業を削減", "lower-priority work trimmed"}.in(l)),
		})
	}
	budget.Method = estimate.BudgetScale
	if fit, err := doc.FitBudget(budget); err == nil {
		factor := estimate.FactorString(fit.FactorPPM)
		out = append(out, llm.Proposal{
			Title: bi{"全体の工数を一律で圧縮（×" + factor + "）", "Compress every deliverable alike (×" + factor + ")"}.in(l),
			Description: bi{"範囲は変えずに全成果物の工数を同じ割合で減らします。作業の密度が上がるため、スケジュールと品質のリスクが増えます。",
				"The scope stays; every deliverable's effort shrinks by the same share. The work gets denser, so schedule and quality risk grow."}.in(l),
			Changes: changesBetween(doc, fit.Document, bi{"一律 ×" + factor, "scaled ×" + factor}.in(l)),
		})
	}
	out = append(out, llm.Proposal{
		Title: bi{"出精値引で対応", "A special discount"}.in(l),
		Description: bi{"工数と範囲はそのままで、出精値引として差額を引きます。利益が減るため、継続案件などの見込みがある場合に向きます。",
			"Effort and scope stay as they are; the difference is taken off as a discount. It costs margin, so it suits a client with follow-up work in view."}.in(l),
		DiscountMinor: -target,
	})
	return out
}

// increaseProposals spend an added budget on quality: more testing, more design review and
// testing, or a security and performance check of its own.
func increaseProposals(doc estimate.Document, target int64, l language) []llm.Proposal {
	days := daysFor(doc, target)
	return []llm.Proposal{
		{
			Title:       bi{"テストの強化", "More testing"}.in(l),
			Description: bi{"全成果物のテスト工数を増やし、テストケースの網羅性と回帰テストを厚くします。", "More testing on every deliverable: wider test cases and regression testing."}.in(l),
			Changes:     spread(doc, days, []int{llm.PhaseTesting}, bi{"テストを強化", "testing strengthened"}.in(l)),
		},
		{
			Title:       bi{"設計レビューとテストの強化", "More design review and testing"}.in(l),
			Description: bi{"設計レビューとテストの両方に工数を足し、手戻りを早い段階で減らします。", "Effort added to both design review and testing, so rework is caught earlier."}.in(l),
			Changes:     spread(doc, days, []int{llm.PhaseDesign, llm.PhaseTesting}, bi{"設計レビューとテストを強化", "review and testing strengthened"}.in(l)),
		},
		{
			Title:       bi{"セキュリティ・性能検証を追加", "Add security and performance checks"}.in(l),
			Description: bi{"脆弱性診断と負荷テストを独立した成果物として追加します。", "A vulnerability assessment and a load test, as a deliverable of their own."}.in(l),
			Additions: []llm.LineAddition{{
				Name:   bi{"セキュリティ診断・性能検証", "Security and performance checks"}.in(l),
				Phases: splitDays(days, [5]int64{0, 15, 0, 75, 10}),
				Reason: bi{"品質を高めるための追加", "added for quality"}.in(l),
			}},
		},
	}
}

// strengthenProposals add effort to one phase: on every line, or on the riskier lines only.
func strengthenProposals(doc estimate.Document, phase int, l language) []llm.Proposal {
	if phase < 0 {
		phase = llm.PhaseTesting
	}
	all := scalePhase(doc, phase, func(estimate.Line) bool { return true }, 12000)
	risky := scalePhase(doc, phase, func(ln estimate.Line) bool { return ln.Confidence != estimate.High }, 13000)
	out := []llm.Proposal{{
		Title:       bi{"全成果物で2割増し", "20% more on every deliverable"}.in(l),
		Description: bi{"すべての成果物のこの工程を2割増やします。", "This phase of every deliverable gets a fifth more effort."}.in(l),
		Changes:     changesBetween(doc, all, bi{"2割増し", "+20%"}.in(l)),
	}}
	if changes := changesBetween(doc, risky, bi{"リスクの高い成果物を3割増し", "+30% on a riskier deliverable"}.in(l)); len(changes) > 0 {
		out = append(out, llm.Proposal{
			Title:       bi{"リスクの高い成果物だけ3割増し", "30% more on the riskier deliverables"}.in(l),
			Description: bi{"確度が中・低の成果物に絞って、この工程を3割増やします。", "Only the deliverables estimated with medium or low confidence get 30% more in this phase."}.in(l),
			Changes:     changes,
		})
	}
	return out
}

// removeProposal drops the lines with the keys.
func removeProposal(doc estimate.Document, keys []string, l language) llm.Proposal {
	p := llm.Proposal{Title: bi{"成果物を外す", "Remove deliverables"}.in(l),
		Description: bi{"次の成果物を見積りから外します。必要になった場合は別途お見積りとなります。",
			"These deliverables leave the estimate; if they are needed later, they are quoted separately."}.in(l)}
	for _, k := range keys {
		pos, _ := strconv.Atoi(k)
		p.Changes = append(p.Changes, llm.LineChange{Position: pos, Remove: true, Reason: bi{"ご要望により除外", "removed on request"}.in(l)})
	}
	return p
}

// additionProposal estimates the new deliverable with the offline model, as if it had been listed
// with the others.
func (o *Engine) additionProposal(ctx context.Context, req llm.ChatRequest, name string, l language) (llm.Proposal, error) {
	name = strings.TrimSpace(name)
	if r := []rune(name); len(r) > 0 && l == english {
		name = strings.ToUpper(string(r[0])) + string(r[1:])
	}
	t := req.Task
	t.Lines = []llm.LineInput{{Name: name}}
	est, _, err := o.EstimateLine(ctx, t, 0)
	if err != nil {
		return llm.Proposal{}, err
	}
	return llm.Proposal{
		Title:       bi{"「" + name + "」を追加", "Add “" + name + "”"}.in(l),
		Description: est.Reasoning,
		Additions:   []llm.LineAddition{{Name: name, Phases: est.Phases, Reason: bi{"ご要望により追加", "added on request"}.in(l)}},
	}, nil
}

// keysNamed finds the lines a removal names: by the word as typed, then by its singular
// ("manuals" → "manual"), then by the same word in the other language ("manual" ↔ "マニュアル"),
// so that "remove the manuals" works on an estimate whose deliverables have Japanese names.
func keysNamed(doc estimate.Document, keyword string) []string {
	word := strings.ToLower(strings.TrimSpace(keyword))
	candidates := []string{word, strings.TrimSuffix(word, "s"), strings.TrimSuffix(word, "es")}
	for _, c := range candidates[:] {
		for _, pair := range deliverableWords {
			if c == pair[0] || c == pair[1] {
				candidates = append(candidates, pair[0], pair[1])
			}
		}
	}
	for _, c := range candidates {
		if keys := doc.KeysMatching(c); len(keys) > 0 {
			return keys
		}
	}
	return nil
}

// deliverableWords are the usual words in deliverable names, English and Japanese, for matching
// a request in one language against names in the other.
var deliverableWords = [][2]string{
	{"manual", "マニュアル"}, {"document", "書"}, {"test", "テスト"}, {"testing", "テスト"},
	{"design", "設計"}, {"requirement", "要件"}, {"requirements", "要件定義"}, {"training", "研修"},
	{"migration", "移行"}, {"report", "帳票"}, {"batch", "バッチ"}, {"screen", "画面"},
}

// changesBetween lists the lines whose phases differ between two versions of a document keyed
// by position, with their new phases.
func changesBetween(before, after estimate.Document, reason string) []llm.LineChange {
	var out []llm.LineChange
	for i, ln := range after.Lines {
		if i < len(before.Lines) && ln.Effort.Phases != before.Lines[i].Effort.Phases {
			pos, _ := strconv.Atoi(ln.Key)
			out = append(out, llm.LineChange{Position: pos, Phases: ln.Effort.Phases, Reason: reason})
		}
	}
	return out
}

// scalePhase multiplies one phase of the lines that pick accepts by bp/10000, rounded half up.
func scalePhase(doc estimate.Document, phase int, pick func(estimate.Line) bool, bp int64) estimate.Document {
	out := doc.Clone()
	for i, ln := range out.Lines {
		if pick(ln) {
			out.Lines[i].Effort.Phases[phase] = min(estimate.Round(ln.Effort.Phases[phase]*bp, 10000, estimate.RoundHalfUp), llm.MaxPhaseTenths)
		}
	}
	return out
}

// spread adds days (tenths) to the given phases of every line, in proportion to each line's
// effort in them; the caller fits the result to the target.
func spread(doc estimate.Document, days int64, phases []int, reason string) []llm.LineChange {
	var base int64
	for _, ln := range doc.Lines {
		for _, p := range phases {
			base += ln.Effort.Phases[p]
		}
	}
	var out []llm.LineChange
	for _, ln := range doc.Lines {
		next := ln.Effort.Phases
		for _, p := range phases {
			if base > 0 {
				next[p] = min(next[p]+estimate.Round(days*ln.Effort.Phases[p], base, estimate.RoundHalfUp), llm.MaxPhaseTenths)
			}
		}
		if next != ln.Effort.Phases {
			pos, _ := strconv.Atoi(ln.Key)
			out = append(out, llm.LineChange{Position: pos, Phases: next, Reason: reason})
		}
	}
	return out
}

// daysFor is the effort (tenths) that an amount buys at the document's first unit cost.
func daysFor(doc estimate.Document, minor int64) int64 {
	if len(doc.Lines) == 0 || doc.Lines[0].UnitCostMinor <= 0 {
		return 0
	}
	return estimate.Round(minor*10, doc.Lines[0].UnitCostMinor, estimate.RoundHalfUp)
}

// splitDays divides days (tenths) by percentages per phase; the remainder of the rounding goes
// to the largest share.
func splitDays(days int64, percent [5]int64) [5]int64 {
	var out [5]int64
	var used int64
	largest := 0
	for p, pc := range percent {
		out[p] = days * pc / 100
		used += out[p]
		if pc > percent[largest] {
			largest = p
		}
	}
	out[largest] += days - used
	return out
}
