package offline

import (
	"crypto/sha256"
	"encoding/json"
	"sync"

	"estimator/llm"
)

// Sizer sizes tasks' systems and remembers the last few it sized. Sizing reads every line of the
// task, and a run estimates each line in a call of its own, with the whole task: sizing anew for
// each line made a run of n lines cost n² line readings (a 500-line task: 73 ms a line, half a
// minute in all). A sized system is never changed once made, so one may serve any number of calls
// at once.
type Sizer struct {
	mu     sync.Mutex
	recent []sizedTask // most recently used first
}

type sizedTask struct {
	key [sha256.Size]byte
	sys *system
}

// recentTasks is how many sized tasks a Sizer keeps: enough for the runs the workers estimate at
// once; a 500-line task's system takes some 250 kB.
const recentTasks = 16

// NewSizer returns an empty Sizer.
func NewSizer() *Sizer { return &Sizer{} }

// system returns t's system sized at productivity, from memory when the same task (every field
// of it: lines, requirements, answers) was sized at the same productivity lately.
func (z *Sizer) system(t llm.Task, productivity int64) *system {
	key, ok := taskKey(t, productivity)
	if !ok {
		return sizeSystem(t, productivity)
	}
	z.mu.Lock()
	for i, r := range z.recent {
		if r.key == key {
			copy(z.recent[1:i+1], z.recent[:i])
			z.recent[0] = r
			z.mu.Unlock()
			return r.sys
		}
	}
	z.mu.Unlock()
	// Sized outside the lock: two calls for one new task may both size it, which costs time once
	// but never blocks the calls for other tasks.
	s := sizeSystem(t, productivity)
	z.mu.Lock()
	defer z.mu.Unlock()
	z.recent = append([]sizedTask{{key: key, sys: s}}, z.recent[:min(len(z.recent), recentTasks-1)]...)
	return s
}

// taskKey names a task's content and the productivity exactly; ok is false if the task cannot
// be encoded, and then it is not remembered.
func taskKey(t llm.Task, productivity int64) (key [sha256.Size]byte, ok bool) {
	b, err := json.Marshal(struct {
		Task         llm.Task
		Productivity int64
	}{t, productivity})
	if err != nil {
		return key, false
	}
	return sha256.Sum256(b), true
}

// SizeOf sizes t as the offline engine does (OFFLINE.md §5–6). A size the model would only assume
// is not a stated fact: nothing is returned for it (ok false).
func (z *Sizer) SizeOf(t llm.Task) (size Size, ok bool) {
	s := z.system(t, DefaultProductivity)
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
func (z *Sizer) Reference(t llm.Task) []int64 {
	s := z.system(t, DefaultProductivity)
	out := make([]int64, len(s.lines))
	for i, l := range s.lines {
		for _, v := range l.phases() {
			out[i] += v
		}
	}
	return out
}
