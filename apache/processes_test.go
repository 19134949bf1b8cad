package apache

import (
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// The processes of the live test, each in its own directory, stopped at the end of the test: the
// real app binary (httpd_test.go starts Apache the same way).

// startTimeout bounds how long the app and Apache may take to start.
const startTimeout = 20 * time.Second

// freePort returns a loopback port nobody listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// buildApp builds the app from the module root into dir.
func buildApp(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "estimator")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// process is a started command: where its output goes, and a channel closed when it has exited.
type process struct {
	output string // a file: the process writes it directly, the test reads it at any time
	exited chan struct{}
	err    error // how it exited, once exited is closed
}

// startProcess starts cmd with its output in the file output, and stops it with SIGTERM at the
// end of the test (the way systemd stops both the app and Apache).
func startProcess(t *testing.T, cmd *exec.Cmd, output string) *process {
	t.Helper()
	out, err := os.Create(output)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close() // the process has its own copy
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{output: output, exited: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.exited:
		case <-time.After(15 * time.Second):
			_ = cmd.Process.Kill()
			<-p.exited
		}
	})
	return p
}

// waitUntil polls ready until it holds, failing when the process exits or startTimeout passes.
func (p *process) waitUntil(t *testing.T, ready func() bool) {
	t.Helper()
	deadline := time.Now().Add(startTimeout)
	for !ready() {
		select {
		case <-p.exited:
			t.Fatalf("the process exited: %v\n%s", p.err, readText(t, p.output))
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("not ready after %s\n%s", startTimeout, readText(t, p.output))
		}
	}
}

// app is the running app: its own port and the file its log (stderr) goes to.
type app struct {
	port int
	log  string
}

// startApp runs `estimator serve` in dir with env (and nothing else from the test's
// environment), and waits for the guide's local check, `curl -s http://127.0.0.1:8100/health`,
// to answer {"status":"healthy"}.
func startApp(t *testing.T, bin, dir string, port int, env map[string]string) app {
	t.Helper()
	cmd := exec.Command(bin, "serve")
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "TMPDIR=" + dir}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	proc := startProcess(t, cmd, filepath.Join(dir, "app.log"))
	url := "http://127.0.0.1:" + strconv.Itoa(port) + "/health"
	proc.waitUntil(t, func() bool {
		resp, err := http.Get(url)
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode == http.StatusOK && string(body) == `{"status":"healthy"}`
	})
	return app{port: port, log: proc.output}
}
