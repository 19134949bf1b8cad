// Command poll measures what open task pages cost the server while they poll for progress: it
// opens -pages copies of one task page, each of which polls the page's progress fragment every
// -interval as htmx does (the URL the page's hx-get names, with HX-Request), for -d. It reports
// the answers by status, their latency, the server's CPU (given -pid), and, for every change a
// poll brought, how long after the first page saw it the last page did. Only loopback servers
// are accepted.
//
//	go run ./bench/poll -url http://127.0.0.1:8100/tasks/ID -pages 200 -interval 1s -d 30s -pid 12345
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"estimator/bench/internal/cli"
	"estimator/bench/internal/loopback"
)

// maxDuration bounds a run however the flags are set.
const maxDuration = 10 * time.Minute

func main() {
	cli.Main("poll", mainErr)
}

// options are the validated flags.
type options struct {
	page     string
	pages    int
	interval time.Duration
	duration time.Duration
	pid      int
	json     bool
}

func mainErr(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	r, err := run(ctx, o)
	if err != nil {
		return err
	}
	if err := cli.Report(stdout, r, o.json, writeText); err != nil {
		return err
	}
	if r.Requests == 0 {
		return errors.New("no poll completed")
	}
	return nil
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := cli.FlagSet("poll", stderr)
	page := fs.String("url", "", "a task page whose work is pending (it polls); loopback hosts only")
	pages := fs.Int("pages", 200, "open pages, each polling on its own")
	interval := fs.Duration("interval", time.Second, "each page's poll interval (htmx: every 1s)")
	duration := fs.Duration("d", 30*time.Second, "measured duration")
	pid := fs.Int("pid", 0, "the server's process id, to report its CPU (0: not reported)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := cli.Parse(fs, args); err != nil {
		return options{}, err
	}
	u, err := loopback.ParseTarget(*page)
	if err != nil {
		return options{}, err
	}
	switch {
	case *pages < 1 || *pages > 10_000:
		return options{}, fmt.Errorf("-pages %d: want 1 to 10000", *pages)
	case *interval <= 0 || *interval > time.Minute:
		return options{}, fmt.Errorf("-interval %s: want more than 0 and at most 1m", *interval)
	case *duration <= 0 || *duration > maxDuration:
		return options{}, fmt.Errorf("-d %s: want more than 0 and at most %s", *duration, maxDuration)
	case *pid < 0:
		return options{}, fmt.Errorf("-pid %d: want a process id or 0", *pid)
	}
	return options{page: u.String(), pages: *pages, interval: *interval, duration: *duration, pid: *pid, json: *asJSON}, nil
}
