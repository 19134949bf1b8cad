package offline

import "fmt"

// assumptions lists what the estimate takes for granted: the size when none was stated, how
// functions were shared among lines, the productivity factor, the default answer to every
// question the estimate relies on that has not been answered, and the kind's own working
// assumptions. A default answer is not assumed when the requirements or answers speak of its
// topic: the model cannot read what they say, but must not contradict it.
func (c *calculation) assumptions(l language) []string {
	s := c.sys
	var out []string
	switch {
	case s.assumed:
		out = append(out, fmt.Sprintf(bi{"規模の記載がないため、%sの規模と仮定（規模が分かれば再見積りを推奨）。", "No size was stated, so %s is assumed (re-estimate once the size is known)."}.in(l),
			c.unitsPhrase(l)))
	case s.partAssumed:
		out = append(out, bi{"数量の記載がない種類の成果物は、1件あたり5機能と仮定。", "Deliverables of a kind whose count was not stated are assumed to build five functions each."}.in(l))
	}
	if sh := c.share; sh.role.kind == roleFunction && !sh.ownCount && s.sharing(sh.role.fn) > 1 {
		out = append(out, fmt.Sprintf(bi{"%[2]sは、同じ種類の成果物%[1]d件で均等に分担すると仮定。", "The %[2]s are shared evenly among the %[1]d deliverables of that kind."}.in(l),
			s.sharing(sh.role.fn), fnNames[sh.role.fn].plural(l)))
	}
	if s.productivity != DefaultProductivity {
		out = append(out, fmt.Sprintf(bi{"生産性係数×%s（設定値）を公開データの工数に適用。", "A productivity factor of ×%s (as configured) is applied to the public figures."}.in(l), fmtFactor(s.productivity)))
	}
	var covered [numTopics]bool
	for _, tp := range c.prof.topics {
		e := questionBank[tp]
		if s.known[tp] || s.mentioned[tp] || e.answeredBy != noSignal && s.counts.has(e.answeredBy) {
			continue
		}
		covered[tp] = true
		out = append(out, e.assumption.in(l))
	}
	for _, q := range s.unanswered {
		tp, ok := bankTopic(q)
		switch {
		case !ok:
			out = append(out, fmt.Sprintf(bi{"質問が未回答のため、%sは一般的なケースと仮定。", "Assumed (question unanswered): the common case for %s."}.in(l), quote(l, q)))
		case s.mentioned[tp]:
			out = append(out, fmt.Sprintf(bi{"質問が未回答のため、%sは要件の記載の範囲で一般的なケースと仮定。", "Assumed (question unanswered): the common case for %s, within what the requirements state."}.in(l), quote(l, q)))
		case !covered[tp]:
			covered[tp] = true
			out = append(out, bi{"質問が未回答のため、", "Assumed (question unanswered): "}.in(l)+questionBank[tp].assumption.in(l))
		}
	}
	for _, a := range c.prof.assumptions {
		out = append(out, a.in(l))
	}
	return out
}

// sharing counts the function lines of a type that state no count of their own, among which
// the system's functions of that type are shared.
func (s *system) sharing(fn fnType) int {
	n := 0
	for _, l := range s.lines {
		if l.role.kind == roleFunction && l.role.fn == fn && !l.ownCount {
			n++
		}
	}
	return n
}

// manyUsers is the number of users above which performance becomes a risk of its own.
const manyUsers = 1_000

// risks lists the kind's typical risks and those the task's figures call for.
func (c *calculation) risks(l language) []string {
	s := c.sys
	var out []string
	for _, r := range c.prof.risks {
		out = append(out, r.in(l))
	}
	if s.units[fnIntegration] > 0 && (c.share.role.covers(fineIntegration) || c.share.role.kind == roleFunction && c.share.role.fn == fnIntegration) {
		out = append(out, bi{"連携先の仕様提示やテスト環境の準備が遅れ、結合テストが後ろ倒しになる。", "Partner specifications or test environments arrive late and push integration testing back."}.in(l))
	}
	if s.counts.n[sigUsers] > manyUsers {
		out = append(out, bi{"利用者数が多く、応答時間の目標を満たすための性能チューニングが追加で必要になる。", "The number of users may require extra performance tuning to meet response-time targets."}.in(l))
	}
	if c.capped {
		out = append(out, bi{"規模がモデルの想定範囲を超えています。成果物を分割して見積ることを推奨。", "The size exceeds the range of the model; split the deliverable and estimate the parts."}.in(l))
	}
	if c.stage.confidence == stages[0].confidence {
		out = append(out, bi{"情報が少ないため、要件の確定後に見積りが大きく変わる可能性がある（確定後の再見積りを推奨）。", "Little is known yet; the estimate may change considerably once requirements are settled (re-estimate then)."}.in(l))
	}
	return out
}
