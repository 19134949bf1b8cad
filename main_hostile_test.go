package main

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"estimator/sheets/hostile"
)

// Targets for a server under hostile input (issue: bounded by design).
const (
	maxResidentMB  = 150
	maxHealthDelay = 100 * time.Millisecond
	parallelPosts  = 8
)

// hostileCase is one hostile request, sent parallelPosts times at once. An import may also be
// told to come back (503 with Retry-After) when the import slots stay taken for their wait, as
// on a machine loaded by other test packages: that is the designed answer to a burst.
type hostileCase struct {
	name        string
	path        string
	contentType string
	body        []byte
	want        int
	busyOK      bool
}

// TestHostileInputsStayBounded sends each hostile input of the table below, eight at once, to a
// real server process built without the race detector (which would multiply its memory), and
// checks that every request gets its clear answer, /health keeps answering within 100 ms, and
// the process never holds more than 150 MB resident (its peak, VmHWM).
func TestHostileInputsStayBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server")
	}
	base, status := startBuiltServer(t)
	cases := hostileCases(t, base)

	health := watchHealth(t, base)
	var all []time.Duration
	for _, c := range cases {
		start := time.Now()
		codes := postAtOnce(t, base, c)
		for _, code := range codes {
			if code != c.want && !(c.busyOK && code == http.StatusServiceUnavailable) {
				t.Errorf("%s: status %d, want %d (all: %v)", c.name, code, c.want, codes)
				break
			}
		}
		samples := health()
		all = append(all, samples...)
		p95, slowest := percentile(samples, 95), percentile(samples, 100)
		t.Logf("%-40s %6d KiB ×%d: %v in %v; /health p95 %v, max %v; peak RSS so far %d MB", c.name, len(c.body)>>10, parallelPosts,
			codes[0], time.Since(start).Round(time.Millisecond), p95.Round(time.Millisecond), slowest.Round(time.Millisecond), status("VmHWM")>>10)
	}
	peak := status("VmHWM") >> 10
	p95 := percentile(all, 95)
	t.Logf("peak resident %d MB; /health over the whole attack: p95 %v, max %v", peak, p95, percentile(all, 100))
	if peak > maxResidentMB {
		t.Errorf("the server reached %d MB resident; the target is %d MB", peak, maxResidentMB)
	}
	// The latency is measured by this test binary: with the race detector it is slowed several
	// times over, and what it measures is no longer the server's. The figures are still logged.
	if p95 > maxHealthDelay && !raceEnabled {
		t.Errorf("/health took %v (95th percentile) under attack; the target is %v", p95, maxHealthDelay)
	}
}

// hostileCases are the inputs: every hostile upload (imported on the new-estimate form), a title
// of 13 MB in either encoding, and answers of 1.6 MB each.
func hostileCases(t *testing.T, base string) []hostileCase {
	uploads, err := hostile.Uploads()
	if err != nil {
		t.Fatal(err)
	}
	var cases []hostileCase
	for _, u := range uploads {
		want := http.StatusUnprocessableEntity
		if u.Want == "" {
			want = http.StatusOK
		}
		ct, body := multipartForm(t, [][2]string{{"language", "en"}, {"currency", "USD"}}, u.Name, u.Content)
		cases = append(cases, hostileCase{"upload: " + u.Case, "/tasks/import?lang=en", ct, body, want, true})
	}
	title := strings.Repeat("x", 13<<20)
	ct, body := multipartForm(t, [][2]string{{"title", title}, {"language", "en"}, {"name", "A"}}, "", nil)
	cases = append(cases, hostileCase{"13 MB title, multipart", "/tasks?lang=en", ct, body, http.StatusUnprocessableEntity, false})
	form := url.Values{"title": {title}, "language": {"en"}, "name": {"A"}}.Encode()
	cases = append(cases, hostileCase{"13 MB title, urlencoded", "/tasks?lang=en", "application/x-www-form-urlencoded", []byte(form), http.StatusUnprocessableEntity, false})
	answer := strings.Repeat("回答", 1600<<10/6)
	answers := url.Values{"answer": {answer, answer, answer}}.Encode()
	cases = append(cases, hostileCase{"three answers of 1.6 MB", answersPath(t, base), "application/x-www-form-urlencoded", []byte(answers), http.StatusRequestEntityTooLarge, false})
	return cases
}

// answersPath creates an estimate from the sample and returns where its answers are posted,
// once its questions are ready.
func answersPath(t *testing.T, base string) string {
	t.Helper()
	sample, err := os.ReadFile("testdata/sample_input.csv")
	if err != nil {
		sample = []byte("成果物名称,説明\n要件定義書,要件\n")
	}
	ct, body := multipartForm(t, [][2]string{{"title", "T"}, {"language", "en"}, {"currency", "USD"}}, "sample.csv", sample)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Post(base+"/tasks", ct, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	task := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || task == "" {
		t.Fatalf("create: status %d, location %q", resp.StatusCode, task)
	}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		resp, err := http.Get(base + task)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if bytes.Contains(page, []byte(`name="answer"`)) {
			return task + "/answers"
		}
	}
	t.Fatal("the questions never came")
	return ""
}

// multipartForm encodes fields and, when name is set, a file as a browser sends them.
func multipartForm(t *testing.T, fields [][2]string, name string, content []byte) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range fields {
		if err := mw.WriteField(f[0], f[1]); err != nil {
			t.Fatal(err)
		}
	}
	if name != "" {
		w, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(content); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType(), buf.Bytes()
}

// postAtOnce sends c parallelPosts times at once and returns the statuses, after checking each
// answer is a page of reasonable size (never the input echoed back).
func postAtOnce(t *testing.T, base string, c hostileCase) []int {
	codes := make([]int, parallelPosts)
	var wg sync.WaitGroup
	for i := range codes {
		wg.Go(func() {
			resp, err := http.Post(base+c.path, c.contentType, bytes.NewReader(c.body))
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				return
			}
			defer resp.Body.Close()
			page, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
			if len(page) > 1<<20 {
				t.Errorf("%s: a page of %d KiB", c.name, len(page)>>10)
			}
			codes[i] = resp.StatusCode
		})
	}
	wg.Wait()
	return codes
}

// watchHealth asks /health every 20 ms in the background; the function it returns gives the
// answer times since it was last called. The target is checked on the 95th percentile over the
// whole attack: a single sample also measures whatever else the machine was doing (other test
// packages run beside this one), and a window of one case holds too few samples to tell.
func watchHealth(t *testing.T, base string) func() []time.Duration {
	var mu sync.Mutex
	var samples []time.Duration
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	go func() {
		client := &http.Client{Timeout: 5 * time.Second}
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			start := time.Now()
			resp, err := client.Get(base + "/health")
			if err != nil {
				continue // the server stopping at the end of the test
			}
			resp.Body.Close()
			mu.Lock()
			samples = append(samples, time.Since(start))
			mu.Unlock()
		}
	}()
	return func() []time.Duration {
		mu.Lock()
		defer mu.Unlock()
		out := samples
		samples = nil
		return out
	}
}

// percentile returns the p-th percentile of samples (p = 100: the largest), 0 for none.
func percentile(samples []time.Duration, p int) time.Duration {
	if len(samples) == 0 {
		return 0
	}
	sorted := slices.Sorted(slices.Values(samples))
	return sorted[min(len(sorted)-1, len(sorted)*p/100)]
}

// startBuiltServer builds the program without the race detector, runs it on a fresh database,
// and returns its address and a reader of its /proc status fields (in kB).
func startBuiltServer(t *testing.T) (string, func(field string) int) {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "estimator")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	port := freePort(t)
	cmd := exec.Command(bin, "serve")
	cmd.Dir = dir
	// Every attack comes from one address: the rate limit on model routes would answer 429 before
	// the limits under test are reached.
	cmd.Env = append(os.Environ(), "PORT="+port, "LOG_LEVEL=warn", "DATABASE_URL="+filepath.Join(dir, "app.db"), "RATE_LIMIT_PER_MINUTE=0")
	var logs bytes.Buffer
	cmd.Stderr = &logs
	done := startCmd(t, cmd)
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-done
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	base := "http://127.0.0.1:" + port
	waitHealthy(t, base, done)
	fieldRE := regexp.MustCompile(`(?m)^(\w+):\s+(\d+) kB$`)
	return base, func(field string) int {
		status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range fieldRE.FindAllStringSubmatch(string(status), -1) {
			if m[1] == field {
				kb, _ := strconv.Atoi(m[2])
				return kb
			}
		}
		t.Fatalf("no %s in /proc status", field)
		return 0
	}
}
