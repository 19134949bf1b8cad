// Command fakemodel is an OpenAI-compatible chat completions server that answers every call
// after a fixed delay, so the estimating flow can be timed against a model of known speed
// without paying for one or depending on a network.
//
// POST /v1/chat/completions tells the operation from response_format.json_schema.name (or, in
// json_object mode, from the last request message), waits -delay, and answers a valid chat
// completion whose content is JSON the application accepts: exactly the number of questions
// asked for, or a plausible estimate of one deliverable. It listens on loopback only, prints its
// base URL (the application wants that URL plus /v1) and stops on SIGINT, SIGTERM or after -for.
//
//	go run ./bench/fakemodel -addr 127.0.0.1:0 -delay 2s
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"syscall"
	"time"

	"estimator/bench/internal/cli"
	"estimator/bench/internal/loopback"
)

// maxLifetime bounds -for: a forgotten fake model does not keep running for days.
const maxLifetime = 24 * time.Hour

func main() {
	cli.Main("fakemodel", mainErr, syscall.SIGTERM)
}

func mainErr(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("fakemodel", stderr)
	addr := fs.String("addr", "127.0.0.1:0", "listen address; loopback only (port 0 picks a free one)")
	delay := fs.Duration("delay", 2*time.Second, "time each call takes before it is answered")
	lifetime := fs.Duration("for", time.Hour, "stop by itself after this long")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case *delay < 0 || *delay > 10*time.Minute:
		return fmt.Errorf("-delay %s: want 0 to 10m", *delay)
	case *lifetime <= 0 || *lifetime > maxLifetime:
		return fmt.Errorf("-for %s: want more than 0 and at most %s", *lifetime, maxLifetime)
	}
	if err := loopback.CheckListenAddr(*addr); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	// The URL is the only line on stdout, so a script can read it with one `read`.
	fmt.Fprintf(stdout, "http://%s\n", ln.Addr())

	m := newModel(*delay)
	srv := &http.Server{Handler: m, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	ctx, cancel := context.WithTimeout(ctx, *lifetime)
	defer cancel()
	select {
	case <-ctx.Done():
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	}
	// Calls in flight get their delay to finish, so a stop between two runs fails nothing.
	sctx, scancel := context.WithTimeout(context.Background(), *delay+5*time.Second)
	defer scancel()
	err = srv.Shutdown(sctx)
	fmt.Fprintln(stderr, "fakemodel:", m.stats())
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}
