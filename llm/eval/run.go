package eval

import (
	"context"
	"fmt"

	"estimator/llm"
)

// Result is what an engine made of one case.
type Result struct {
	Case Case

	// The figures, over the lines estimated without error; in tenths of a person-day.
	Phases      [5]int64
	Total       int64
	Optimistic  int64 // Σ of the lines' optimistic totals
	Pessimistic int64 // Σ of the lines' pessimistic totals

	// The judgement against the case's bands; all false when a line failed, because a total
	// without that line is not an estimate of the case.
	InBand         bool       // Total inside Expect.Total
	Shares         [5]float64 // Phases / Total
	SharesInBand   [5]bool    // each share inside its band
	CoversMidpoint bool       // [Optimistic, Pessimistic] contains the midpoint of Expect.Total

	Calls        int // EstimateLine calls, failed ones included
	InputTokens  int
	OutputTokens int
	CostMicroUSD int64 // what the calls cost at the configured prices (RunPriced)
	Errors       []LineError
}

// LineError is a line the engine could not estimate.
type LineError struct {
	Line int // 0-based
	Name string
	Err  error
}

func (e LineError) Error() string { return fmt.Sprintf("line %d (%s): %v", e.Line+1, e.Name, e.Err) }

// Failed reports whether a line of the case could not be estimated.
func (r Result) Failed() bool { return len(r.Errors) > 0 }

// Run estimates every line of every case with engine, one call at a time so that the calls and
// tokens of a case are its own, and judges the sums against the case's bands. A line the engine
// fails is recorded in its result, never replaced by a number; Run itself fails only when ctx
// ends, because then the remaining cases were not run at all.
func Run(ctx context.Context, engine llm.Engine, cases []Case) ([]Result, error) {
	return RunPriced(ctx, engine, cases, nil)
}

// RunPriced is Run with the cost of every call, in micro-USD, from price (nil: nothing costs).
func RunPriced(ctx context.Context, engine llm.Engine, cases []Case, price func(llm.Usage) int64) ([]Result, error) {
	results := make([]Result, 0, len(cases))
	for _, c := range cases {
		r := Result{Case: c}
		task := c.Task()
		for i, line := range c.Lines {
			est, usage, err := engine.EstimateLine(ctx, task, i)
			r.Calls++
			r.InputTokens += usage.InputTokens
			r.OutputTokens += usage.OutputTokens
			if price != nil {
				r.CostMicroUSD += price(usage)
			}
			if ctxErr := ctx.Err(); ctxErr != nil {
				return nil, fmt.Errorf("eval: case %s stopped: %w", c.ID, ctxErr)
			}
			if err != nil {
				r.Errors = append(r.Errors, LineError{Line: i, Name: line.Name, Err: err})
				continue
			}
			for p, tenths := range est.Phases {
				r.Phases[p] += tenths
				r.Total += tenths
			}
			r.Optimistic += est.Optimistic
			r.Pessimistic += est.Pessimistic
		}
		r.judge()
		results = append(results, r)
	}
	return results, nil
}

// judge compares the sums with the bands, unless a line failed.
func (r *Result) judge() {
	if r.Failed() {
		return
	}
	band := r.Case.Expect.Total
	r.InBand = band.Contains(r.Total)
	// Doubled to stay in whole tenths: O ≤ (min+max)/2 ≤ P.
	mid2 := band.Min + band.Max
	r.CoversMidpoint = 2*r.Optimistic <= mid2 && mid2 <= 2*r.Pessimistic
	if r.Total <= 0 {
		return // nothing to share out
	}
	for p, tenths := range r.Phases {
		r.Shares[p] = float64(tenths) / float64(r.Total)
		r.SharesInBand[p] = r.Case.Expect.Phases[p].Contains(r.Shares[p])
	}
}
