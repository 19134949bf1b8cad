package openai

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"estimator/llm/internal/sample"
)

// Bounds of TestOpenAIPromptSize, in characters sent by the questions call and the nine line
// calls of the sample. Japanese: what the predecessor sent for the same sample. English takes
// about four characters a token where Japanese takes one, so it gets the same reduction instead:
// the previous prompts sent 29,452 characters for the Japanese sample in a real run and, with
// this fixture, 55,069 for the English one, and 55,069 × 15,476 / 29,452 = 28,937.
var promptSizeBounds = map[string]int{"ja": 15_476, "en": 28_937}

// minSharedPercent is how much of each line call's prompt must repeat the previous line's from
// its first character: the part a provider's prompt cache can serve.
const minSharedPercent = 85

// promptSize is what one request sends: the characters of its messages, and of the answer's JSON
// schema when it travels in response_format (json_schema mode; in json_object mode it is part
// of the system prompt, so of the messages).
type promptSize struct {
	messages, schema int
}

func measureRequest(tb testing.TB, o *Engine, c conversation) (promptSize, string) {
	tb.Helper()
	req := o.request(c)
	var text strings.Builder
	for _, m := range req.Messages {
		text.WriteString(m.Content)
	}
	s := promptSize{messages: utf8.RuneCountInString(text.String())}
	if f := req.ResponseFormat; f != nil && f.JSONSchema != nil {
		raw, err := json.Marshal(f.JSONSchema.Schema)
		if err != nil {
			tb.Fatal(err)
		}
		s.schema = utf8.RuneCount(raw)
	}
	return s, text.String()
}

// sharedPrefix is the length, in characters, of the common start of a and b.
func sharedPrefix(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[n] == rb[n] {
		n++
	}
	return n
}

// TestOpenAIPromptSize builds every request of the sample task as a run makes them, in both
// languages: the questions (before any answer), then the nine lines with the sample's answers.
// It checks the characters sent against promptSizeBounds and that each line call after the
// first repeats at least minSharedPercent of its prompt from the previous one. Run it with -v
// for the figures that BENCHMARKS.md reports ("Prompt size").
func TestOpenAIPromptSize(t *testing.T) {
	o := promptEngine(t, "")
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			task := sample.Answered(lang)
			asked := task
			asked.Answers = nil
			c, err := o.questionsConversation(asked, len(task.Answers))
			if err != nil {
				t.Fatal(err)
			}
			total, _ := measureRequest(t, o, c)
			t.Logf("questions: %d characters of messages, %d of schema", total.messages, total.schema)
			var prev string
			for i := range task.Lines {
				c, err := o.lineConversation(task, i)
				if err != nil {
					t.Fatal(err)
				}
				size, text := measureRequest(t, o, c)
				total.messages += size.messages
				total.schema += size.schema
				shared := ""
				if i > 0 {
					n := sharedPrefix(prev, text)
					percent := float64(n) * 100 / float64(size.messages)
					shared = fmt.Sprintf(", the first %d shared with line %d (%.2f %%)", n, i, percent)
					if percent < minSharedPercent {
						t.Errorf("line %d shares %.1f %% of its prompt with line %d, want at least %d %%", i+1, percent, i, minSharedPercent)
					}
				}
				t.Logf("line %d: %d characters of messages, %d of schema%s", i+1, size.messages, size.schema, shared)
				prev = text
			}
			t.Logf("total of %d calls: %d characters of messages, %d of schema, %d together",
				len(task.Lines)+1, total.messages, total.schema, total.messages+total.schema)
			if bound := promptSizeBounds[lang]; total.messages > bound {
				t.Errorf("the sample sends %d characters of messages, more than %d", total.messages, bound)
			}
		})
	}
}
