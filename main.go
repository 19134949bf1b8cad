// Command estimator serves Estimator: deliverables in, a defensible estimate and 見積書 out.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"
	_ "time/tzdata" // DISPLAY_TIMEZONE works on a machine without a zone database

	"estimator/handlers"
	"estimator/i18n"
	"estimator/jobs"
	"estimator/metrics"
	"estimator/static"
	"estimator/store"
	"estimator/views"
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise the module version
// recorded by the Go toolchain is used.
var version = ""

// Exit statuses: 2 means the command line or the configuration is wrong, so a supervisor should not
// restart blindly; 1 is any other failure.
const (
	exitFailure = 1
	exitUsage   = 2
)

// shutdownTimeout bounds how long in-flight requests may take to finish after SIGTERM.
const shutdownTimeout = 10 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.LookupEnv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// usageError is a mistake on the command line or in the configuration.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// run is main without the process: it returns the exit status, so tests can call it.
func run(ctx context.Context, args []string, getenv func(string) (string, bool), stdout, stderr io.Writer) int {
	err := dispatch(ctx, args, getenv, stdout, stderr)
	// -h and --help asked for the usage, which the flag set has printed: that is not a mistake.
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(stderr, "estimator:", err)
	if errors.As(err, new(usageError)) {
		return exitUsage
	}
	return exitFailure
}

func dispatch(ctx context.Context, args []string, getenv func(string) (string, bool), stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("estimator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	envFile := fs.String("env-file", "", "read variables from this file instead of ./.env")
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: estimator [--env-file FILE] [serve|migrate|check-config|eval|cleanup|backup|restore|version]\n\n"+
			"  serve         run the web server (the default)\n"+
			"  migrate       apply database migrations and exit\n"+
			"  cleanup       delete the tasks older than DATA_RETENTION_DAYS, with an audit record each\n"+
			"  backup PATH   copy the SQLite database while it is in use (PostgreSQL: print the pg_dump command)\n"+
			"                [--keep N] with a directory PATH: a dated copy, keeping the newest N\n"+
			"  restore PATH  replace the SQLite database with a checked backup (PostgreSQL: print the command)\n"+
			"                [--force] even when it holds tasks; stop the service first\n"+
			"  check-config  validate and print the effective configuration (secrets masked)\n"+
			"  eval          estimate the reference cases and compare with their bands\n"+
			"                [--engine offline|openai] [--cases DIR]\n"+
			"  version       print the version\n\nflags:\n")
		fs.PrintDefaults()
	}
	// Flags may come before or after the subcommand.
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	cmd := "serve"
	var evalOpts evalFlags
	var fileOpts fileFlags
	if fs.NArg() > 0 {
		cmd = fs.Arg(0)
		rest := fs
		switch cmd {
		case "eval":
			rest = evalOpts.flagSet(envFile, stderr) // eval has flags of its own
		case "backup", "restore":
			rest = fileOpts.flagSet(cmd, envFile, stderr) // and these a PATH
		}
		if err := rest.Parse(fs.Args()[1:]); err != nil {
			return usageError{err}
		}
		if cmd == "backup" || cmd == "restore" {
			if err := fileOpts.takePath(rest); err != nil {
				return usageError{err}
			}
		}
		if rest.NArg() > 0 {
			return usageError{fmt.Errorf("unexpected argument %q", rest.Arg(0))}
		}
	}
	if cmd == "version" {
		_, err := fmt.Fprintln(stdout, "estimator", buildVersion())
		return err
	}
	path, required := ".env", false
	if *envFile != "" {
		path, required = *envFile, true
	}
	cfg, err := loadConfig(getenv, path, required)
	if err != nil {
		return usageError{err}
	}
	switch cmd {
	case "check-config":
		return printConfig(stdout, cfg)
	case "migrate":
		return migrate(ctx, cfg, newLogger(cfg, stderr))
	case "serve":
		return serve(ctx, cfg, newLogger(cfg, stderr))
	case "eval":
		return runEval(ctx, cfg, evalOpts, stdout)
	case "cleanup":
		return cleanup(ctx, cfg, newLogger(cfg, stderr))
	case "backup":
		return backup(ctx, cfg, fileOpts, stdout)
	case "restore":
		return restore(ctx, cfg, fileOpts, stdout)
	}
	fs.Usage()
	return usageError{fmt.Errorf("unknown command %q", cmd)}
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}

func openStore(ctx context.Context, cfg Config, log *slog.Logger) (*store.Store, error) {
	st, err := store.Open(ctx, cfg.DatabaseURL, cfg.DBSchema)
	if err != nil {
		return nil, err
	}
	applied, err := st.Migrate(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	if len(applied) > 0 {
		log.Info("database migrated", "dialect", st.Dialect(), "versions", applied)
	}
	return st, nil
}

func migrate(ctx context.Context, cfg Config, log *slog.Logger) error {
	st, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	v, err := st.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	log.Info("database is up to date", "dialect", st.Dialect(), "version", v)
	return nil
}

func serve(ctx context.Context, cfg Config, log *slog.Logger) error {
	started := time.Now()
	if cfg.MemoryLimitMB > 0 {
		// A soft limit: the garbage collector works harder near it, so after a burst (a big
		// import, many documents) the process gives memory back instead of keeping its peak.
		debug.SetMemoryLimit(cfg.MemoryLimitMB << 20)
	}
	st, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()

	secret := cfg.SessionSecret
	if secret == "" {
		// Generated once and kept in the database, so restarts and every instance sharing the
		// database accept the same session cookies.
		secret, err = st.SettingOrInit(ctx, "session_secret", handlers.NewSessionSecret)
		if err != nil {
			return err
		}
	}
	bundle, err := i18n.Load()
	if err != nil {
		return err
	}
	assets, err := static.New()
	if err != nil {
		return err
	}
	engine, err := newEngine(cfg)
	if err != nil {
		return usageError{fmt.Errorf("config: %w", err)}
	}
	var counters *metrics.Metrics // nil, counting nothing, unless METRICS_ENABLED
	if cfg.MetricsEnabled {
		counters = metrics.New(st)
	}
	runnerCfg := jobsConfig(cfg)
	runnerCfg.Metrics = counters
	runner := jobs.New(st, engine, log, runnerCfg)
	// Only the OpenAI-compatible engine has a circuit breaker; the admin page reads it.
	breaker, _ := engine.(handlers.Breaker)
	h, err := handlers.New(handlers.Deps{
		Store:          st,
		Jobs:           runner,
		I18n:           bundle,
		Assets:         assets,
		Logger:         log,
		SessionSecret:  secret,
		DefaultLang:    cfg.Language,
		DisplayZone:    cfg.DisplayZone,
		TaxRates:       map[string]int64{i18n.Japanese: cfg.TaxRateJA, i18n.English: cfg.TaxRateEN},
		UnitCosts:      map[string]int64{"JPY": cfg.DailyUnitCostJPY, "USD": cfg.DailyUnitCostUSD},
		QuestionCount:  int(cfg.QuestionCount),
		MaxUploadBytes: cfg.MaxUploadSizeMB << 20,
		Engine:         views.Engine{Offline: engine.Offline(), Model: engine.Name()},
		TrustedProxies: cfg.TrustedProxies,
		RatePerMinute:  int(cfg.RatePerMinute),
		RateBurst:      int(cfg.RateBurst),
		TrustedOrigins: cfg.CORSOrigins,
		ListenHost:     cfg.Host,
		AllowedHosts:   cfg.AllowedHosts,
		Version:        buildVersion(),
		Metrics:        counters,
		MetricsToken:   cfg.MetricsToken,
		AdminPassword:  cfg.AdminPassword,
		Breaker:        breaker,
	})
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.Addr())
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr(), err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		// A whole request, body included. Short, so a client that trickles its request cannot
		// hold connections open; the routes that take a file extend it for themselves
		// (handlers/uploaddeadline.go).
		ReadTimeout:  1 * time.Minute,
		WriteTimeout: 2 * time.Minute,
		IdleTimeout:  2 * time.Minute,
		ErrorLog:     slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("listening", "url", "http://"+ln.Addr().String(), "offline_engine", engine.Offline(), "engine", engine.Name(),
		"dialect", st.Dialect(), "version", buildVersion(), "startup_ms", time.Since(started).Milliseconds())

	// The workers stop after the server: requests in flight may still queue work. A unit cut
	// off keeps its lease and is taken up again after a restart, as after a crash.
	workCtx, stopWork := context.WithCancel(context.Background())
	defer stopWork()
	workDone := make(chan error, 1)
	go func() { workDone <- runner.Run(workCtx) }()
	cleanupDone := startAutoCleanup(workCtx, cfg, st, log)

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	select {
	case err := <-serveErr:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests", "timeout", shutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		log.Warn("requests still running at the shutdown deadline were cut off", "error", err)
	}
	stopWork()
	<-cleanupDone
	if err := <-workDone; err != nil {
		log.Warn("background work stopped with an error", "error", err)
	}
	log.Info("stopped")
	return nil
}
