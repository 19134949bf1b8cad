package offline

import (
	"estimator/llm"
	"estimator/llm/internal/keyword"
)

// system is the whole estimate before it is given out to the lines: the facts, the functions
// the system is counted in, its development effort, and each line's role and share.
type system struct {
	facts
	productivity int64             // per-mille
	units        [numFnTypes]int64 // functions of each type, stated or assumed
	assumed      bool              // no size was stated: units are the model's assumption
	partAssumed  bool              // some was stated, but the functions of a line type were assumed
	complexity   int64             // per-mille, from the requirements and answers
	users        int64             // per-mille for the number of users
	development  int64             // tenths, basic design to system test, after every factor
	lines        []lineShare
}

// lineShare is one line's part: its role, the functions it builds (function lines), and its
// effort by fine phase, or its effort as an addition.
type lineShare struct {
	role      role
	units     int64 // function lines: how many functions of its type
	ownCount  bool  // the line states its own count
	fine      [numFine]int64
	addition  int64    // addition lines: tenths
	split     [5]int64 // addition lines: per-mille per estimate phase
	complex   int64    // per-mille from the line's own words
	hits      []complexityHit
	owned     []fine // phase lines: the phases it delivers for the whole system
	withPhase []fine // function lines: the phases a phase line delivers instead
}

// maxUnits bounds the functions of a type: a mistyped count ("100000画面") must not overflow the
// arithmetic; far below it, every phase of a line meets its own bound (500 person-days).
const maxUnits = 10_000

// The size used when nothing states one: a function line counts as a group of five functions of
// its type (an unrecognised one as one average function), and a list of phase deliverables alone
// as a small system of ten screens. Both are stated as assumptions and widen the range (cone.go).
const (
	assumedPerLine = 5
	assumedScreens = 10
)

// sizeSystem sizes the task's system and shares it among the lines: the function lines take
// their functions, the phase lines the phases they deliver for the whole system, and the
// additions their own amounts.
func sizeSystem(t llm.Task, productivity int64) *system {
	s := &system{facts: statedFacts(t), productivity: productivity}
	s.lines = make([]lineShare, len(t.Lines))
	for i, in := range t.Lines {
		name, desc := keyword.Fold(in.Name), keyword.Fold(in.Description)
		s.lines[i].role = roleOf(name, desc)
		s.lines[i].hits = findLineComplexity(name + "\n" + desc)
		s.lines[i].complex = complexityOf(s.lines[i].hits)
		if s.lines[i].role.kind == roleFunction {
			if sig := fnSignal[s.lines[i].role.fn]; sig != noSignal {
				if c := scanCounts(name+"\n"+desc, srcLine); c.has(sig) {
					s.lines[i].units, s.lines[i].ownCount = min(c.n[sig], maxUnits), true
				}
			}
		}
	}
	s.countUnits()
	s.complexity = complexityOf(findSystemComplexity(s.tx))
	s.users = 1000
	if s.counts.has(sigUsers) {
		s.users = userFactor(s.counts.n[sigUsers])
	}
	var dev int64
	for fn, n := range s.units {
		dev += n * s.perUnit(fnType(fn))
	}
	for _, f := range []int64{s.productivity, s.users, s.complexity} {
		dev = scaleBy(dev, f)
	}
	s.development = dev
	s.allocate()
	return s
}

// perUnit is the development effort of one function of type fn in this system. A website's
// screens are pages. An API of a system with screens is the server side of those screens, whose
// figure already includes it, so it adds nothing of its own; the API lines share the screens'
// effort instead (weights).
func (s *system) perUnit(fn fnType) int64 {
	switch {
	case fn == fnScreen && s.website:
		return pageTenths
	case fn == fnAPI && s.units[fnScreen] > 0:
		return 0
	}
	return fnTenths[fn]
}

// weights are the function lines' parts of the functions' effort, in tenths before the
// system's factors: each line's own functions, except that when API lines and screens are both
// present the screens' effort is shared half and half between the screen lines (the client
// side) and the API lines (the server side), the API lines by their number of APIs.
func (s *system) weights() []int64 {
	w := make([]int64, len(s.lines))
	apiLines := s.lineUnits(fnAPI)
	serverSide := s.units[fnScreen] > 0 && apiLines > 0
	for i, l := range s.lines {
		if l.role.kind != roleFunction {
			continue
		}
		w[i] = l.units * s.perUnit(l.role.fn)
		switch {
		case serverSide && l.role.fn == fnScreen:
			w[i] /= 2
		case serverSide && l.role.fn == fnAPI:
			w[i] = s.units[fnScreen] * s.perUnit(fnScreen) * l.units / apiLines / 2
		}
	}
	return w
}

// lineUnits sums the functions of type fn that function lines build.
func (s *system) lineUnits(fn fnType) int64 {
	var n int64
	for _, l := range s.lines {
		if l.role.kind == roleFunction && l.role.fn == fn {
			n += l.units
		}
	}
	return n
}

// countUnits settles how many functions of each type the system has, and how many each function
// line builds: the stated count, or at least what the lines state; the rest of a type shared
// evenly among its lines that state none. Without any stated size the model assumes one.
func (s *system) countUnits() {
	var ownSum [numFnTypes]int64
	var without [numFnTypes]int64
	functionLines := 0
	for _, l := range s.lines {
		if l.role.kind != roleFunction {
			continue
		}
		functionLines++
		if l.ownCount {
			ownSum[l.role.fn] = min(ownSum[l.role.fn]+l.units, maxUnits)
		} else {
			without[l.role.fn]++
		}
	}
	stated := false
	for fn := range numFnTypes {
		if sig := fnSignal[fn]; sig != noSignal && s.counts.has(sig) {
			s.units[fn], stated = s.counts.n[sig], true
		}
		stated = stated || ownSum[fn] > 0
		s.units[fn] = max(s.units[fn], ownSum[fn])
	}
	for fn := range numFnTypes {
		s.units[fn] = min(s.units[fn], maxUnits)
	}
	s.assumed = !stated
	for fn := range numFnTypes {
		if without[fn] > 0 && s.units[fn] == ownSum[fn] {
			perLine := int64(assumedPerLine)
			if fn == fnOther {
				perLine = 1 // an unrecognised deliverable: one average function
			}
			s.units[fn] += perLine * without[fn] // lines of a type nobody counted
			if stated && fn != fnOther {
				s.partAssumed = true
			}
		}
	}
	if functionLines == 0 && !stated {
		s.units[fnScreen] = assumedScreens
	}
	for i := range s.lines {
		l := &s.lines[i]
		if l.role.kind == roleFunction && !l.ownCount {
			l.units = shareOf(s.units[l.role.fn]-ownSum[l.role.fn], without[l.role.fn])
		}
	}
}

// allocate gives each line its effort. A phase with a phase deliverable belongs to it, for the
// whole system (split evenly when several deliver it, the most specific first: 単体テスト before
// プログラム開発's unit tests); a phase without one stays with the function lines, each for its
// own functions, those of functions no line builds going to the function lines in proportion.
// Nothing is counted twice, and a phase no line delivers is not in the estimate.
func (s *system) allocate() {
	var owners [numFine][]int
	for f := range numFine {
		owners[f] = s.phaseOwners(fine(f))
	}
	fnEffort, built := s.weights(), int64(0)
	for _, w := range fnEffort {
		built += w
	}
	for f := range numFine {
		total := scaleBy(s.development, shareOfDevelopment(fine(f)))
		if len(owners[f]) > 0 {
			for k, i := range owners[f] {
				s.lines[i].fine[f] = evenShare(total, int64(len(owners[f])), int64(k))
				s.lines[i].owned = append(s.lines[i].owned, fine(f))
			}
			continue
		}
		if built == 0 {
			continue
		}
		for i := range s.lines {
			if fnEffort[i] > 0 {
				s.lines[i].fine[f] = total * fnEffort[i] / built
			}
		}
	}
	for i := range s.lines {
		l := &s.lines[i]
		for f := range numFine {
			if l.role.kind == roleFunction && len(owners[f]) > 0 {
				l.withPhase = append(l.withPhase, fine(f))
			}
			l.fine[f] = scaleBy(l.fine[f], l.complex)
		}
		if l.role.kind == roleAddition {
			l.addition, l.split = s.additionOf(l.role.add, s.countOf(l.role.add))
			l.addition = scaleBy(l.addition, l.complex)
		}
	}
}

// phaseOwners returns the phase lines that deliver f: of those covering it, the ones covering
// the fewest phases.
func (s *system) phaseOwners(f fine) []int {
	var owners []int
	fewest := int(numFine) + 1
	for i, l := range s.lines {
		if l.role.kind != rolePhase || !l.role.covers(f) {
			continue
		}
		switch n := len(l.role.phases); {
		case n < fewest:
			owners, fewest = []int{i}, n
		case n == fewest:
			owners = append(owners, i)
		}
	}
	return owners
}

// countOf counts the addition lines of a kind, among which its amount is shared.
func (s *system) countOf(a addition) int64 {
	var n int64
	for _, l := range s.lines {
		if l.role.kind == roleAddition && l.role.add == a {
			n++
		}
	}
	return n
}

// additionOf is one addition line's effort, shared among the n lines of its kind, and its split
// over the estimate's phases, per-mille.
func (s *system) additionOf(a addition, n int64) (int64, [5]int64) {
	switch a {
	case addUserManual:
		perScreen := int64(userManualPerScreen)
		if s.website {
			perScreen = 0 // a CMS update guide does not grow with the pages
		}
		return shareOf(manualBase+perScreen*(s.units[fnScreen]+s.units[fnReport]), n), [5]int64{0, 0, 0, 0, 1000}
	case addOpsManual:
		return shareOf(manualBase+opsManualPerFunction*(s.units[fnBatch]+s.units[fnIntegration]), n), [5]int64{0, 0, 0, 0, 1000}
	case addMigration:
		rate := int64(migrationNewPerMille)
		if s.renewal {
			rate = migrationRenewalPerMille
		}
		return shareOf(max(scaleBy(s.development, rate), additionFloor), n), [5]int64{100, 200, 350, 350, 0}
	case addInfrastructure:
		return shareOf(max(scaleBy(s.development, infrastructurePerMille), additionFloor), n), [5]int64{0, 200, 600, 200, 0}
	}
	return shareOf(max(scaleBy(s.development, documentPerMille), documentFloor), n), [5]int64{300, 300, 0, 0, 400}
}

// phases returns a line's effort by the estimate's five phases, in tenths.
func (l lineShare) phases() [5]int64 {
	if l.role.kind == roleAddition {
		return splitPhases(l.addition, l.split)
	}
	var out [5]int64
	for f, v := range l.fine {
		out[phaseOf(fine(f))] += v
	}
	return out
}

// evenShare is the k-th of n even shares of total, the remainder going to the first shares, so
// the shares add up to total exactly.
func evenShare(total, n, k int64) int64 {
	share := total / n
	if k < total%n {
		share++
	}
	return share
}
