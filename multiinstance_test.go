package main

import (
	"bufio"
	"bytes"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// TestTwoInstancesOnePostgres runs two real server processes on one PostgreSQL schema, with a
// real fake model process answering after a second: tasks created on either are estimated by
// both, a session made on one is valid on the other, the rate limit and the issuer's settings are
// shared, and when one is killed (SIGKILL) mid-run the other finishes every line exactly once,
// taking the dead one's units over when their lease expires.
func TestTwoInstancesOnePostgres(t *testing.T) {
	pgURL := os.Getenv("TEST_POSTGRES_URL")
	if pgURL == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("TEST_POSTGRES_URL is required in CI")
		}
		t.Skip("TEST_POSTGRES_URL not set")
	}
	schema := fmt.Sprintf("two_instances_%d", time.Now().UnixNano())
	db, err := sql.Open("pgx", pgURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = db.Exec(`DROP SCHEMA IF EXISTS ` + schema + ` CASCADE`)
		_ = db.Close()
	})

	dir := t.TempDir()
	bin := buildBinary(t, dir, "estimator", ".")
	model := startFakeModel(t, buildBinary(t, dir, "fakemodel", "./bench/fakemodel"), time.Second)
	env := []string{"DATABASE_URL=" + pgURL, "DB_SCHEMA=" + schema, "LLM_PROVIDER=openai", "OPENAI_API_KEY=test",
		"OPENAI_BASE_URL=" + model + "/v1", "MAX_PARALLEL_ESTIMATES=2", "QUESTION_COUNT=1", "LOG_LEVEL=info",
		"SESSION_SECRET=" + strings.Repeat("s", 40), "RATE_LIMIT_PER_MINUTE=1", "RATE_LIMIT_BURST=3"}
	// One cookie jar for both, as one browser behind a load balancer: cookies ignore the port.
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	a := startInstance(t, bin, dir, "a", env, jar) // migrates the schema first
	b := startInstance(t, bin, dir, "b", env, jar)

	// The rate limit is shared: one client gets its burst of 3 across both instances.
	client := "198.51.100.77"
	var ids []string
	for i, inst := range []*instance{a, b, a} {
		ids = append(ids, inst.createTask(t, client, fmt.Sprintf("見積 %d", i+1), 6))
	}
	if resp := b.postForm(t, "/tasks", client, taskForm("見積 4", 1)); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the 4th request of one client, on the other instance: %d, want 429", resp.StatusCode)
	}

	// A session made on one instance is read on the other: a deletion's flash message.
	resp := a.postForm(t, "/tasks/"+ids[2]+"/delete?return=%2Ftasks", "198.51.100.1", url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	if body := b.get(t, "/tasks"); !strings.Contains(body, "flash-message") {
		t.Error("the flash message set on one instance is not shown by the other")
	}
	// Settings saved on one are used by the other.
	settings := url.Values{"company": {"株式会社テスト商事"}, "validity_days": {"30"}, "number_format": {"YYYYMM-NNNN"}, "payment_terms": {"月末締め翌月末払い"}}
	if resp := b.postForm(t, "/settings", "198.51.100.2", settings); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("saving the settings: %d", resp.StatusCode)
	}
	if body := a.get(t, "/settings"); !strings.Contains(body, "株式会社テスト商事") {
		t.Error("settings saved on one instance are not shown by the other")
	}

	// Answer both tasks (one on each instance); then kill a once some lines are done.
	for i, id := range ids[:2] {
		waitFor(t, 30*time.Second, "questions of "+id, func() bool { return taskStatus(t, db, schema, id) == "awaiting_answers" })
		inst := []*instance{a, b}[i]
		if resp := inst.postForm(t, "/tasks/"+id+"/answers", fmt.Sprintf("198.51.100.%d", 10+i), url.Values{"answer": {"約100名"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("answers: %d", resp.StatusCode)
		}
	}
	waitFor(t, 30*time.Second, "two lines estimated", func() bool {
		return count(t, db, `SELECT COUNT(*) FROM `+schema+`.line_estimates WHERE status = 'done'`) >= 2
	})
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	a.wait()

	for _, id := range ids[:2] {
		waitFor(t, 90*time.Second, "task "+id+" estimated", func() bool { return taskStatus(t, db, schema, id) == "estimated" })
	}
	took := time.Since(killed)
	t.Logf("after the kill, the survivor finished in %s", took.Round(100*time.Millisecond))
	if lease := 30 * time.Second; took > lease+20*time.Second {
		t.Errorf("finishing took %s after the kill, want within the lease (%s) and the remaining work", took, lease)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM `+schema+`.task_lines l WHERE l.task_id IN ($1, $2) AND
		(SELECT COUNT(*) FROM `+schema+`.line_estimates e JOIN `+schema+`.estimate_runs r ON r.id = e.run_id
		 WHERE e.task_line_id = l.id AND e.status = 'done') <> 1`, ids[0], ids[1]); n != 0 {
		t.Errorf("%d lines are not estimated exactly once", n)
	}
	owners := count(t, db, `SELECT COUNT(DISTINCT split_part(lease_owner, '/', 2)) FROM `+schema+`.jobs
		WHERE kind = 'estimate_line' AND status = 'done' AND task_id IN ($1, $2)`, ids[0], ids[1])
	if owners != 2 {
		t.Errorf("lines were finished by %d processes, want both", owners)
	}
	if taken := count(t, db, `SELECT COUNT(*) FROM `+schema+`.jobs WHERE kind = 'estimate_line' AND attempts > 1 AND task_id IN ($1, $2)`, ids[0], ids[1]); taken == 0 {
		t.Log("no unit was in flight on the killed instance (it had finished its claims)")
	}
	if body := b.get(t, "/tasks/"+ids[0]); !strings.Contains(body, "data-minor") {
		t.Error("the survivor's page of an estimated task shows no amounts")
	}
}

// instance is one running server process.
type instance struct {
	name string
	base string
	cmd  *exec.Cmd
	done <-chan int
	logs *bytes.Buffer
	http *http.Client

	exit     sync.Once
	exitCode int
}

// wait waits for the process to end, however many times it is called.
func (i *instance) wait() int {
	i.exit.Do(func() { i.exitCode = <-i.done })
	return i.exitCode
}

func startInstance(t *testing.T, bin, dir, name string, env []string, jar http.CookieJar) *instance {
	t.Helper()
	port := freePort(t)
	cmd := exec.Command(bin, "serve")
	cmd.Dir = filepath.Join(dir, name)
	if err := os.MkdirAll(cmd.Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(append(os.Environ(), env...), "PORT="+port)
	inst := &instance{name: name, base: "http://127.0.0.1:" + port, cmd: cmd, logs: &bytes.Buffer{}}
	cmd.Stderr = inst.logs
	inst.done = startCmd(t, cmd)
	inst.http = &http.Client{Jar: jar, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		inst.wait()
		if t.Failed() {
			t.Logf("instance %s log:\n%s", name, inst.logs.String())
		}
	})
	waitHealthy(t, inst.base, inst.done)
	return inst
}

// do sends req as the client address behind the trusted proxy (loopback).
func (i *instance) do(t *testing.T, req *http.Request, client string) *http.Response {
	t.Helper()
	req.Header.Set("X-Forwarded-For", client)
	resp, err := i.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return resp
}

func (i *instance) postForm(t *testing.T, path, client string, v url.Values) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, i.base+path, strings.NewReader(v.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return i.do(t, req, client)
}

func (i *instance) get(t *testing.T, path string) string {
	t.Helper()
	resp, err := i.http.Get(i.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}

// createTask posts the new-estimate form with lines deliverables and returns the task's id.
func (i *instance) createTask(t *testing.T, client, title string, lines int) string {
	t.Helper()
	resp := i.postForm(t, "/tasks", client, taskForm(title, lines))
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/tasks/") {
		t.Fatalf("create on %s: %d, Location %q", i.name, resp.StatusCode, loc)
	}
	return strings.TrimPrefix(loc, "/tasks/")
}

func taskForm(title string, lines int) url.Values {
	v := url.Values{"title": {title}, "client_name": {"株式会社サンプル"}, "client_honorific": {"onchu"},
		"language": {"ja"}, "currency": {"JPY"}, "requirements": {"社内向け業務システム。利用者300名。"}}
	for n := range lines {
		v.Add("name", fmt.Sprintf("画面 %d（一覧・登録・詳細）", n+1))
		v.Add("description", "業務画面")
	}
	return v
}

// buildBinary builds the package at pkg into dir/name without the race detector.
func buildBinary(t *testing.T, dir, name, pkg string) string {
	t.Helper()
	bin := filepath.Join(dir, name)
	if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
		t.Fatalf("build %s: %v\n%s", pkg, err, out)
	}
	return bin
}

// startFakeModel runs bench/fakemodel answering after delay and returns its base URL.
func startFakeModel(t *testing.T, bin string, delay time.Duration) string {
	t.Helper()
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-delay", delay.String(), "-for", "10m")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	done := startCmd(t, cmd)
	t.Cleanup(func() { _ = cmd.Process.Kill(); <-done })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("fake model: %v", err)
	}
	return strings.TrimSpace(line)
}

func taskStatus(t *testing.T, db *sql.DB, schema, id string) string {
	t.Helper()
	var s string
	if err := db.QueryRow(`SELECT status FROM `+schema+`.tasks WHERE id = $1`, id).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func count(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s in vain for %s", limit, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
