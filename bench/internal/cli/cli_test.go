package cli

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	fs := FlagSet("x", io.Discard)
	n := fs.Int("n", 1, "")
	if err := Parse(fs, []string{"-n", "3"}); err != nil || *n != 3 {
		t.Errorf("Parse = %v, n = %d; want nil, 3", err, *n)
	}
	if err := Parse(FlagSet("x", io.Discard), []string{"extra"}); err == nil || err.Error() != `unexpected argument "extra"` {
		t.Errorf("a positional argument: %v", err)
	}
	if err := Parse(FlagSet("x", io.Discard), []string{"-h"}); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h = %v, want flag.ErrHelp", err)
	}
}

func TestReport(t *testing.T) {
	type result struct {
		N int `json:"n"`
	}
	text := func(w io.Writer, r result) error {
		_, err := io.WriteString(w, "text\n")
		return err
	}
	var b strings.Builder
	if err := Report(&b, result{2}, true, text); err != nil || b.String() != "{\n  \"n\": 2\n}\n" {
		t.Errorf("JSON report = %q, %v", b.String(), err)
	}
	b.Reset()
	if err := Report(&b, result{2}, false, text); err != nil || b.String() != "text\n" {
		t.Errorf("text report = %q, %v", b.String(), err)
	}
}
