package estimate

import "fmt"

// Bounds of an effort, in tenths of a person-day.
const (
	// MaxPhaseTenths is the most one phase of one deliverable may take: 500.0 person-days. A
	// larger number is a mistake, or a deliverable that should be split before it is priced.
	MaxPhaseTenths = 5000
	// MaxTotalTenths bounds the optimistic and pessimistic totals: every phase at its maximum.
	MaxTotalTenths = PhaseCount * MaxPhaseTenths
)

// tenthsPerDay converts tenths of a person-day to person-days.
const tenthsPerDay = 10

// Effort is an estimate of one deliverable's work: the most likely effort of each phase, and a
// range around their sum from the best case to the worst.
type Effort struct {
	Phases                  [PhaseCount]int64 // tenths per phase, indexed by Phase
	Optimistic, Pessimistic int64             // tenths, totals over all phases
}

// Days returns the sum of the phases in tenths: the most likely total. The sum is exact for any
// effort within the bounds (after Normalize, or when Validate passes); Line.Amount and
// Document.Totals check the bounds before they use it.
func (e Effort) Days() int64 {
	var sum int64
	for _, v := range e.Phases {
		sum += v
	}
	return sum
}

// Normalize returns e repaired into a usable estimate, and one message per change for the logs.
// Each phase is clamped to 0..MaxPhaseTenths and each range end to 0..MaxTotalTenths. Then the
// range is repaired by ordering the three totals: the smallest of optimistic, Days() and
// pessimistic becomes optimistic and the largest pessimistic, so a reversed range is swapped
// and a range that misses Days() is widened to include it. An effort whose phases are all zero
// stays so: there is no number to recover, and Validate still reports it.
func (e Effort) Normalize() (Effort, []string) {
	var changes []string
	note := func(what string, from, to int64) {
		changes = append(changes, fmt.Sprintf("%s: %s -> %s person-days", what, formatDays(from), formatDays(to)))
	}
	for p, v := range e.Phases {
		if c := clamp(v, MaxPhaseTenths); c != v {
			note(Phase(p).Key(), v, c)
			e.Phases[p] = c
		}
	}
	opt := clamp(e.Optimistic, MaxTotalTenths)
	pess := clamp(e.Pessimistic, MaxTotalTenths)
	days := e.Days()
	opt, pess = min(opt, days, pess), max(opt, days, pess)
	if opt != e.Optimistic {
		note("optimistic", e.Optimistic, opt)
	}
	if pess != e.Pessimistic {
		note("pessimistic", e.Pessimistic, pess)
	}
	e.Optimistic, e.Pessimistic = opt, pess
	return e, changes
}

// WithPhases returns e with new phases and its range rescaled to them: each end keeps its ratio
// to the most likely total, opt' = round_half_up(days' × opt / days), so a line cut by a third
// keeps a range that is a third narrower rather than one that no longer encloses it. An effort
// without days has no ratio to keep, so its range collapses onto the new days. The ends are then
// clamped so that opt' <= days' <= pess', all within 0..MaxTotalTenths.
//
// Phases outside 0..MaxPhaseTenths are kept as given, for Validate to report; the rescaling
// counts them clamped, which bounds every operand by MaxTotalTenths and every product far
// below the int64 limit, so no step can overflow.
func (e Effort) WithPhases(p [PhaseCount]int64) Effort {
	before := e.boundedDays()
	e.Phases = p
	after := e.boundedDays()
	opt, pess := after, after
	if before > 0 {
		opt = Round(clamp(e.Optimistic, MaxTotalTenths)*after, before, RoundHalfUp)
		pess = Round(clamp(e.Pessimistic, MaxTotalTenths)*after, before, RoundHalfUp)
	}
	e.Optimistic = min(opt, after)
	e.Pessimistic = min(max(pess, after), MaxTotalTenths)
	return e
}

// boundedDays returns the sum of the phases each clamped to 0..MaxPhaseTenths: Days for any
// effort within the bounds, and at most MaxTotalTenths for any other.
func (e Effort) boundedDays() int64 {
	var sum int64
	for _, v := range e.Phases {
		sum += clamp(v, MaxPhaseTenths)
	}
	return sum
}

// clamp returns v limited to 0..hi.
func clamp(v, hi int64) int64 {
	return min(max(v, 0), hi)
}

// Validate returns nil for a usable estimate, or the first rule e breaks: a phase negative or
// above MaxPhaseTenths (ErrPhaseOutOfRange), no effort at all (ErrNoEffort), or a range out of
// bounds or not containing Days() (ErrInvalidRange). The message states the rule and the numbers
// in person-days, because it is sent back to a model to ask for a corrected answer.
func (e Effort) Validate() error {
	if err := e.checkPhases(); err != nil {
		return err
	}
	days := e.Days()
	if days == 0 {
		return fmt.Errorf("%w: every phase is 0; at least one phase needs more than 0 person-days", ErrNoEffort)
	}
	if err := e.checkRangeBounds(); err != nil {
		return err
	}
	if e.Optimistic > days || days > e.Pessimistic {
		return fmt.Errorf("%w: optimistic %s and pessimistic %s person-days must enclose the sum of the phases, %s (optimistic <= sum <= pessimistic)",
			ErrInvalidRange, formatDays(e.Optimistic), formatDays(e.Pessimistic), formatDays(days))
	}
	return nil
}

// checkPhases reports the first phase outside 0..MaxPhaseTenths.
func (e Effort) checkPhases() error {
	for p, v := range e.Phases {
		if v < 0 || v > MaxPhaseTenths {
			return fmt.Errorf("%w: %s is %s person-days; each phase must be between 0 and %s",
				ErrPhaseOutOfRange, Phase(p).Key(), formatDays(v), formatDays(MaxPhaseTenths))
		}
	}
	return nil
}

// checkRangeBounds reports an optimistic or pessimistic total outside 0..MaxTotalTenths.
func (e Effort) checkRangeBounds() error {
	for _, end := range []struct {
		name   string
		tenths int64
	}{{"optimistic", e.Optimistic}, {"pessimistic", e.Pessimistic}} {
		if end.tenths < 0 || end.tenths > MaxTotalTenths {
			return fmt.Errorf("%w: %s is %s person-days; it must be between 0 and %s",
				ErrInvalidRange, end.name, formatDays(end.tenths), formatDays(MaxTotalTenths))
		}
	}
	return nil
}

// formatDays writes tenths of a person-day as a decimal ("-0.5", "12.0") for error and log
// messages; formatting for people belongs to the i18n package.
func formatDays(tenths int64) string {
	sign, u := "", uint64(tenths)
	if tenths < 0 {
		// Negating the unsigned value also works for math.MinInt64.
		sign, u = "-", -u
	}
	return fmt.Sprintf("%s%d.%d", sign, u/tenthsPerDay, u%tenthsPerDay)
}
