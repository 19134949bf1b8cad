// Command startup measures how fast the server starts, how much memory it holds once started,
// and that it stops cleanly on SIGTERM.
//
// Each run starts the binary in the same fresh temporary directory on a free loopback port,
// polls GET /health every 2 ms until it answers 200, waits -settle, reads VmRSS and VmHWM from
// /proc/<pid>/status, then sends SIGTERM and times the exit, which must have status 0. The first
// run creates and migrates the SQLite database and is reported apart from the warm runs.
//
//	go run ./bench/startup -bin ./estimator -runs 10 [-settle 500ms] [-json]
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"estimator/bench/internal/cli"
)

func main() {
	cli.Main("startup", mainErr)
}

func mainErr(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("startup", stderr)
	bin := fs.String("bin", "", "server binary to start (required)")
	runs := fs.Int("runs", 10, "number of starts; the first is the cold one")
	settle := fs.Duration("settle", 500*time.Millisecond, "wait after healthy before reading memory")
	readyTimeout := fs.Duration("ready-timeout", 10*time.Second, "give up if not healthy by then")
	stopTimeout := fs.Duration("stop-timeout", 15*time.Second, "give up (and kill) if not exited by then")
	logLevel := fs.String("log-level", "warn", "LOG_LEVEL for the server")
	keep := fs.Bool("keep", false, "keep the working directory (and its database) afterwards")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("parse flags: %w", err)
	}
	if *bin == "" {
		return fmt.Errorf("-bin is required")
	}
	if *runs < 1 || *runs > 1000 {
		return fmt.Errorf("-runs %d: want 1 to 1000", *runs)
	}
	abs, err := filepath.Abs(*bin)
	if err != nil {
		return fmt.Errorf("resolve -bin %q: %w", *bin, err)
	}

	// One directory for all runs: the first run starts from nothing, the rest find its database.
	dir, err := os.MkdirTemp("", "estimator-startup-*")
	if err != nil {
		return fmt.Errorf("create working directory: %w", err)
	}
	if *keep {
		fmt.Fprintln(stderr, "working directory:", dir)
	} else {
		defer os.RemoveAll(dir)
	}

	cfg := launchConfig{bin: abs, dir: dir, settle: *settle, readyTimeout: *readyTimeout, stopTimeout: *stopTimeout, logLevel: *logLevel}
	results := make([]runResult, 0, *runs)
	for i := 1; i <= *runs; i++ {
		res, err := launch(ctx, cfg, i)
		if err != nil {
			return err
		}
		results = append(results, res)
	}
	r := summarize(abs, float64(settle.Milliseconds()), results)
	return cli.Report(stdout, r, *asJSON, writeText)
}
