package main

import (
	"context"
	"sync"
	"time"

	"estimator/bench/internal/stats"
)

// report is the whole result; its JSON form is the -json output.
type report struct {
	URL      string  `json:"url"`
	Tasks    int     `json:"tasks"`
	Lines    int     `json:"lines"`
	Language string  `json:"language"`
	PollMS   float64 `json:"poll_ms"`
	// PrepareS is the wall time to create every task and get its questions; EstimateS from the
	// first answers posted to the last task settled (estimated, failed or given up).
	PrepareS   float64        `json:"prepare_s"`
	EstimateS  float64        `json:"estimate_s"`
	Estimated  int            `json:"estimated"`
	QuestionsS stats.Spread   `json:"questions_s"`
	EstimatedS stats.Spread   `json:"estimated_s"`
	Results    []taskResult   `json:"results"`
	Health     *latencyReport `json:"health,omitempty"`
	Page       *latencyReport `json:"task_page,omitempty"`
	Memory     *memoryReport  `json:"memory,omitempty"`
	// CPU is what the machine's cores did during the estimating phase.
	CPU cpuReport `json:"cpu"`
}

// run carries out the two phases: every task is brought to its questions first, so that the
// estimates then start together and really run at once.
func run(ctx context.Context, o options) report {
	r := report{URL: o.base, Tasks: o.tasks, Lines: o.lines, Language: o.lang, PollMS: stats.Millis(o.poll)}
	f := flow{client: newClient(min(o.tasks+o.postConns, 256), 30*time.Second), base: o.base, lines: o.lines,
		lang: o.lang, poll: o.poll, posts: make(chan struct{}, o.postConns)}
	defer f.client.CloseIdleConnections()

	stopMemory := make(chan struct{})
	memory := make(chan memoryReport, 1)
	if o.pid > 0 {
		go func() { memory <- sampleMemory(ctx, stopMemory, o.pid) }()
	}

	results := make([]taskResult, o.tasks)
	start := time.Now()
	eachTask(results, func(i int, res *taskResult) error { return f.prepare(ctx, i, res) })
	r.PrepareS = time.Since(start).Seconds()

	var ids []string
	for _, res := range results {
		if res.Err == "" {
			ids = append(ids, res.ID)
		}
	}
	stopProbes := make(chan struct{})
	probes := startProbes(ctx, stopProbes, o, ids)
	before := sampleCPU(o.pid)
	start = time.Now()
	eachTask(results, func(_ int, res *taskResult) error {
		if res.Err != "" {
			return nil // not prepared: its error stands
		}
		return f.estimate(ctx, res)
	})
	wall := time.Since(start)
	r.EstimateS = wall.Seconds()
	r.CPU = cpuBetween(before, sampleCPU(o.pid))
	close(stopProbes)
	r.Health, r.Page = probes.wait(o, wall)
	close(stopMemory)
	if o.pid > 0 {
		m := <-memory
		r.Memory = &m
	}

	var questions, estimated []float64
	for _, res := range results {
		if res.QuestionsS > 0 {
			questions = append(questions, res.QuestionsS)
		}
		if res.Err == "" && res.Status == statusEstimated {
			r.Estimated++
			estimated = append(estimated, res.EstimatedS)
		}
	}
	r.QuestionsS, r.EstimatedS, r.Results = stats.SpreadOf(questions), stats.SpreadOf(estimated), results
	return r
}

// eachTask runs step for every task at once and waits for all; an error is kept on the task.
func eachTask(results []taskResult, step func(i int, res *taskResult) error) {
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			if err := step(i, &results[i]); err != nil {
				results[i].Err = err.Error()
			}
		})
	}
	wg.Wait()
}

// probeSet is the running probes of both endpoints.
type probeSet struct {
	wg            sync.WaitGroup
	health, pages []*probeTally
}

// startProbes starts o.probeConns connections on /health and as many on /tasks/{id}, the latter
// going round the tasks so that pages at every stage are read.
func startProbes(ctx context.Context, stop <-chan struct{}, o options, ids []string) *probeSet {
	p := &probeSet{health: make([]*probeTally, o.probeConns), pages: make([]*probeTally, o.probeConns)}
	if len(ids) == 0 {
		p.pages = nil
	}
	for i := range p.health {
		p.wg.Go(func() {
			p.health[i] = probe(ctx, stop, o.base, o.probeEvery, func(int) string { return "/health" })
		})
	}
	for i := range p.pages {
		p.wg.Go(func() {
			p.pages[i] = probe(ctx, stop, o.base, o.probeEvery, func(k int) string {
				return "/tasks/" + ids[(k*len(p.pages)+i)%len(ids)]
			})
		})
	}
	return p
}

// wait stops waiting for the probes and summarizes them; nil when there were none.
func (p *probeSet) wait(o options, wall time.Duration) (health, page *latencyReport) {
	p.wg.Wait()
	if len(p.health) > 0 {
		h := summarizeProbe("/health", o.probeEvery, wall, p.health)
		health = &h
	}
	if len(p.pages) > 0 {
		t := summarizeProbe("/tasks/{id}", o.probeEvery, wall, p.pages)
		page = &t
	}
	return health, page
}
