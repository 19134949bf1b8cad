// Package cli is what the benchmark commands share at the command line: how main runs and
// exits, how flags are parsed, and how the report is printed as text or as JSON.
package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
)

// Main runs a command and exits with status 1, the error printed after name, if it fails. The
// context given to run ends on Ctrl-C and on any of also, so a command can stop early and still
// report what it measured.
func Main(name string, run func(ctx context.Context, args []string, stdout, stderr io.Writer) error, also ...os.Signal) {
	ctx, stop := signal.NotifyContext(context.Background(), append([]os.Signal{os.Interrupt}, also...)...)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}

// FlagSet is an empty flag set for the command name. It prints usage and parse errors on stderr
// and returns them rather than exiting, so main reports them like any other error.
func FlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// Parse parses args into fs and refuses positional arguments: the commands take flags only, and
// a stray word is more likely a mistyped flag than something to ignore.
func Parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("parse flags: %w", err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// Report prints r with writeText for a person at a terminal or, when asJSON is set, as one
// indented JSON document for scripts to read.
func Report[R any](w io.Writer, r R, asJSON bool, writeText func(io.Writer, R) error) error {
	if !asJSON {
		return writeText(w, r)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}
