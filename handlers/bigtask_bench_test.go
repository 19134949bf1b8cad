package handlers

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"estimator/jobs"
	"estimator/llm"
	"estimator/llm/offline"
	"estimator/store"
	"estimator/views"
)

// Benchmarks of a 500-line task, each request whole and in-process (no network): creating it
// from a workbook, its page (rendered, not from the page cache), the progress fragment of a run
// with 499 of 500 lines done, and its quotation documents. BENCHMARKS.md has the figures.

const bigTaskLines = 500

// bigWorkbook is an .xlsx of n deliverables, as a customer's list of screens, reports and
// batches would be, with a description each.
func bigWorkbook(b *testing.B, n int) []byte {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"成果物", "説明"})
	for i := range n {
		row := []any{bigLineName(i), "検索条件5項目、明細20項目、CSV出力あり"}
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &row); err != nil {
			b.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// bigLineName is the name of the big workbook's line i (from 0).
func bigLineName(i int) string {
	kinds := []string{"一覧画面", "登録画面", "帳票", "夜間バッチ", "連携API"}
	return fmt.Sprintf("業務%03d %s", i+1, kinds[i%len(kinds)])
}

// holdEngine is the offline engine, except that the line named hold waits until release is
// closed: a run caught with every other line done.
type holdEngine struct {
	llm.Engine
	hold    string
	release chan struct{}
}

func (h holdEngine) EstimateLine(ctx context.Context, t llm.Task, line int) (llm.LineEstimate, llm.Usage, error) {
	if t.Lines[line].Name == h.hold {
		select {
		case <-ctx.Done():
			return llm.LineEstimate{}, llm.Usage{}, ctx.Err()
		case <-h.release:
		}
	}
	return h.Engine.EstimateLine(ctx, t, line)
}

func BenchmarkBigTask(b *testing.B) {
	book := bigWorkbook(b, bigTaskLines)
	last := bigLineName(bigTaskLines - 1)
	release := make(chan struct{})
	e := newTestEnv(b, func(d *Deps) {
		eng := holdEngine{Engine: offline.New(), hold: last, release: release}
		d.Engine = views.Engine{Model: eng.Name()}
		d.Jobs = jobs.New(d.Store, eng, d.Logger, jobs.Config{Workers: 2, Poll: 5 * time.Millisecond, MaxAttempts: 1, Backoff: time.Millisecond})
	})
	e.startWorkers(b)
	ct, body := multipartBody(b, baseFields(), &upload{"deliverables.xlsx", book})
	create := func() *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/tasks", bytes.NewReader(body))
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		rec := httptest.NewRecorder()
		e.srv.Config.Handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusSeeOther {
			b.Fatalf("create: status %d", rec.Code)
		}
		return rec
	}

	// A task estimated but for its last line, whose run stays in progress.
	path := create().Header().Get("Location")
	id := strings.TrimPrefix(path, "/tasks/")
	e.waitStatus(b, id, store.StatusAwaitingAnswers)
	e.answer(b, path, "", "", "")
	waitDone(b, e, id, bigTaskLines-1)
	if task, err := e.store.Task(context.Background(), id); err != nil || task.Status != store.StatusEstimating {
		b.Fatalf("task %v, %v: want it estimating", task.Status, err)
	}

	getOnce := func(b *testing.B, url string, headers ...string) {
		req := httptest.NewRequest(http.MethodGet, url, nil)
		for _, h := range headers {
			k, v, _ := strings.Cut(h, ": ")
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		e.srv.Config.Handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || rec.Header().Get("HX-Refresh") != "" {
			b.Fatalf("%s: status %d, HX-Refresh %q", url, rec.Code, rec.Header().Get("HX-Refresh"))
		}
	}
	get := func(b *testing.B, url string, headers ...string) {
		for b.Loop() {
			getOnce(b, url, headers...)
		}
	}
	b.Run("progress", func(b *testing.B) { get(b, path+"/estimate?status=estimating", "HX-Request: true") })
	b.Run("progress-page", func(b *testing.B) { get(b, path) })

	// The same task once its last line is estimated too.
	close(release)
	e.waitStatus(b, id, store.StatusEstimated)
	// The page after a change, as it is rendered after each: the version moves on every time.
	b.Run("page", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			b.StopTimer()
			if err := e.store.SaveQuote(context.Background(), id, store.Quote{Remarks: strconv.Itoa(i)}, time.Now()); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			getOnce(b, path)
		}
	})
	for _, ext := range []string{"xlsx", "pdf", "csv"} {
		b.Run("quote."+ext, func(b *testing.B) { get(b, path+"/quote."+ext) })
	}
	b.Run("create", func(b *testing.B) {
		for b.Loop() {
			create()
		}
	})
}

// waitDone waits until n lines of the task's latest run are done.
func waitDone(b *testing.B, e *testEnv, id string, n int) {
	b.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		_, lines, err := e.store.LatestRun(context.Background(), id)
		if err != nil {
			b.Fatal(err)
		}
		done := 0
		for _, l := range lines {
			if l.Status == store.LineDone {
				done++
			}
		}
		if done >= n {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	b.Fatalf("fewer than %d lines done after 2 minutes", n)
}
