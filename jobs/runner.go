// Package jobs runs the background work of estimating: generating a task's clarifying questions
// and estimating each of its lines. The work is kept in the database (see store.ClaimJob), not
// in memory, so it survives a restart or a crash, and several instances sharing one PostgreSQL
// share it. A Runner is a bounded pool of workers that claims due jobs, calls the engine outside
// any transaction while renewing the job's lease, and records the outcome together with the end
// of the claim, so each unit is completed exactly once.
package jobs

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"estimator/llm"
	"estimator/llm/offline"
	"estimator/metrics"
	"estimator/store"
)

// Defaults of Config.
const (
	DefaultWorkers     = 8
	DefaultLease       = 30 * time.Second
	DefaultRenew       = 10 * time.Second
	DefaultPoll        = 500 * time.Millisecond
	DefaultMaxAttempts = 3
	DefaultBackoff     = time.Second
)

// Config tunes a Runner. Zero values take the defaults above.
type Config struct {
	// Workers bounds how many units run at once in this process (MAX_PARALLEL_ESTIMATES).
	Workers int
	// Lease is how long a claimed job stays reserved without a renewal. After a crash, another
	// worker takes the job over once the lease has expired.
	Lease time.Duration
	// Renew is how often a running unit extends its lease; it must be well below Lease, and is
	// set to a third of Lease when it is not.
	Renew time.Duration
	// Poll is how often an idle Runner looks for due jobs; Kick wakes it sooner.
	Poll time.Duration
	// MaxAttempts is how many times a job queued through this Runner is tried before its line or
	// task fails.
	MaxAttempts int
	// Backoff is the wait after a first failed attempt; it doubles with each further attempt.
	Backoff time.Duration
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Prices gives the cost of a model's tokens, by model name; DefaultPrices when nil.
	Prices map[string]Price
	// Metrics counts the model calls and the jobs' outcomes; nil counts nothing.
	Metrics *metrics.Metrics
	// DailyCapMicroUSD and MonthlyCapMicroUSD bound what the model calls may cost in a calendar
	// day and month of Zone (UTC when nil); 0 means no cap. See checkCaps.
	DailyCapMicroUSD, MonthlyCapMicroUSD int64
	Zone                                 *time.Location
}

// withDefaults fills in the zero fields of c.
func (c Config) withDefaults() Config {
	if c.Workers <= 0 {
		c.Workers = DefaultWorkers
	}
	if c.Lease <= 0 {
		c.Lease = DefaultLease
	}
	if c.Renew <= 0 {
		c.Renew = DefaultRenew
	}
	if c.Renew >= c.Lease {
		c.Renew = c.Lease / 3
	}
	if c.Poll <= 0 {
		c.Poll = DefaultPoll
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = DefaultMaxAttempts
	}
	if c.Backoff <= 0 {
		c.Backoff = DefaultBackoff
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Zone == nil {
		c.Zone = time.UTC
	}
	if c.Prices == nil {
		c.Prices = DefaultPrices()
	}
	return c
}

// Runner is a pool of workers shared by every task. Create it with New, start it with Run.
type Runner struct {
	store   *store.Store
	engine  llm.Engine
	offline llm.Engine // for lines the user chose to estimate offline
	log     *slog.Logger
	cfg     Config
	owner   string        // names this Runner's claims in the jobs table
	kick    chan struct{} // wakes an idle Runner; holds at most one pending wake-up
	running atomic.Bool
}

// New returns a Runner that takes jobs from s and runs them with engine.
func New(s *store.Store, engine llm.Engine, log *slog.Logger, cfg Config) *Runner {
	return &Runner{
		store:   s,
		engine:  engine,
		offline: offline.New(),
		log:     log,
		cfg:     cfg.withDefaults(),
		owner:   ownerName(),
		kick:    make(chan struct{}, 1),
	}
}

// ownerName identifies this process's claims for whoever reads the jobs table: host and process
// id, plus a random suffix because one process may run several Runners (and tests do).
func ownerName() string {
	host, err := os.Hostname()
	if err != nil {
		host = "unknown"
	}
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), rand.Text()[:8])
}

// Kick wakes an idle Runner so that newly queued work starts at once rather than at the next
// poll. It never blocks. Handlers that queue work through the Runner's methods need not call it.
func (r *Runner) Kick() {
	select {
	case r.kick <- struct{}{}:
	default:
	}
}

// Run claims and runs due jobs, at most Config.Workers at a time, until ctx ends. Then it stops
// claiming and returns once its units have stopped: a unit whose engine call is still running is
// abandoned at once, without a result and without counting a failure, and its job keeps its
// lease until the lease expires and a worker (of this or another instance) takes it over. So Run
// returns promptly even when an engine ignores cancellation, and an interrupted unit behaves
// exactly as after a crash. While it runs, it also labels lost the model calls that stopped
// workers left in flight (see markLostCalls): at once, then every Config.Lease. Run returns nil
// when ctx ends, and an error when the Runner is already running.
func (r *Runner) Run(ctx context.Context) error {
	if !r.running.CompareAndSwap(false, true) {
		return errors.New("jobs: run: the runner is already running")
	}
	defer r.running.Store(false)
	r.log.Info("jobs runner started", "owner", r.owner, "workers", r.cfg.Workers, "engine", r.engine.Name())
	// Before any claim: taking over a job whose worker crashed renews its lease, and the calls
	// that worker left in flight would then wait for this attempt to end to be labelled lost.
	r.markLostCalls(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Go(func() { r.watchLostCalls(ctx) })
	slots := make(chan struct{}, r.cfg.Workers)
	for {
		// Claim only when a worker is free, so a claimed job never waits for one with its lease
		// running.
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return nil
		}
		job, err := r.store.ClaimJob(ctx, r.owner, r.cfg.Lease, r.cfg.Now())
		if err == nil {
			wg.Go(func() {
				defer func() { <-slots }()
				r.work(ctx, job)
			})
			continue
		}
		<-slots
		if !errors.Is(err, store.ErrNotFound) && ctx.Err() == nil {
			r.log.Error("claim job", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-r.kick:
		case <-time.After(r.cfg.Poll):
		}
	}
}
