package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"estimator/llm"
	"estimator/llm/eval"
)

// defaultCasesDir holds the reference cases, relative to the repository root where the command
// is meant to be run.
const defaultCasesDir = "llm/testdata/reference"

// evalFlags are the eval command's own flags.
type evalFlags struct {
	engine string // "" (as configured), "offline" or "openai"
	cases  string
}

// flagSet parses the flags that may follow eval: its own and --env-file, which every command
// accepts after its name.
func (f *evalFlags) flagSet(envFile *string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("estimator eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(envFile, "env-file", *envFile, "read variables from this file instead of ./.env")
	fs.StringVar(&f.engine, "engine", "", "offline or openai (default: as configured)")
	fs.StringVar(&f.cases, "cases", defaultCasesDir, "directory of reference cases (*.json)")
	return fs
}

// runEval estimates the reference cases with the engine and prints how its figures compare with
// the cases' bands. Cases outside their bands are the report, not a failure; a line the engine
// could not estimate is.
func runEval(ctx context.Context, cfg Config, f evalFlags, stdout io.Writer) error {
	cfg, err := evalConfig(cfg, f.engine)
	if err != nil {
		return usageError{err}
	}
	cases, err := eval.Load(f.cases)
	if err != nil {
		return usageError{err}
	}
	engine, err := newEngine(cfg)
	if err != nil {
		return usageError{fmt.Errorf("config: %w", err)}
	}
	prices := jobsConfig(cfg).Prices
	results, err := eval.RunPriced(ctx, engine, cases, func(u llm.Usage) int64 {
		if engine.Offline() {
			return 0
		}
		return prices[u.Model].Cost(u)
	})
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(stdout, "engine: %s, %d reference cases\n\n", engine.Name(), len(cases)); err != nil {
		return err
	}
	if err := eval.Table(stdout, results); err != nil {
		return err
	}
	var failed, lines int
	for _, r := range results {
		failed += len(r.Errors)
		lines += len(r.Case.Lines)
	}
	if failed > 0 {
		return fmt.Errorf("eval: the engine failed %d of %d lines (listed above)", failed, lines)
	}
	return nil
}

// evalConfig is cfg with the engine --engine asks for. Forcing the provider keeps every other
// setting (model, timeouts, retries) as serve would use it.
func evalConfig(cfg Config, engine string) (Config, error) {
	switch engine {
	case "":
	case "offline":
		cfg.LLMProvider = "offline"
	case "openai":
		if cfg.OpenAIAPIKey == "" && cfg.OpenAIBaseURL == "" {
			return cfg, errors.New("eval --engine openai needs a model endpoint: set OPENAI_API_KEY or OPENAI_BASE_URL")
		}
		cfg.LLMProvider = "openai"
	default:
		return cfg, fmt.Errorf("eval --engine %q: want offline or openai", engine)
	}
	return cfg, nil
}
