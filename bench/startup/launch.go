package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"estimator/bench/internal/procmem"
)

// launchConfig is what every run shares.
type launchConfig struct {
	bin          string // absolute path of the server binary
	dir          string // working directory, where the SQLite database lives
	settle       time.Duration
	readyTimeout time.Duration
	stopTimeout  time.Duration
	logLevel     string
}

// runResult is one start, measure and stop of the server.
type runResult struct {
	Run       int            `json:"run"`
	Cold      bool           `json:"cold"` // the first run, which also creates and migrates the database
	HealthyMS float64        `json:"healthy_ms"`
	Memory    procmem.Memory `json:"memory"`
	StopMS    float64        `json:"stop_ms"`
	ExitCode  int            `json:"exit_code"`
}

// serverEnv is the caller's environment with the server's own settings replaced, so a
// DATABASE_URL or PORT set in the shell cannot point the benchmark at another database or port.
func serverEnv(port int, logLevel string) []string {
	override := map[string]string{
		"HOST":         "127.0.0.1",
		"PORT":         strconv.Itoa(port),
		"DATABASE_URL": "sqlite:///./app.db",
		"LOG_LEVEL":    logLevel,
	}
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if _, ok := override[name]; !ok {
			env = append(env, kv)
		}
	}
	for name, v := range override {
		env = append(env, name+"="+v)
	}
	return env
}

// launch starts the server once, times it to its first healthy answer, reads its memory after
// the settle time, then stops it with SIGTERM and times the exit.
func launch(ctx context.Context, cfg launchConfig, run int) (runResult, error) {
	res := runResult{Run: run, Cold: run == 1}
	port, err := freePort()
	if err != nil {
		return res, err
	}
	var output tailBuffer
	cmd := exec.CommandContext(ctx, cfg.bin, "serve")
	cmd.Dir = cfg.dir
	cmd.Env = serverEnv(port, cfg.logLevel)
	cmd.Stdout, cmd.Stderr = &output, &output

	start := time.Now()
	if err := cmd.Start(); err != nil {
		return res, fmt.Errorf("start %s: %w", cfg.bin, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// Whatever goes wrong below, the server must not outlive this run.
	stopped := false
	defer func() {
		if !stopped {
			_ = cmd.Process.Kill()
			<-exited
		}
	}()

	url := fmt.Sprintf("http://127.0.0.1:%d/health", port)
	if err := waitHealthy(ctx, url, cfg.readyTimeout, exited); err != nil {
		if errors.Is(err, errExited) {
			stopped = true
		}
		return res, fmt.Errorf("run %d: %w; server output:\n%s", run, err, output.String())
	}
	res.HealthyMS = msSince(start)

	select {
	case <-time.After(cfg.settle):
	case <-ctx.Done():
		return res, ctx.Err()
	case err := <-exited:
		stopped = true
		return res, fmt.Errorf("run %d: server exited while settling (%v); output:\n%s", run, err, output.String())
	}
	if res.Memory, err = readMemory(cmd.Process.Pid); err != nil {
		return res, fmt.Errorf("run %d: %w", run, err)
	}

	stopStart := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return res, fmt.Errorf("run %d: send SIGTERM: %w", run, err)
	}
	select {
	case <-exited:
		stopped = true
	case <-time.After(cfg.stopTimeout):
		return res, fmt.Errorf("run %d: server still running %s after SIGTERM", run, cfg.stopTimeout)
	}
	res.StopMS = msSince(stopStart)
	res.ExitCode = cmd.ProcessState.ExitCode()
	if res.ExitCode != 0 {
		return res, fmt.Errorf("run %d: exit status %d after SIGTERM, want 0; output:\n%s", run, res.ExitCode, output.String())
	}
	return res, nil
}

func msSince(t time.Time) float64 { return float64(time.Since(t).Microseconds()) / 1000 }
