package main

import (
	"strings"
	"testing"
	"time"

	"estimator/bench/internal/cputime"
)

func TestParsePage(t *testing.T) {
	html := `<html><body><main id="main" tabindex="-1" data-status="awaiting_answers" data-task-id="ab12">
<section id="estimate" data-status="awaiting_answers"><form>
<textarea id="answer-1" name="answer" rows="3"></textarea><textarea id="answer-2" name="answer"></textarea>
<textarea name="answerx"></textarea></form></section></main></body></html>`
	st, err := parsePage(html)
	if err != nil {
		t.Fatal(err)
	}
	if st.status != statusAwaitingAnswers || st.answers != 2 {
		t.Errorf("parsePage = %+v, want awaiting_answers with 2 answers", st)
	}
	// Only <main> counts: a fragment's data-status says nothing about the page.
	if _, err := parsePage(`<main id="main"><section data-status="estimated"></section></main>`); err == nil {
		t.Error("a page without <main data-status> was accepted")
	}
}

func TestTaskFields(t *testing.T) {
	ct, body, err := taskFields(0, 25, "en").finish()
	if err != nil {
		t.Fatal(err)
	}
	if ct == "" || len(body) == 0 {
		t.Fatal("empty form")
	}
	for _, want := range []string{`name="title"`, `name="currency"`, "USD", "Operations manual", "Order list screen 2"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("form lacks %q", want)
		}
	}
}

func TestParseStatCPU(t *testing.T) {
	// The command name may hold spaces and parentheses; utime 250 + stime 50 ticks = 3 s.
	stat := "42 (est (imator) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 9 0 100 0 0"
	if d, err := cputime.ParseProcessStat([]byte(stat)); err != nil || d != 3*time.Second {
		t.Errorf("ParseProcessStat = %v, %v; want 3s", d, err)
	}
}

func TestCPUBetween(t *testing.T) {
	a := cpuSample{at: time.Unix(0, 0)}
	b := cpuSample{at: time.Unix(2, 0), server: time.Second,
		Sample: cputime.Sample{Self: time.Second / 2, Machine: cputime.Jiffies{Busy: 100, Total: 200}}}
	r := cpuBetween(a, b)
	want := 0.5 * float64(r.Cores)
	if r.ServerCores != 0.5 || r.DriverCores != 0.25 || r.MachineCores != want || r.OtherCores != max(want-0.75, 0) {
		t.Errorf("cpuBetween = %+v", r)
	}
}
