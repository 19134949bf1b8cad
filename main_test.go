package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test start this test binary as the real program (see startProcess).
func TestMain(m *testing.M) {
	if os.Getenv("ESTIMATOR_TEST_RUN_MAIN") == "1" {
		os.Args = append([]string{"estimator"}, strings.Fields(os.Getenv("ESTIMATOR_TEST_ARGS"))...)
		main()
	}
	os.Exit(m.Run())
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

func runCmd(t *testing.T, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, envMap(env...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCommands(t *testing.T) {
	t.Chdir(t.TempDir()) // no stray .env, and app.db lands in a temp dir
	if code, out, _ := runCmd(t, nil, "version"); code != 0 || !strings.HasPrefix(out, "estimator ") {
		t.Errorf("version: %d %q", code, out)
	}
	for _, help := range [][]string{{"--help"}, {"-h"}, {"backup", "--help"}, {"eval", "-h"}} {
		if code, _, errOut := runCmd(t, nil, help...); code != 0 || !strings.Contains(strings.ToLower(errOut), "usage") || strings.Contains(errOut, "help requested") {
			t.Errorf("%v: exit %d, %q; want 0 and the usage alone", help, code, errOut)
		}
	}
	if code, _, errOut := runCmd(t, nil, "frobnicate"); code != exitUsage || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: %d %q", code, errOut)
	}
	if code, _, _ := runCmd(t, nil, "--no-such-flag"); code != exitUsage {
		t.Errorf("unknown flag: exit %d, want %d", code, exitUsage)
	}
	code, _, errOut := runCmd(t, []string{"PORT=eighty"}, "serve")
	if code != exitUsage || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.Contains(errOut, `PORT="eighty"`) {
		t.Errorf("invalid config: exit %d, stderr %q: want status 2 and one line naming PORT", code, errOut)
	}
	if code, _, errOut := runCmd(t, nil, "--env-file", "nope.env", "check-config"); code != exitUsage || !strings.Contains(errOut, "nope.env") {
		t.Errorf("missing --env-file: %d %q", code, errOut)
	}
	code, out, _ := runCmd(t, []string{"OPENAI_API_KEY=sk-test-0123456789abcdef"}, "check-config")
	if code != 0 || !strings.Contains(out, "OPENAI_API_KEY") || strings.Contains(out, "sk-test-0123") {
		t.Errorf("check-config: %d\n%s", code, out)
	}
	// Flags after the subcommand work too.
	env := filepath.Join(t.TempDir(), "custom.env")
	if err := os.WriteFile(env, []byte("PORT=8123\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := runCmd(t, nil, "check-config", "--env-file", env); code != 0 || !strings.Contains(out, "127.0.0.1:8123") {
		t.Errorf("check-config --env-file: %d\n%s", code, out)
	}
	db := filepath.Join(t.TempDir(), "m.db")
	if code, _, errOut := runCmd(t, []string{"DATABASE_URL=" + db}, "migrate"); code != 0 || !strings.Contains(errOut, "database is up to date") {
		t.Errorf("migrate: %d %s", code, errOut)
	}
}

// startServer runs `serve` in-process until the returned stop function is called; stop returns
// the exit status and everything logged.
func startServer(t *testing.T, env ...string) (base string, stop func() (int, string)) {
	t.Helper()
	port := freePort(t)
	ctx, cancel := context.WithCancel(context.Background())
	var logs bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve"}, envMap(append(env, "PORT="+port)...), io.Discard, &logs) }()
	base = "http://127.0.0.1:" + port
	waitHealthy(t, base, done)
	return base, func() (int, string) {
		cancel()
		select {
		case code := <-done:
			return code, logs.String()
		case <-time.After(15 * time.Second):
			t.Fatal("serve did not stop")
			return 0, ""
		}
	}
}

func waitHealthy(t *testing.T, base string, done <-chan int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d before answering", code)
		default:
		}
		if resp, err := http.Get(base + "/health"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("serve never became healthy")
}

func TestServeKeepsSessionsAcrossRestartsAndNeverLogsTheKey(t *testing.T) {
	t.Chdir(t.TempDir())
	const apiKey = "sk-proj-never-in-logs-0123456789"
	env := []string{"DATABASE_URL=sqlite:///./data/app.db", "OPENAI_API_KEY=" + apiKey, "LOG_LEVEL=debug"}

	base, stop := startServer(t, env...)
	resp, err := http.Get(base + "/?lang=en")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookies := resp.Cookies()
	if len(cookies) == 0 {
		t.Fatal("no session cookie")
	}
	code, logs := stop()
	if code != 0 {
		t.Fatalf("exit %d after shutdown\n%s", code, logs)
	}
	for _, want := range []string{`"msg":"listening"`, `"msg":"stopped"`, `"msg":"database migrated"`} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %s", want)
		}
	}
	if strings.Contains(logs, apiKey) {
		t.Errorf("the API key appears in the logs")
	}

	// The generated session key was kept in the database: the old cookie still says English.
	base, stop = startServer(t, env...)
	req, _ := http.NewRequest(http.MethodGet, base+"/", nil)
	req.AddCookie(cookies[0])
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `<html lang="en">`) {
		t.Error("after a restart the session cookie no longer decodes")
	}
	if code, _ := stop(); code != 0 {
		t.Errorf("exit %d", code)
	}
}

func TestServeRefusesAPortInUse(t *testing.T) {
	t.Chdir(t.TempDir())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	code, _, errOut := runCmd(t, []string{"PORT=" + port}, "serve")
	if code != exitFailure || !strings.Contains(errOut, "listen on 127.0.0.1:"+port) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// TestSIGTERMStopsGracefully runs the real program in its own process, sends SIGTERM while a
// client holds a keep-alive connection, and expects exit status 0.
func TestSIGTERMStopsGracefully(t *testing.T) {
	dir := t.TempDir()
	port := freePort(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "ESTIMATOR_TEST_RUN_MAIN=1", "ESTIMATOR_TEST_ARGS=serve", "PORT="+port, "LOG_FORMAT=text")
	var logs bytes.Buffer
	cmd.Stderr = &logs
	done := startCmd(t, cmd)
	waitHealthy(t, "http://127.0.0.1:"+port, done)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit status %d after SIGTERM\n%s", code, logs.String())
		}
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the process did not stop after SIGTERM")
	}
	if !strings.Contains(logs.String(), "msg=stopped") {
		t.Errorf("no clean stop in the logs:\n%s", logs.String())
	}
}

// startCmd starts cmd and returns a channel that receives its exit status when it ends.
func startCmd(t *testing.T, cmd *exec.Cmd) <-chan int {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan int, 1)
	go func() {
		_ = cmd.Wait() // the exit status says it all
		done <- cmd.ProcessState.ExitCode()
	}()
	return done
}
