package handlers

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/text/encoding/japanese"
)

// acceptDialogs answers every confirm() with OK and counts them. The listener may not send
// commands itself, so it hands each dialog to a goroutine.
func (b *browser) acceptDialogs(t *testing.T) *atomic.Int32 {
	t.Helper()
	var count atomic.Int32
	err := chromedp.Listen(b.ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			count.Add(1)
			go chromedp.Call(b.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return &count
}

func (b *browser) count(t *testing.T, selector string) int {
	t.Helper()
	return runIn(t, b, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, selector)))
}

// waitFor waits until expr is true. The page may reload meanwhile (htmx HX-Refresh): an
// evaluation cut off by a navigation is simply tried again.
func (b *browser) waitFor(t *testing.T, expr string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited in vain for %s (last error: %v)", expr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitSettled waits until expr is true and htmx has finished every request, swap and settle, so
// that the nodes the next steps look up are the ones that stay: a step that finds a node while
// htmx is still replacing it fails with "No node with given id found".
func (b *browser) waitSettled(t *testing.T, expr string) {
	t.Helper()
	b.waitFor(t, "("+expr+`) && document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added") === null`)
}

// TestBrowserNewEstimate goes through the form as a user would, in both languages: rows added and
// removed, a template chosen (and a second one over typed text, confirmed), a file imported (the
// sample workbook, and a Shift_JIS CSV as Japanese Excel saves it) and the estimate created.
func TestBrowserNewEstimate(t *testing.T) {
	e := newTestEnv(t, nil)
	xlsxPath, err := filepath.Abs("testdata/sample_input.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	// What Japanese Excel writes when it saves CSV: Shift_JIS.
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes(readTestdata(t, "sample_input.csv"))
	if err != nil {
		t.Fatal(err)
	}
	sjisPath := filepath.Join(t.TempDir(), "成果物一覧_sjis.csv")
	if err := os.WriteFile(sjisPath, sjis, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang, file string
		rows       int
	}{{"ja", xlsxPath, 13}, {"en", sjisPath, 9}} {
		lang := tc.lang
		t.Run(lang, func(t *testing.T) {
			b := newBrowser(t)
			dialogs := b.acceptDialogs(t)
			b.do(t, chromedp.Navigate(e.srv.URL+"/?lang="+lang), chromedp.WaitVisible(chromedp.CSS("#task-form")))
			b.waitLang(t, lang)

			b.do(t, chromedp.SendKeys(chromedp.CSS("#title"), "Browser "+lang))
			// Add a row with htmx, type into the first and the new one, remove the second.
			b.do(t, chromedp.Click(chromedp.CSS(`button[value="add_rows"]`)))
			b.waitFor(t, `document.querySelectorAll("#deliverable-rows .deliverable-row").length === 4`)
			b.do(t,
				chromedp.SendKeys(chromedp.CSS(`#deliverable-rows .deliverable-row:nth-child(1) input`), "Typed first"),
				chromedp.SendKeys(chromedp.CSS(`#deliverable-rows .deliverable-row:nth-child(1) textarea`), "first description"),
				chromedp.SendKeys(chromedp.CSS(`#deliverable-rows .deliverable-row:nth-child(4) input`), "Typed last"),
				chromedp.Click(chromedp.CSS(`#deliverable-rows .deliverable-row:nth-child(2) [data-remove-row]`)),
			)
			if n := b.count(t, "#deliverable-rows .deliverable-row"); n != 3 {
				t.Fatalf("%d rows after removing one, want 3", n)
			}

			// A template into empty requirements: no question asked.
			chooseTemplate := func(key string) {
				// Set the choice and fire one change event, as picking an option does.
				runIn(t, b, chromedp.Evaluate[bool](fmt.Sprintf(`(() => { const s = document.getElementById("template"); s.value = %q; return s.dispatchEvent(new Event("change", {bubbles: true})) })()`, key)))
			}
			chooseTemplate("website")
			b.waitFor(t, `document.getElementById("requirements").value.startsWith("# ")`)
			if dialogs.Load() != 0 {
				t.Error("asked before filling empty requirements")
			}
			// Over typed text: asked first, then replaced.
			b.do(t, chromedp.SendKeys(chromedp.CSS("#requirements"), "my own notes"))
			chooseTemplate("api_integration")
			b.waitFor(t, `!document.getElementById("requirements").value.includes("my own notes")`)
			if dialogs.Load() != 1 {
				t.Errorf("%d confirmations before replacing typed text, want 1", dialogs.Load())
			}

			// Import the sample workbook (ja) or a Shift_JIS CSV export (en): its rows join the typed ones.
			b.do(t, chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{tc.file}), chromedp.Click(chromedp.CSS(`button[value="import"]`)))
			b.waitFor(t, `document.querySelectorAll("#form-notes li").length > 0`)
			names := runIn(t, b, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#deliverable-rows input[name=name]")].map(i => i.value).filter(v => v)`))
			if len(names) != tc.rows+2 || names[0] != "Typed first" || names[1] != "Typed last" || names[2] != "要件定義書" {
				t.Fatalf("rows after import: %q", names)
			}
			if v := runIn(t, b, chromedp.Value(chromedp.CSS("#title"))); v != "Browser "+lang {
				t.Errorf("title after import: %q", v)
			}
			b.screenshot(t, "new-estimate-"+lang+".png")

			// Create it.
			b.do(t, chromedp.Click(chromedp.CSS(".primary-submit")), chromedp.WaitVisible(chromedp.CSS("main[data-task-id]")))
			status := runIn(t, b, chromedp.AttributeValue(chromedp.CSS("main"), "data-status"))
			if status.Value != "generating_questions" {
				t.Errorf("data-status = %q", status.Value)
			}
			if n := b.count(t, "#task-lines tbody tr"); n != tc.rows+2 {
				t.Errorf("%d lines on the task page, want %d", n, tc.rows+2)
			}
			if h := b.text(t, "main h1"); h != "Browser "+lang {
				t.Errorf("task title %q", h)
			}
			b.screenshot(t, "task-"+lang+".png")
			if p := b.Problems(); len(p) > 0 {
				t.Errorf("browser problems:\n%s", strings.Join(p, "\n"))
			}
		})
	}
}
