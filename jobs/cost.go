package jobs

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"estimator/llm"
	"estimator/store"
)

// Price is what a model's tokens cost, in micro-USD per million tokens.
type Price struct {
	InputPerMillionMicroUSD int64
	// CachedInputPerMillionMicroUSD is the rate of the input tokens the provider served from its
	// prompt cache; 0 means none is configured, and they cost as much as other input.
	CachedInputPerMillionMicroUSD int64
	OutputPerMillionMicroUSD      int64
}

// DefaultPrices returns the prices used when Config.Prices is nil: gpt-4o-mini at US$0.15 per
// million input tokens, US$0.075 per million cached input tokens and US$0.60 per million output
// tokens. A new map each time, so a caller may change it.
func DefaultPrices() map[string]Price {
	return map[string]Price{
		"gpt-4o-mini": {InputPerMillionMicroUSD: 150_000, CachedInputPerMillionMicroUSD: 75_000, OutputPerMillionMicroUSD: 600_000},
	}
}

// tokensPerMillion is the unit of Price.
const tokensPerMillion = 1_000_000

// Cost returns what usage cost in micro-USD: the uncached input, the cached input and the output,
// each at its rate, summed and then rounded up, so that a call that used tokens never counts as
// free against a spending cap.
func (p Price) Cost(u llm.Usage) int64 {
	cachedRate := p.CachedInputPerMillionMicroUSD
	if cachedRate == 0 {
		cachedRate = p.InputPerMillionMicroUSD
	}
	cached := int64(min(max(u.CachedInputTokens, 0), u.InputTokens))
	total := (int64(u.InputTokens)-cached)*p.InputPerMillionMicroUSD + cached*cachedRate +
		int64(u.OutputTokens)*p.OutputPerMillionMicroUSD
	return (total + tokensPerMillion - 1) / tokensPerMillion
}

// recordCall records how one engine call ended: it completes the row stored when the call started
// (recordID), or stores a whole row when none was (recordID 0). A model without a price is
// recorded at 0 with a warning, so that the operator adds its price. A failure to record is
// logged and does not fail the unit: the estimate matters more than its bookkeeping.
func (r *Runner) recordCall(ctx context.Context, job store.Job, log *slog.Logger, recordID int64, u llm.Usage,
	elapsed time.Duration, callErr error) {
	c, priced := r.modelCall(job, u)
	if !priced && (u.InputTokens > 0 || u.OutputTokens > 0) {
		log.Warn("no price for model; its cost is recorded as 0", "model", u.Model)
	}
	if c.Duration == 0 {
		c.Duration = elapsed
	}
	c.Status = store.CallOK
	if callErr != nil {
		c.Status, c.Error = store.CallError, errorClass(callErr)
	}
	var err error
	if recordID != 0 {
		err = r.store.FinishModelCall(ctx, recordID, c)
	} else {
		err = r.store.RecordModelCall(ctx, c, r.cfg.Now())
	}
	if err != nil {
		log.Error("record model call", "err", err)
	}
	r.cfg.Metrics.ModelCall(c) // the call was made, recorded or not
}

// modelCall is the record of a call of job's engine that used (or, at its start, is expected to
// use) u, priced at the configured price: the offline engine costs nothing. priced is false when
// the model has no price; its cost is then 0.
func (r *Runner) modelCall(job store.Job, u llm.Usage) (c store.ModelCall, priced bool) {
	c = store.ModelCall{
		TaskID:            job.TaskID,
		JobID:             job.ID,
		Operation:         job.Kind,
		Provider:          r.engineFor(job).Name(),
		Model:             u.Model,
		InputTokens:       u.InputTokens,
		CachedInputTokens: u.CachedInputTokens,
		OutputTokens:      u.OutputTokens,
		Duration:          u.Duration,
	}
	if r.engineFor(job).Offline() {
		return c, true
	}
	price, priced := r.cfg.Prices[u.Model]
	c.CostMicroUSD = price.Cost(u)
	return c, priced
}

// errorClass names why a call failed, without the provider's text, which may quote user input:
// the engine's own kind when it has one (llm.Error), otherwise a few fixed classes.
func errorClass(err error) string {
	var k interface{ Kind() string }
	switch {
	case errors.Is(err, errLeaseLost):
		return "lease_lost"
	case errors.As(err, &k):
		return k.Kind()
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.Is(err, errInvalidResult):
		return "invalid_result"
	}
	return "error"
}
