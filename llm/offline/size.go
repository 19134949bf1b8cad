package offline

// Size is the size of a task's system as its requirements, answers and deliverables state it, and
// the effort public data gives for it: what an engine that estimates by judgement is given as its
// anchor. Counts are 0 when not stated.
type Size struct {
	Screens, Reports, Batches, APIs, Interfaces, Users int64
	// ReferenceTenths is the whole system's requirements-to-system-test effort in tenths of a
	// person-day at the public figures' productivity; 0 when no size was stated.
	ReferenceTenths int64
}
