package offline

import "estimator/llm"

// Size is the size of a task's system as its requirements, answers and deliverables state it, and
// the effort public data gives for it: what an engine that estimates by judgement is given as its
// anchor. Counts are 0 when not stated.
type Size struct {
	Screens, Reports, Batches, APIs, Interfaces, Users int64
	// ReferenceTenths is the whole system's requirements-to-system-test effort in tenths of a
	// person-day at the public figures' productivity; 0 when no size was stated.
	ReferenceTenths int64
}

// SizeOf sizes t as the offline engine does (OFFLINE.md §5–6). A size the model would only assume
// is not a stated fact: nothing is returned for it (ok false).
func SizeOf(t llm.Task) (size Size, ok bool) {
	s := sizeSystem(t, DefaultProductivity)
	if s.assumed {
		return Size{}, false
	}
	users := int64(0)
	if s.counts.has(sigUsers) {
		users = s.counts.n[sigUsers]
	}
	return Size{
		Screens: s.units[fnScreen], Reports: s.units[fnReport], Batches: s.units[fnBatch],
		APIs: s.units[fnAPI], Interfaces: s.units[fnIntegration], Users: users,
		ReferenceTenths: s.development + scaleBy(s.development, requirementsPerMille),
	}, true
}

// Reference returns each line's total in tenths of a person-day as the offline model gives it at
// the public figures' productivity: the usual size of a deliverable of its kind in this system,
// against which the plausibility check measures an estimate made another way.
func Reference(t llm.Task) []int64 {
	s := sizeSystem(t, DefaultProductivity)
	out := make([]int64, len(s.lines))
	for i, l := range s.lines {
		for _, v := range l.phases() {
			out[i] += v
		}
	}
	return out
}
