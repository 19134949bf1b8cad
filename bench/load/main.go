// Command load is a closed-loop HTTP load generator for benchmarking the server on this machine.
//
// Each of -c connections is one goroutine with its own keep-alive client that sends the next
// request as soon as the previous response has been read, for -d (and at most -n requests), after
// an optional -warmup whose results are discarded. Only loopback targets are accepted.
//
//	go run ./bench/load -url http://127.0.0.1:8100/health -c 64 -d 10s -warmup 2s [-n 100000] [-json]
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

// maxDuration bounds a run however the flags are set: load is never left running open-ended.
const maxDuration = 10 * time.Minute

func main() {
	// Ctrl-C ends the run early; the requests made so far are still reported.
	cli.Main("load", mainErr)
}

func mainErr(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	s := run(ctx, o)
	if err := cli.Report(stdout, s, o.json, writeText); err != nil {
		return err
	}
	if s.Requests == 0 {
		return errors.New("no request completed: is the server running?")
	}
	return nil
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := cli.FlagSet("load", stderr)
	target := fs.String("url", "http://127.0.0.1:8100/health", "target URL; loopback hosts only")
	conns := fs.Int("c", 64, "connections, one goroutine each")
	duration := fs.Duration("d", 10*time.Second, "measured duration")
	warmup := fs.Duration("warmup", 0, "unmeasured warmup on the same connections before -d")
	maxReq := fs.Int64("n", 0, "stop after this many measured requests (0: no limit but -d)")
	timeout := fs.Duration("timeout", 5*time.Second, "per-request timeout")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := cli.Parse(fs, args); err != nil {
		return options{}, err
	}
	u, err := loopback.ParseTarget(*target)
	if err != nil {
		return options{}, err
	}
	switch {
	case *conns < 1 || *conns > 10_000:
		return options{}, fmt.Errorf("-c %d: want 1 to 10000 connections", *conns)
	case *duration <= 0 || *duration > maxDuration:
		return options{}, fmt.Errorf("-d %s: want more than 0 and at most %s", *duration, maxDuration)
	case *warmup < 0 || *warmup > maxDuration:
		return options{}, fmt.Errorf("-warmup %s: want 0 to %s", *warmup, maxDuration)
	case *maxReq < 0:
		return options{}, fmt.Errorf("-n %d: want 0 or more", *maxReq)
	case *timeout <= 0:
		return options{}, fmt.Errorf("-timeout %s: want more than 0", *timeout)
	}
	return options{
		target:      u.String(),
		conns:       *conns,
		duration:    *duration,
		warmup:      *warmup,
		timeout:     *timeout,
		maxRequests: *maxReq,
		json:        *asJSON,
	}, nil
}
