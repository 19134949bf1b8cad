package jobs

import (
	"context"
	"time"
)

// markLostCalls labels lost the model calls left in flight by a worker that stopped, in this
// process before a crash or in another instance (see store.MarkLostModelCalls for the rule).
// Such calls are counted with their estimate either way; the label says that they will never be
// completed with the provider's figures.
func (r *Runner) markLostCalls(ctx context.Context) {
	n, err := r.store.MarkLostModelCalls(ctx, r.cfg.Now())
	switch {
	case err != nil && ctx.Err() == nil:
		r.log.Error("mark lost model calls", "err", err)
	case n > 0:
		r.log.Warn("model calls lost by a stopped worker; their cost is estimated from the prompt", "calls", n)
	}
}

// watchLostCalls runs markLostCalls every Config.Lease until ctx ends. Looking more often would
// find little more: a worker's calls become lost when its leases expire.
func (r *Runner) watchLostCalls(ctx context.Context) {
	ticker := time.NewTicker(r.cfg.Lease)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			r.markLostCalls(ctx)
		}
	}
}
