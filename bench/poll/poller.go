package main

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sync"
	"time"
)

// pollURL finds the progress fragment's URL in a page or fragment: the hx-get of the section
// that polls (hx-trigger "every …"). "" when nothing polls any more.
var pollURL = regexp.MustCompile(`<section id="estimate"[^>]* hx-get="([^"]+)"`)

// poller is one open page: it polls the URL its last answer named, as htmx does.
type poller struct {
	client *http.Client
	base   *url.URL
	next   string // the poll URL, resolved against base
	tally  *tally
}

// open fetches the page and finds its poll URL.
func (p *poller) open(ctx context.Context, page string) error {
	body, _, err := p.get(ctx, page, false)
	if err != nil {
		return err
	}
	return p.follow(body)
}

// follow takes the next poll URL from a page or fragment.
func (p *poller) follow(body string) error {
	m := pollURL.FindStringSubmatch(body)
	if m == nil {
		return fmt.Errorf("%s does not poll: is the task's work pending?", p.base)
	}
	ref, err := url.Parse(html.UnescapeString(m[1]))
	if err != nil {
		return fmt.Errorf("poll URL %q: %w", m[1], err)
	}
	p.next = p.base.ResolveReference(ref).String()
	return nil
}

// poll sends one poll and acts on the answer: 204 changes nothing; a fragment (a change) brings
// the next poll URL; HX-Refresh (the status changed) reloads the page. It returns false when
// polling has ended: the page polls no more.
func (p *poller) poll(ctx context.Context, page string) bool {
	start := time.Now()
	polled := p.next
	body, resp, err := p.get(ctx, polled, true)
	if err != nil {
		p.tally.failure()
		return ctx.Err() == nil
	}
	p.tally.answer(resp.StatusCode, time.Since(start))
	if resp.StatusCode != http.StatusOK {
		return true
	}
	p.tally.change(polled, start)
	if resp.Header.Get("HX-Refresh") != "" {
		return p.open(ctx, page) == nil
	}
	return p.follow(body) == nil
}

func (p *poller) get(ctx context.Context, target string, htmx bool) (string, *http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return "", nil, err
	}
	if htmx {
		req.Header.Set("HX-Request", "true")
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return "", nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return string(body), resp, err
}

// tally gathers every poller's answers.
type tally struct {
	mu        sync.Mutex
	statuses  map[int]int
	latencies []time.Duration
	failures  int
	// seen is, for each poll URL (one per version of the page), when the first and the last page
	// polling it got the change.
	seen map[string][2]time.Time
}

func newTally() *tally {
	return &tally{statuses: map[int]int{}, seen: map[string][2]time.Time{}}
}

func (t *tally) answer(status int, d time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.statuses[status]++
	t.latencies = append(t.latencies, d)
}

func (t *tally) failure() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.failures++
}

func (t *tally) change(next string, at time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s, ok := t.seen[next]
	if !ok {
		s[0] = at
	}
	s[1] = at
	t.seen[next] = s
}
