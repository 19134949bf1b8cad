// Command seed fills a database with many realistic tasks, written through the store package the
// way the application writes them, so that pages whose cost grows with the data (the estimates
// list) can be measured at the size a busy deployment reaches.
//
// Tasks are created one after another in time order over -span ending now: Japanese and English
// titles and clients (some written with full-width letters or half-width katakana, as people type
// them), a requirements paragraph and 3 to 20 deliverables each. Most are estimated like the
// application does it (questions generated and answered, a run whose every line is estimated,
// revision 1), and some of those changed once or twice more (a contingency, then a discount:
// revisions 2 and 3); the rest wait for answers or failed to get their questions. The same -seed
// gives the same data. The database is migrated first, as the server does on start.
//
//	go run ./bench/seed -db ./app.db -tasks 10000 [-schema seedbench] [-span 17520h] [-seed 1] [-json]
//
// Each task is some 30 short transactions, as in the application. On PostgreSQL, adding
// synchronous_commit=off to the URL (a setting of the seed's own sessions) saves waiting for the
// WAL at each commit; on a server with autovacuum off, run VACUUM (ANALYZE) on the schema every
// few seconds meanwhile, or the job queue's dead rows and stale statistics slow every claim.
package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"estimator/bench/internal/cli"
	"estimator/store"
)

// progressEvery is how many tasks go between two progress lines on stderr.
const progressEvery = 500

// maxTasks bounds -tasks: enough for any list measurement, and a typo cannot fill the disk.
const maxTasks = 1_000_000

func main() {
	// Ctrl-C stops the seed with an error; the tasks written so far stay, and the one being
	// written is left where it stopped, as after a crash.
	cli.Main("seed", mainErr)
}

func mainErr(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("seed", stderr)
	dbURL := fs.String("db", "", "database, in the forms of DATABASE_URL: ./app.db, sqlite:///app.db or postgres://… (required)")
	schema := fs.String("schema", "", "PostgreSQL schema, as DB_SCHEMA; created when missing")
	tasks := fs.Int("tasks", 10_000, "tasks to create")
	span := fs.Duration("span", 2*365*24*time.Hour, "the creation times spread over this long, ending now")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same titles, clients, lines and outcomes")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case *dbURL == "":
		return fmt.Errorf("-db is required")
	case *tasks < 1 || *tasks > maxTasks:
		return fmt.Errorf("-tasks %d: want 1 to %d", *tasks, maxTasks)
	case *span < 2*followUp:
		return fmt.Errorf("-span %s: want at least %s", *span, 2*followUp)
	}
	keepFreedMemory()
	st, err := store.Open(ctx, *dbURL, *schema)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		return err
	}
	// Creation times are evenly spaced with jitter, in the order the tasks are written, as a
	// deployment writes them; the last ends followUp before now (see seedTask).
	first := time.Now().UTC().Add(-*span)
	step := (*span - followUp) / time.Duration(*tasks)
	rng := rand.New(rand.NewPCG(*seed, *seed))
	r := report{Dialect: st.Dialect(), Outcomes: map[string]int{}, Revisions: map[int]int{}}
	started := time.Now()
	for i := range *tasks {
		createdAt := first.Add(time.Duration(i)*step + time.Duration(rng.Int64N(int64(step))))
		p := newPlan(rng, createdAt)
		if err := seedTask(ctx, st, p); err != nil {
			return fmt.Errorf("task %d of %d: %w", i+1, *tasks, err)
		}
		r.count(p)
		if r.Tasks%progressEvery == 0 {
			fmt.Fprintf(stderr, "%d tasks in %.0fs\n", r.Tasks, time.Since(started).Seconds())
		}
	}
	r.ElapsedS = time.Since(started).Seconds()
	r.From, r.To = first, first.Add(time.Duration(*tasks)*step)
	return cli.Report(stdout, r, *asJSON, writeText)
}
