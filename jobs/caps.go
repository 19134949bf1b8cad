package jobs

import (
	"context"
	"fmt"
	"time"

	"estimator/llm"
	"estimator/store"
)

// Spending is what the model calls cost this calendar day and month, against the caps; all in
// micro-USD, a cap of 0 meaning none.
type Spending struct {
	Day, Month           int64
	DailyCap, MonthlyCap int64
}

// Reached names the cap that is reached, "day" or "month", or "" when neither is.
func (s Spending) Reached() string {
	switch {
	case s.DailyCap > 0 && s.Day >= s.DailyCap:
		return "day"
	case s.MonthlyCap > 0 && s.Month >= s.MonthlyCap:
		return "month"
	}
	return ""
}

// Spending reads what the model calls cost so far this day and this month, in the configured
// zone: an operator in Japan expects the daily cap to reset at midnight in Tokyo.
func (r *Runner) Spending(ctx context.Context) (Spending, error) {
	now := r.cfg.Now().In(r.cfg.Zone)
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, r.cfg.Zone)
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, r.cfg.Zone)
	sp := Spending{DailyCap: r.cfg.DailyCapMicroUSD, MonthlyCap: r.cfg.MonthlyCapMicroUSD}
	var err error
	if sp.Month, err = r.store.Spend(ctx, month); err != nil {
		return sp, err
	}
	if sp.Day, err = r.store.Spend(ctx, day); err != nil {
		return sp, err
	}
	return sp, nil
}

// checkCaps refuses a call to an engine that costs money once a spending cap is reached, before
// anything is sent. The calls already in flight are not counted until they return, so the spend
// may pass a cap by what at most Workers calls cost. The offline engine is never refused: it is
// what the user is offered instead.
func (r *Runner) checkCaps(ctx context.Context, job store.Job) error {
	if r.engineFor(job).Offline() || (r.cfg.DailyCapMicroUSD == 0 && r.cfg.MonthlyCapMicroUSD == 0) {
		return nil
	}
	sp, err := r.Spending(ctx)
	if err != nil {
		return fmt.Errorf("jobs: check the spending caps: %w", err)
	}
	switch sp.Reached() {
	case "day":
		return &llm.Error{Category: llm.KindCostCap, Message: fmt.Sprintf("daily cap of %s reached (%s spent today)", usd(sp.DailyCap), usd(sp.Day))}
	case "month":
		return &llm.Error{Category: llm.KindCostCap, Message: fmt.Sprintf("monthly cap of %s reached (%s spent this month)", usd(sp.MonthlyCap), usd(sp.Month))}
	}
	return nil
}

// usd formats micro-USD as dollars and cents, for the log.
func usd(micro int64) string {
	return fmt.Sprintf("US$%d.%02d", micro/1_000_000, micro%1_000_000/10_000)
}
