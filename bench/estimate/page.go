package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
)

// maxPageBytes bounds how much of a task page is read; a 20-line result page is far smaller.
const maxPageBytes = 8 << 20

// Task statuses as <main data-status> shows them.
const (
	statusAwaitingAnswers = "awaiting_answers"
	statusEstimated       = "estimated"
	statusFailed          = "failed"
)

var (
	mainTag     = regexp.MustCompile(`<main\b[^>]*>`)
	statusAttr  = regexp.MustCompile(`\bdata-status="([a-z_]+)"`)
	answerField = regexp.MustCompile(`<textarea\b[^>]*\bname="answer"`)
)

// pageState is what the driver reads from a task page.
type pageState struct {
	status  string // <main data-status>
	answers int    // textareas named answer: one per question
}

// parsePage reads the status from the <main> element (the page's other data-status attributes
// belong to fragments) and counts the answer fields.
func parsePage(html string) (pageState, error) {
	tag := mainTag.FindString(html)
	m := statusAttr.FindStringSubmatch(tag)
	if m == nil {
		return pageState{}, fmt.Errorf("no <main data-status> in the page")
	}
	return pageState{status: m[1], answers: len(answerField.FindAllStringIndex(html, -1))}, nil
}

// fetchPage gets GET /tasks/{id} and parses it.
func fetchPage(ctx context.Context, c *http.Client, base, id string) (pageState, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/tasks/"+id, nil)
	if err != nil {
		return pageState{}, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return pageState{}, err
	}
	defer resp.Body.Close()
	var b strings.Builder
	if _, err := io.Copy(&b, io.LimitReader(resp.Body, maxPageBytes)); err != nil {
		return pageState{}, err
	}
	if resp.StatusCode != http.StatusOK {
		return pageState{}, fmt.Errorf("GET /tasks/%s: status %d", id, resp.StatusCode)
	}
	return parsePage(b.String())
}
