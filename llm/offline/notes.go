package offline

import "fmt"

// assumptions lists what the estimate takes for granted: the size when none was stated, how
// system-wide counts were divided, the default answer to every question the estimate relies on
// that has not been answered, and the profile's own working assumptions. A default answer is
// not assumed when the requirements or answers speak of its topic: the model cannot read what
// they say, but must not contradict it.
func (c *calculation) assumptions(l language) []string {
	var out []string
	if c.sizeProf.measure != measureNone && c.sizeSrc == srcNone {
		out = append(out, fmt.Sprintf(bi{"規模は基準規模（%[2]s 約%[1]s）と仮定（数量の記載がないため）。", "Size: about %[1]s %[2]s, the model's reference size, because no count was stated."}.in(l),
			fmtInt(c.sizeProf.ref), measures[c.sizeProf.measure].unit.in(l)))
	}
	if c.share > 1 && c.usedShared() {
		out = append(out, fmt.Sprintf(bi{"システム全体の数量は、%[2]sの成果物%[1]d件で均等に分けると仮定。", "Counts stated for the whole system are divided evenly among the %[1]d %[2]s deliverables."}.in(l),
			c.share, c.prof.name.in(l)))
	}
	var covered [numTopics]bool
	for _, tp := range c.prof.topics {
		e := questionBank[tp]
		if c.known[tp] || c.mentioned[tp] || e.answeredBy != noSignal && c.counts.has(e.answeredBy) {
			continue
		}
		covered[tp] = true
		out = append(out, e.assumption.in(l))
	}
	for _, q := range c.unanswered {
		tp, ok := bankTopic(q)
		switch {
		case !ok:
			out = append(out, fmt.Sprintf(bi{"質問が未回答のため、%sは一般的なケースと仮定。", "Assumed (question unanswered): the common case for %s."}.in(l), quote(l, q)))
		case c.mentioned[tp]:
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

// usedShared reports whether a count that changes the line's effort is a share of a
// system-wide one.
func (c *calculation) usedShared() bool {
	shared := func(s signal) bool { return c.counts.has(s) && c.counts.src[s] != srcLine }
	for _, s := range measures[c.sizeProf.measure].signals {
		if shared(s) {
			return true
		}
	}
	return c.prof.integrations && shared(sigIntegrations)
}

// manyUsers is the number of users above which performance becomes a risk of its own.
const manyUsers = 1_000

// risks lists the profile's typical risks and those the task's figures call for.
func (c *calculation) risks(l language) []string {
	var out []string
	for _, r := range c.prof.risks {
		out = append(out, r.in(l))
	}
	if c.intFactor != 0 && c.counts.n[sigIntegrations] > 0 {
		out = append(out, bi{"連携先の仕様提示やテスト環境の準備が遅れ、結合テストが後ろ倒しになる。", "Partner specifications or test environments arrive late and push integration testing back."}.in(l))
	}
	if c.userFactor != 0 && c.counts.n[sigUsers] > manyUsers {
		out = append(out, bi{"利用者数が多く、応答時間の目標を満たすための性能チューニングが追加で必要になる。", "The number of users may require extra performance tuning to meet response-time targets."}.in(l))
	}
	if c.sizeFactor == maxSizeFactor || c.exact > maxTotal {
		out = append(out, bi{"規模がモデルの想定範囲を超えています。成果物を分割して見積ることを推奨。", "The size exceeds the range of the model; split the deliverable and estimate the parts."}.in(l))
	}
	if c.conf.level == levelLow {
		out = append(out, bi{"情報が少ないため、要件の確定後に見積りが大きく変わる可能性がある（確定後の再見積りを推奨）。", "Little is known yet; the estimate may change considerably once requirements are settled (re-estimate then)."}.in(l))
	}
	return out
}
