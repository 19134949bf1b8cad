// Command estimate times the whole estimating flow of a running server through its real pages,
// and measures how the server holds up while many estimates run.
//
// It creates -tasks tasks of -lines deliverables through the new-estimate form, waits for each
// task's questions (polling GET /tasks/{id} for <main data-status>), then posts every task's
// answers at once and times each task from posting its answers to data-status="estimated".
// Meanwhile it probes GET /health and GET /tasks/{id} on a few connections and reports their
// latency percentiles, and, given -pid, samples the server's resident memory. Only loopback
// servers are accepted, and the run gives up after -timeout.
//
//	go run ./bench/estimate -url http://127.0.0.1:8100 -tasks 1 -lines 20 -pid 12345
//	go run ./bench/estimate -url http://127.0.0.1:8100 -tasks 50 -lines 20 -poll 1s -pid 12345
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"estimator/bench/internal/cli"
	"estimator/bench/internal/loopback"
)

// maxTimeout bounds a run however the flags are set.
const maxTimeout = time.Hour

func main() {
	cli.Main("estimate", mainErr)
}

// options are the validated flags.
type options struct {
	base       string
	tasks      int
	lines      int
	lang       string
	poll       time.Duration
	probeConns int
	probeEvery time.Duration
	postConns  int
	pid        int
	timeout    time.Duration
	json       bool
}

func mainErr(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	r := run(ctx, o)
	if err := cli.Report(stdout, r, o.json, writeText); err != nil {
		return err
	}
	if r.Estimated != r.Tasks {
		return fmt.Errorf("%d of %d tasks estimated", r.Estimated, r.Tasks)
	}
	return nil
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := cli.FlagSet("estimate", stderr)
	target := fs.String("url", "http://127.0.0.1:8100", "server root URL; loopback hosts only")
	tasks := fs.Int("tasks", 1, "tasks estimated at once")
	lines := fs.Int("lines", 20, "deliverables per task")
	lang := fs.String("language", "ja", "language of the tasks: ja (JPY) or en (USD)")
	poll := fs.Duration("poll", 100*time.Millisecond, "how often each task's page is polled: the resolution of the times")
	probeConns := fs.Int("probe-conns", -1, "connections probing each of /health and /tasks/{id}; -1: 2 when -tasks > 1, else none")
	probeEvery := fs.Duration("probe-every", 10*time.Millisecond, "interval between a probe connection's requests; 0: back to back")
	postConns := fs.Int("post-conns", 4, "form posts sent at once")
	pid := fs.Int("pid", 0, "server process id, to sample its memory and CPU (0: not sampled)")
	timeout := fs.Duration("timeout", 10*time.Minute, "give up after this long")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := cli.Parse(fs, args); err != nil {
		return options{}, err
	}
	if *probeConns < 0 {
		*probeConns = 0
		if *tasks > 1 {
			*probeConns = 2
		}
	}
	u, err := loopback.ParseTarget(*target)
	if err != nil {
		return options{}, err
	}
	switch {
	case *tasks < 1 || *tasks > 200:
		return options{}, fmt.Errorf("-tasks %d: want 1 to 200", *tasks)
	case *lines < 1 || *lines > 500:
		return options{}, fmt.Errorf("-lines %d: want 1 to 500", *lines)
	case *lang != "ja" && *lang != "en":
		return options{}, fmt.Errorf("-language %q: want ja or en", *lang)
	case *poll < 10*time.Millisecond || *poll > 10*time.Second:
		return options{}, fmt.Errorf("-poll %s: want 10ms to 10s", *poll)
	case *probeConns > 32:
		return options{}, fmt.Errorf("-probe-conns %d: want at most 32", *probeConns)
	case *probeEvery < 0 || *probeEvery > 10*time.Second:
		return options{}, fmt.Errorf("-probe-every %s: want 0 to 10s", *probeEvery)
	case *postConns < 1 || *postConns > 64:
		return options{}, fmt.Errorf("-post-conns %d: want 1 to 64", *postConns)
	case *pid < 0:
		return options{}, errors.New("-pid: want a process id or 0")
	case *timeout <= 0 || *timeout > maxTimeout:
		return options{}, fmt.Errorf("-timeout %s: want more than 0 and at most %s", *timeout, maxTimeout)
	}
	return options{base: strings.TrimSuffix(u.String(), "/"), tasks: *tasks, lines: *lines, lang: *lang, poll: *poll,
		probeConns: *probeConns, probeEvery: *probeEvery, postConns: *postConns, pid: *pid, timeout: *timeout, json: *asJSON}, nil
}
