package openai

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"estimator/llm"
	"estimator/llm/internal/sample"
)

// TestOpenAIRepair: an invalid answer gets one repair request in the same conversation,
// carrying what was wrong, and the valid second answer is used.
func TestOpenAIRepair(t *testing.T) {
	phases := func(p ...string) string {
		return lineJSON([5]string{p[0], p[1], p[2], p[3], p[4]}, "1", "900")
	}
	cases := []struct {
		name    string
		bad     fakeReply
		problem string // part of the repair message
	}{
		{"malformed", fakeAnswer(`{"reasoning": "x", "phases": {`), "not the requested JSON object"},
		{"not JSON", fakeAnswer(`I estimate about 12 person-days.`), "not the requested JSON object"},
		{"truncated", fakeAnswerWith(`{"reasoning":"長い説明`, "length", 100, 4096), "cut off"},
		{"phase too large", fakeAnswer(phases("1", "600", "0", "0", "0")), "phases.design = 600 exceeds the maximum of 500.0 person-days"},
		{"negative", fakeAnswer(phases("1", "-2", "0", "0", "0")), "phases.design = -2 is negative"},
		{"three decimals", fakeAnswer(phases("1", "2.125", "0", "0", "0")), "phases.design = 2.125 has more than one decimal"},
		{"exponent", fakeAnswer(phases("1", "1e1", "0", "0", "0")), "uses an exponent"},
		{"all zero", fakeAnswer(phases("0", "0", "0.0", "0", "0")), "all phases are 0"},
		{"missing", fakeAnswer(`{"reasoning":"r","assumptions":[],"risks":[],"phases":{"design":1},"optimistic":1,"pessimistic":2,"confidence":"low"}`), "phases.requirements is missing"},
		{"confidence", fakeAnswer(strings.Replace(validLine, `"medium"`, `"certain"`, 1)), `confidence = "certain"`},
		{"no reasoning", fakeAnswer(strings.Replace(validLine, `"画面20・帳票10を前提に工程別に積み上げた。"`, `"  "`, 1)), "reasoning is empty"},
		{"long reasoning", fakeAnswer(strings.Replace(validLine, `"画面20・帳票10を前提に工程別に積み上げた。"`, `"`+strings.Repeat("長", 2001)+`"`, 1)), "reasoning has 2001 characters"},
		{"too many risks", fakeAnswer(strings.Replace(validLine, `"risks":["帳票の追加要望が出る。"]`, `"risks":["a","b","c","d","e","f","g","h","i"]`, 1)), "risks has 9 items"},
		{"refusal", fakeReply{status: 200, body: `{"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","refusal":"I can't help with that."}}]}`}, "refused"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAPI(t, tc.bad, fakeAnswer(validLine))
			e := newTestEngine(t, f, nil)
			est, _, err := e.EstimateLine(context.Background(), sample.Task("ja"), 0)
			if err != nil {
				t.Fatalf("repair failed: %v", err)
			}
			if est.Phases != [5]int64{15, 80, 0, 20, 10} {
				t.Errorf("estimate = %+v, want the repaired answer", est)
			}
			reqs := f.requests()
			if len(reqs) != 2 {
				t.Fatalf("%d requests, want the answer and one repair", len(reqs))
			}
			first, _ := reqs[0].messages(t)
			roles, contents := reqs[1].messages(t)
			last := contents[len(contents)-1]
			if !slices.Equal(roles[:3], first) || roles[len(roles)-1] != "user" || !strings.Contains(last, tc.problem) {
				t.Errorf("repair request roles %v, last message:\n%s\nwant it to carry %q", roles, last, tc.problem)
			}
			if !strings.HasPrefix(last, "直前の回答は次の理由で無効でした") {
				t.Errorf("repair message not in the task's language: %s", last)
			}
			if len(roles) == 5 && roles[3] != "assistant" {
				t.Errorf("the invalid answer is not in the conversation: roles %v", roles)
			}
		})
	}
}

func TestOpenAIRepairFailsTwice(t *testing.T) {
	bad := lineJSON([5]string{"0", "0", "0", "0", "0"}, "0", "0")
	f := newFakeAPI(t, fakeAnswer(bad), fakeAnswer(bad), fakeAnswer(validLine))
	e := newTestEngine(t, f, func(c *Config) { c.BreakerThreshold = 1 })
	est, usage, err := e.EstimateLine(context.Background(), sample.Task("en"), 0)
	if errKind(t, err) != llm.KindInvalidAnswer || llm.IsUnavailable(err) {
		t.Fatalf("err = %v, want invalid_answer", err)
	}
	if est.Phases != [5]int64{} || est.Reasoning != "" {
		t.Errorf("a failed line returned figures: %+v", est)
	}
	if usage.InputTokens != 200 {
		t.Errorf("usage = %+v, want both calls counted", usage)
	}
	if !strings.Contains(errorsAs(t, err).UserMessage(), "all phases are 0") {
		t.Errorf("user message %q does not say why", errorsAs(t, err).UserMessage())
	}
	// An invalid answer is not a service failure: the breaker (threshold 1) stays closed.
	if _, _, err := e.EstimateLine(context.Background(), sample.Task("en"), 0); err != nil {
		t.Errorf("call after an invalid answer: %v", err)
	}
}

func TestOpenAIRangeRepairedByOrdering(t *testing.T) {
	cases := []struct {
		optimistic, pessimistic string
		wantOpt, wantPess       int64
	}{
		{"20", "5", 50, 200},   // swapped
		{"14", "16", 125, 160}, // widened down to the sum, 12.5
		{"3", "10.0", 30, 125}, // widened up to the sum
		{"12.5", "12.5", 125, 125},
	}
	for _, tc := range cases {
		f := newFakeAPI(t, fakeAnswer(lineJSON([5]string{"1.5", "8", "0", "2.0", "1"}, tc.optimistic, tc.pessimistic)))
		est, _, err := newTestEngine(t, f, nil).EstimateLine(context.Background(), sample.Task("ja"), 0)
		if err != nil {
			t.Fatal(err)
		}
		if est.Optimistic != tc.wantOpt || est.Pessimistic != tc.wantPess || len(f.requests()) != 1 {
			t.Errorf("range %s–%s became %d–%d tenths after %d requests, want %d–%d after 1",
				tc.optimistic, tc.pessimistic, est.Optimistic, est.Pessimistic, len(f.requests()), tc.wantOpt, tc.wantPess)
		}
	}
}

func TestOpenAICodeFenceTolerated(t *testing.T) {
	f := newFakeAPI(t, fakeAnswer("```json\n"+validLine+"\n```"))
	if _, _, err := newTestEngine(t, f, nil).EstimateLine(context.Background(), sample.Task("ja"), 0); err != nil || len(f.requests()) != 1 {
		t.Errorf("err = %v after %d requests", err, len(f.requests()))
	}
}

func TestOpenAIQuestionsRepair(t *testing.T) {
	cases := map[string]struct{ bad, problem string }{
		"count":     {`{"questions":[{"text":"画面数は?","rationale":"工数に効くため。"}]}`, "exactly 3"},
		"duplicate": {`{"questions":[{"text":"画面数は?","rationale":"r"},{"text":" 画面数は? ","rationale":"r"},{"text":"帳票数は?","rationale":"r"}]}`, "questions[1] repeats questions[0]"},
		"asked":     {`{"questions":[{"text":"AWS上に構築しますか?","rationale":"r"},{"text":"本番環境はオンプレミスとクラウドのどちらですか?","rationale":"r"},{"text":"帳票数は?","rationale":"r"}]}`, "questions[1] repeats a question already asked"},
		"long":      {`{"questions":[{"text":"` + strings.Repeat("長", 301) + `","rationale":"r"},{"text":"b","rationale":"r"},{"text":"c","rationale":"r"}]}`, "questions[0].text has 301 characters"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := newFakeAPI(t, fakeAnswer(tc.bad), fakeAnswer(validQuestions))
			qs, _, err := newTestEngine(t, f, nil).Questions(context.Background(), sample.Task("ja"), 3)
			if err != nil || len(qs) != 3 {
				t.Fatalf("questions %v, err %v", qs, err)
			}
			_, contents := f.requests()[1].messages(t)
			if last := contents[len(contents)-1]; !strings.Contains(last, tc.problem) {
				t.Errorf("repair message %q lacks %q", last, tc.problem)
			}
		})
	}
}

func TestParseFixed(t *testing.T) {
	cases := []struct {
		in       string
		decimals int
		want     int64
		problem  string
	}{
		{"12.3", 1, 123, ""},
		{"12.30", 1, 123, ""},
		{"12", 1, 120, ""},
		{"0", 1, 0, ""},
		{"-0.0", 1, 0, ""},
		{"0.1", 1, 1, ""},
		{"500.0", 1, 5000, ""},
		{"12.25", 1, 0, "has more than one decimal"},
		{"-1", 1, 0, "is negative"},
		{"1.2e1", 1, 0, "uses an exponent"},
		{"", 1, 0, "is missing"},
		{"99999999999999999999", 1, 0, "is far too large"},
		{"300000", 0, 300000, ""},
		{"300000.0", 0, 300000, ""},
		{"1000.5", 0, 0, "is not a whole number"},
	}
	for _, tc := range cases {
		got, problem := parseFixed(json.Number(tc.in), tc.decimals)
		if got != tc.want || !strings.Contains(problem, tc.problem) || (tc.problem == "") != (problem == "") {
			t.Errorf("parseFixed(%q, %d) = %d, %q; want %d, %q", tc.in, tc.decimals, got, problem, tc.want, tc.problem)
		}
	}
}

// TestOpenAISchemasStrict checks what strict mode demands of every object of every schema:
// all properties required and no others allowed.
func TestOpenAISchemasStrict(t *testing.T) {
	for name, s := range map[string]jsonSchema{"questions": questionsSchema(), "line": lineSchema(), "chat": chatSchema()} {
		raw, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var node map[string]any
		if err := json.Unmarshal(raw, &node); err != nil {
			t.Fatal(err)
		}
		checkStrict(t, name, node)
	}
}

func checkStrict(t *testing.T, path string, node map[string]any) {
	t.Helper()
	if node["type"] == "object" {
		props, _ := node["properties"].(map[string]any)
		required, _ := node["required"].([]any)
		if node["additionalProperties"] != false || len(required) != len(props) || len(props) == 0 {
			t.Errorf("%s: object is not strict: %v", path, node)
		}
		for _, r := range required {
			if _, ok := props[r.(string)]; !ok {
				t.Errorf("%s: %v is required but not a property", path, r)
			}
		}
		for name, p := range props {
			checkStrict(t, path+"."+name, p.(map[string]any))
		}
	}
	if items, ok := node["items"].(map[string]any); ok {
		checkStrict(t, path+"[]", items)
	}
}
