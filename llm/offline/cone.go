package offline

import "estimator/llm"

// stage is how much is known about the size, and the range of outcomes that knowledge allows:
// the cone of uncertainty (Boehm; McConnell) puts the final effort within 0.25–4× of an estimate
// at the initial concept, 0.5–2× once the product is defined, 0.67–1.5× once requirements are
// complete and 0.8–1.25× once the user interface is designed. Counts of screens and a few
// conditions are as much as a list of deliverables and its answers can say: the model never goes
// past requirements complete, and an offline estimate is never of high confidence.
type stage struct {
	low, high  int64 // per-mille of the estimate
	confidence string
	name       bi
}

var stages = [...]stage{
	{250, 4000, llm.ConfidenceLow, bi{"構想段階（規模は仮定）", "initial concept (size assumed)"}},
	{500, 2000, llm.ConfidenceLow, bi{"製品定義の段階（規模の一部を記載）", "product defined (some sizes stated)"}},
	{670, 1500, llm.ConfidenceMedium, bi{"要件がおおむね確定した段階（規模と条件を記載）", "requirements mostly complete (sizes and conditions stated)"}},
}

// Each unanswered question widens the range upwards, because the common case assumed for it is
// more often exceeded than undercut.
const (
	unansweredSpread    = 50 // per-mille per unanswered question
	maxUnansweredSpread = 250
)

// sizeFacts are the counts that describe the size and conditions of a system.
var sizeFacts = []signal{sigScreens, sigReports, sigBatches, sigAPIs, sigIntegrations, sigUsers}

// stageOf judges what is known: the size assumed; some of it stated (or part of it assumed); or
// the size with at least two more facts (reports, batch jobs, interfaces, users …) stated, nothing
// assumed and at most one question left unanswered.
func stageOf(s *system) stage {
	if s.assumed {
		return stages[0]
	}
	stated := 0
	for _, sig := range sizeFacts {
		if s.counts.has(sig) {
			stated++
		}
	}
	for _, l := range s.lines {
		if l.ownCount {
			stated++
		}
	}
	if stated >= 3 && len(s.unanswered) <= 1 && !s.partAssumed {
		return stages[2]
	}
	return stages[1]
}
