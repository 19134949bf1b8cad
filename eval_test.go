package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"estimator/llm/eval"
)

// fakeModel is an OpenAI-compatible server that estimates every deliverable at 12.0
// person-days, each call billed 1,000 prompt and 200 completion tokens; with status other than
// 200 it refuses every call with that status.
func fakeModel(t *testing.T, status int) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		var req struct {
			ResponseFormat struct {
				JSONSchema struct {
					Name string `json:"name"`
				} `json:"json_schema"`
			} `json:"response_format"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || r.URL.Path != "/v1/chat/completions" ||
			req.ResponseFormat.JSONSchema.Name != "estimate_line" {
			http.Error(w, `{"error":{"message":"only estimate_line is offered"}}`, http.StatusBadRequest)
			return
		}
		if status != http.StatusOK {
			http.Error(w, `{"error":{"message":"refused by the test"}}`, status)
			return
		}
		content := `{"reasoning":"Sized from the description and the answers.","assumptions":["Standard stack"],` +
			`"risks":["Scope creep"],"phases":{"requirements":1.5,"design":2,"implementation":5.5,"testing":2,` +
			`"documentation":1},"optimistic":9.5,"pessimistic":16,"confidence":"medium"}`
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":"x","object":"chat.completion","created":1,"model":"gpt-4o-mini",`+
			`"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":%q}}],`+
			`"usage":{"prompt_tokens":1000,"completion_tokens":200,"total_tokens":1200}}`, content)
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

// referenceCases is the absolute path of the reference cases, so that a test can leave the
// repository (and its .env, if any) for a temporary directory.
func referenceCases(t *testing.T) (string, []eval.Case) {
	t.Helper()
	dir, err := filepath.Abs(defaultCasesDir)
	if err != nil {
		t.Fatal(err)
	}
	cases, err := eval.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return dir, cases
}

// rows maps each case id in the table to the fields of its row.
func rows(out string) map[string][]string {
	rows := map[string][]string{}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			rows[f[0]] = f
		}
	}
	return rows
}

func TestEvalOpenAI(t *testing.T) {
	dir, cases := referenceCases(t)
	t.Chdir(t.TempDir())
	srv, calls := fakeModel(t, http.StatusOK)
	code, out, errOut := runCmd(t, []string{"OPENAI_BASE_URL=" + srv.URL + "/v1"}, "eval", "--engine", "openai", "--cases", dir)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if !strings.HasPrefix(out, fmt.Sprintf("engine: gpt-4o-mini, %d reference cases\n", len(cases))) {
		t.Errorf("header: %q", strings.SplitN(out, "\n", 2)[0])
	}
	table := rows(out)
	var lines int
	for _, c := range cases {
		lines += len(c.Lines)
		row := table[c.ID]
		n := len(c.Lines)
		// 12.0 person-days a line; calls, tokens in, tokens out and the cost end the row: each call
		// 1,000 input tokens at $0.15 and 200 output tokens at $0.60 a million, 270 micro-USD.
		cost := 270 * n
		want := []string{formatDays(120 * n), fmt.Sprint(n), fmt.Sprint(1000 * n), fmt.Sprint(200 * n), fmt.Sprintf("$%d.%04d", cost/1_000_000, cost%1_000_000/100)}
		if len(row) < 16 || row[2] != want[0] || strings.Join(row[len(row)-4:], " ") != strings.Join(want[1:], " ") {
			t.Errorf("%s: row %q, want %s person-days, %s calls, %s/%s tokens, %s", c.ID, row, want[0], want[1], want[2], want[3], want[4])
		}
	}
	if int(calls.Load()) != lines {
		t.Errorf("the model was called %d times for %d lines", calls.Load(), lines)
	}
	if want := fmt.Sprintf("calls: %d; tokens: %d in, %d out", lines, 1000*lines, 200*lines); !strings.Contains(out, want) {
		t.Errorf("summary lacks %q:\n%s", want, out)
	}
}

// formatDays writes tenths of a person-day as the table does.
func formatDays(tenths int) string { return fmt.Sprintf("%d.%d", tenths/10, tenths%10) }

func TestEvalReportsFailedLines(t *testing.T) {
	dir, _ := referenceCases(t)
	one := t.TempDir()
	b, err := os.ReadFile(filepath.Join(dir, "website-en.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(one, "website-en.json"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	srv, _ := fakeModel(t, http.StatusUnprocessableEntity)
	code, out, errOut := runCmd(t, []string{"OPENAI_BASE_URL=" + srv.URL + "/v1", "OPENAI_MAX_RETRIES=0"},
		"eval", "--engine", "openai", "--cases", one)
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	if !strings.Contains(out, "failed (6 of 6 lines)") || !strings.Contains(out, "failed lines:") {
		t.Errorf("the table does not show the failed lines:\n%s", out)
	}
	if !strings.Contains(errOut, "the engine failed 6 of 6 lines") {
		t.Errorf("stderr %q", errOut)
	}
}

func TestEvalUsage(t *testing.T) {
	dir, _ := referenceCases(t)
	t.Chdir(t.TempDir())
	for _, tt := range []struct {
		env  []string
		args []string
		want string
	}{
		{nil, []string{"eval", "--engine", "openai", "--cases", dir}, "needs a model endpoint"},
		{nil, []string{"eval", "--engine", "gpt", "--cases", dir}, `--engine "gpt"`},
		{nil, []string{"eval", "--engine", "offline", "--cases", filepath.Join(dir, "missing")}, "reference cases"},
		{nil, []string{"eval", "--engine", "offline", "extra"}, `unexpected argument "extra"`},
		{nil, []string{"migrate", "--engine", "offline"}, "not defined: -engine"},
	} {
		code, _, errOut := runCmd(t, tt.env, tt.args...)
		if code != exitUsage || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, errOut, exitUsage, tt.want)
		}
	}
}

// TestEvalOffline runs the offline model over the reference cases. It checks that every case is
// estimated and that the report is reproducible, not where the figures fall.
func TestEvalOffline(t *testing.T) {
	dir, cases := referenceCases(t)
	t.Chdir(t.TempDir())
	// A configured model must not be used when the offline engine is asked for.
	env := []string{"OPENAI_API_KEY=sk-test-0123456789abcdef", "OPENAI_BASE_URL=http://127.0.0.1:1/v1"}
	code, out, errOut := runCmd(t, env, "eval", "--engine", "offline", "--cases", dir)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if !strings.HasPrefix(out, "engine: offline,") {
		t.Errorf("header: %q", strings.SplitN(out, "\n", 2)[0])
	}
	table := rows(out)
	for _, c := range cases {
		if row := table[c.ID]; len(row) < 16 || strings.HasPrefix(row[2], "failed") || row[len(row)-4] != fmt.Sprint(len(c.Lines)) {
			t.Errorf("%s: row %q, want every one of its %d lines estimated", c.ID, row, len(c.Lines))
		}
	}
	if _, again, _ := runCmd(t, env, "eval", "--engine", "offline", "--cases", dir); again != out {
		t.Errorf("a second run printed another table:\n%s\nfirst:\n%s", again, out)
	}
}
