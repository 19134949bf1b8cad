package eval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// validCase is a complete case file; the validation tests break it one field at a time.
const validCase = `{
  "id": "small",
  "language": "ja",
  "title": "小さなシステム",
  "requirements": "画面3つの社内システム",
  "lines": [
    {"name": "画面開発", "description": "3画面"},
    {"name": "テスト", "description": "結合テストと総合テスト"},
    {"name": "マニュアル", "description": "操作マニュアル"}
  ],
  "answers": [{"question": "利用者は？", "answer": "約10名"}],
  "expect": {
    "total": {"min": 20, "max": 40.5},
    "phases": {
      "requirements": {"min": 0.05, "max": 0.15},
      "design": {"min": 0.22, "max": 0.40},
      "implementation": {"min": 0.20, "max": 0.40},
      "testing": {"min": 0.20, "max": 0.40},
      "documentation": {"min": 0, "max": 0.10}
    }
  },
  "source": "test"
}`

func writeCase(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestLoadValid(t *testing.T) {
	dir := t.TempDir()
	writeCase(t, dir, "small.json", validCase)
	writeCase(t, dir, "README.md", "not a case") // other files are ignored
	cases, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 1 {
		t.Fatalf("got %d cases, want 1", len(cases))
	}
	c := cases[0]
	if c.ID != "small" || c.Language != "ja" || len(c.Lines) != 3 || c.Lines[2].Name != "マニュアル" ||
		len(c.Answers) != 1 || c.Answers[0].Answer != "約10名" {
		t.Errorf("case read as %+v", c)
	}
	if c.Expect.Total != (Band{Min: 200, Max: 405}) {
		t.Errorf("total band %+v, want tenths 200–405", c.Expect.Total)
	}
	if c.Expect.Phases[1] != (ShareBand{Min: 0.22, Max: 0.40}) || c.Expect.Phases[4] != (ShareBand{Min: 0, Max: 0.10}) {
		t.Errorf("phase bands %+v", c.Expect.Phases)
	}
	task := c.Task()
	if task.Language != "ja" || task.Title != c.Title || len(task.Lines) != 3 || task.Answers[0].Question != "利用者は？" {
		t.Errorf("task %+v", task)
	}
}

// edit is a change to the decoded validCase.
type edit func(m map[string]any)

func object(m map[string]any, keys ...string) map[string]any {
	for _, k := range keys {
		m = m[k].(map[string]any)
	}
	return m
}

func TestLoadRefusesIncompleteCases(t *testing.T) {
	tests := []struct {
		name string
		file string
		edit edit
		want string
	}{
		{"no title", "small.json", func(m map[string]any) { m["title"] = " " }, "title is missing"},
		{"no requirements", "small.json", func(m map[string]any) { delete(m, "requirements") }, "requirements is missing"},
		{"language", "small.json", func(m map[string]any) { m["language"] = "fr" }, `language "fr"`},
		{"no lines", "small.json", func(m map[string]any) { m["lines"] = []any{} }, "lines: at least one"},
		{"empty description", "small.json", func(m map[string]any) {
			m["lines"] = []any{map[string]any{"name": "画面開発"}}
		}, "lines[0].description is missing"},
		{"no answers", "small.json", func(m map[string]any) { delete(m, "answers") }, "answers: at least one"},
		{"empty answer", "small.json", func(m map[string]any) {
			m["answers"] = []any{map[string]any{"question": "利用者は？", "answer": ""}}
		}, "answers[0].answer is missing"},
		{"no source", "small.json", func(m map[string]any) { m["source"] = "" }, "source is missing"},
		{"unknown field", "small.json", func(m map[string]any) { m["expected"] = m["expect"] }, `unknown field "expected"`},
		{"no expect", "small.json", func(m map[string]any) { delete(m, "expect") }, "expect is missing"},
		{"no total", "small.json", func(m map[string]any) { delete(object(m, "expect"), "total") }, "expect.total is missing"},
		{"band without max", "small.json", func(m map[string]any) { delete(object(m, "expect", "total"), "max") }, "expect.total needs min and max"},
		{"band reversed", "small.json", func(m map[string]any) { object(m, "expect", "total")["min"] = 50 }, "want 0 < min < max, got 50.0–40.5"},
		{"band from zero", "small.json", func(m map[string]any) { object(m, "expect", "total")["min"] = 0 }, "want 0 < min < max"},
		{"two decimals", "small.json", func(m map[string]any) { object(m, "expect", "total")["max"] = 40.25 }, "at most one decimal"},
		{"negative days", "small.json", func(m map[string]any) { object(m, "expect", "total")["min"] = -20 }, "at most one decimal"},
		{"missing phase", "small.json", func(m map[string]any) { delete(object(m, "expect", "phases"), "design") }, "expect.phases.design needs min and max"},
		{"unknown phase", "small.json", func(m map[string]any) { object(m, "expect", "phases")["tests"] = map[string]any{"min": 0, "max": 1} }, "expect.phases.tests: not a phase"},
		{"share above 1", "small.json", func(m map[string]any) { object(m, "expect", "phases", "testing")["max"] = 1.5 }, "want 0 ≤ min ≤ max ≤ 1"},
		{"share reversed", "small.json", func(m map[string]any) { object(m, "expect", "phases", "testing")["min"] = 0.5 }, "want 0 ≤ min ≤ max ≤ 1"},
		{"minimums above 1", "small.json", func(m map[string]any) {
			object(m, "expect", "phases")["documentation"] = map[string]any{"min": 0.5, "max": 0.6}
		}, "the minimums add up to 1.17"},
		{"maximums below 1", "small.json", func(m map[string]any) {
			object(m, "expect", "phases")["documentation"] = map[string]any{"min": 0, "max": 0}
			for _, p := range []string{"design", "implementation"} {
				object(m, "expect", "phases", p)["max"] = 0.3
			}
			object(m, "expect", "phases", "testing")["max"] = 0.2
		}, "the maximums to 0.95"},
		{"id differs from file", "other.json", func(map[string]any) {}, `id "small" differs from the file name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m map[string]any
			if err := json.Unmarshal([]byte(validCase), &m); err != nil {
				t.Fatal(err)
			}
			tt.edit(m)
			b, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			writeCase(t, dir, tt.file, string(b))
			_, err = Load(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.file) {
				t.Errorf("Load: %v; want an error naming %s and saying %q", err, tt.file, tt.want)
			}
		})
	}
}

func TestLoadRefusesTextAfterTheCase(t *testing.T) {
	dir := t.TempDir()
	writeCase(t, dir, "small.json", validCase+"\n{}")
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "text after the JSON object") {
		t.Errorf("Load: %v", err)
	}
}

func TestLoadReportsEveryProblemOfAFile(t *testing.T) {
	dir := t.TempDir()
	content := strings.NewReplacer(`"title": "小さなシステム"`, `"title": ""`, `"language": "ja"`, `"language": ""`).Replace(validCase)
	writeCase(t, dir, "small.json", content)
	_, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), "title is missing") || !strings.Contains(err.Error(), `language ""`) {
		t.Errorf("Load: %v; want both problems", err)
	}
}

func TestLoadEmptyOrMissingDirectory(t *testing.T) {
	if _, err := Load(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no reference cases") {
		t.Errorf("empty directory: %v", err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("missing directory: no error")
	}
}

// TestReferenceCases checks the suite itself: it loads, covers both languages, and the cases
// written in both languages expect the same of an estimate.
func TestReferenceCases(t *testing.T) {
	cases, err := Load("../testdata/reference")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 10 {
		t.Errorf("%d reference cases, want at least 10", len(cases))
	}
	byID := map[string]Case{}
	langs := map[string]int{}
	for _, c := range cases {
		byID[c.ID] = c
		langs[c.Language]++
		if !strings.HasSuffix(c.ID, "-"+c.Language) {
			t.Errorf("%s: the id should end in its language, -%s, so that twins pair up", c.ID, c.Language)
		}
	}
	if langs["ja"] < 3 || langs["en"] < 3 {
		t.Errorf("languages %v: want both well covered", langs)
	}
	pairs := 0
	for id, ja := range byID {
		base, ok := strings.CutSuffix(id, "-ja")
		if !ok {
			continue
		}
		en, ok := byID[base+"-en"]
		if !ok {
			continue
		}
		pairs++
		if ja.Expect != en.Expect {
			t.Errorf("%s and %s describe the same system but expect %+v and %+v", id, en.ID, ja.Expect, en.Expect)
		}
		if len(ja.Lines) != len(en.Lines) {
			t.Errorf("%s has %d lines, %s %d", id, len(ja.Lines), en.ID, len(en.Lines))
		}
	}
	if pairs < 3 {
		t.Errorf("%d cases in both languages, want at least 3", pairs)
	}
}
