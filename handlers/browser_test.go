package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromium returns the browser to test with. Browser tests run whenever one is installed, and in
// CI (CI=true) a missing browser fails the run instead of skipping it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is required in CI: apt-get install -y chromium")
	}
	t.Skip("Chromium not installed; skipping the browser test")
	return ""
}

// browser is a headless Chromium that collects every console error and warning, uncaught
// exception and browser-log entry (where CSP violations are reported).
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })

	b := &browser{ctx: ctx}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			switch m.Type {
			case chromedp.ConsoleError, chromedp.ConsoleWarning, chromedp.ConsoleException:
				b.mu.Lock()
				b.problems = append(b.problems, fmt.Sprintf("%s (%s): %s", m.Type, m.Source, m.Text))
				b.mu.Unlock()
			}
		}
	}()
	return b
}

// Problems returns what the browser reported so far, after letting late messages arrive.
func (b *browser) Problems() []string {
	time.Sleep(200 * time.Millisecond)
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.problems...)
}

func (b *browser) do(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func runIn[T any](t *testing.T, b *browser, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// screenshot saves a full-page PNG (quality 100 means PNG) as a test artifact (kept with go test -artifacts).
func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	png := runIn(t, b, chromedp.FullScreenshot(100))
	path := filepath.Join(t.ArtifactDir(), name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// follow clicks a link and waits for the page it loads.
func (b *browser) follow(t *testing.T, sel string) {
	t.Helper()
	runIn(t, b, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel))))
}

// waitLang waits until the document is loaded in language lang.
func (b *browser) waitLang(t *testing.T, lang string) {
	t.Helper()
	runIn(t, b, chromedp.Poll[bool](fmt.Sprintf(`document.readyState === "complete" && document.documentElement.lang === %q`, lang),
		chromedp.WithPollingTimeout(10*time.Second)))
}

func (b *browser) text(t *testing.T, sel string) string {
	t.Helper()
	return strings.TrimSpace(runIn(t, b, chromedp.Text(chromedp.CSS(sel))))
}

func TestBrowserShell(t *testing.T) {
	e := newTestEnv(t, nil)
	b := newBrowser(t)

	b.do(t, chromedp.Navigate(e.srv.URL+"/?lang=ja"), chromedp.WaitVisible(chromedp.CSS("#home-title")))
	b.waitLang(t, "ja")
	if v := runIn(t, b, chromedp.Evaluate[string](`typeof htmx === "object" ? htmx.version : ""`)); v != "2.0.11" {
		t.Fatalf("htmx version %q: htmx did not load", v)
	}
	if !runIn(t, b, chromedp.Evaluate[bool](`htmx.config.allowEval === false && htmx.config.includeIndicatorStyles === false`)) {
		t.Error("htmx did not take the configuration from the htmx-config meta tag")
	}
	b.screenshot(t, "home-ja.png")

	// Switch to English on the form: what was typed comes back in the other language.
	b.do(t, chromedp.SendKeys(chromedp.CSS("#title"), "言語切替テスト"), chromedp.SendKeys(chromedp.CSS("#name-1"), "要件定義書"))
	b.follow(t, `.lang-switch button[lang="en"]`)
	b.waitLang(t, "en")
	if title := b.text(t, "#home-title"); !strings.HasPrefix(title, "Estimates you can explain") {
		t.Errorf("English home title = %q", title)
	}
	if v := runIn(t, b, chromedp.Evaluate[string](`document.getElementById("title").value + "|" + document.querySelector("input[name=name]").value`)); v != "言語切替テスト|要件定義書" {
		t.Errorf("after switching the language the form holds %q", v)
	}
	b.screenshot(t, "home-en.png")

	// Boosted navigation keeps the language from the session.
	b.do(t, chromedp.Click(chromedp.CSS(`.site-nav a[href="/tasks"]`)), chromedp.WaitVisible(chromedp.CSS("#task-list")))
	if path := runIn(t, b, chromedp.Evaluate[string](`location.pathname`)); path != "/tasks" {
		t.Errorf("after the boosted click the URL path is %q", path)
	}
	if h := b.text(t, "main h1"); h != "Estimates" {
		t.Errorf("English heading = %q", h)
	}

	// And back to Japanese.
	b.follow(t, `.lang-switch a[hreflang="ja"]`)
	b.waitLang(t, "ja")
	if h := b.text(t, "main h1"); h != "見積り一覧" {
		t.Errorf("Japanese heading = %q", h)
	}

	// A phone-sized view of the home page.
	b.do(t, chromedp.EmulateViewport(390, 844), chromedp.Navigate(e.srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#home-title")))
	b.screenshot(t, "home-ja-phone.png")
	if wide := runIn(t, b, chromedp.Evaluate[string](`[...document.querySelectorAll("main *")].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + "." + e.className).slice(0, 5).join(", ")`)); wide != "" {
		t.Errorf("at phone width these overflow the screen: %s", wide)
	}

	if p := b.Problems(); len(p) > 0 {
		t.Errorf("the browser reported problems (CSP violations, script errors):\n%s", strings.Join(p, "\n"))
	}

	// A failed htmx request is not swapped; app.js shows the server's message in the status region.
	runIn(t, b, chromedp.Evaluate[bool](`htmx.ajax("GET", "/no-such-page", {target: "#main"}) !== null`))
	msg := runIn(t, b, chromedp.Poll[string](`document.querySelector("#flash .flash-error")?.textContent || ""`,
		chromedp.WithPollingTimeout(5*time.Second)))
	if !strings.Contains(msg, "お探しのページは存在しない") {
		t.Errorf("status region after a failed htmx request: %q", msg)
	}
	if b.text(t, "#new-estimate-title") != "新規見積り" {
		t.Error("the failed response replaced the page")
	}
}

// TestBrowserDetectsCSPViolations proves the check above can fail: a page with an inline script
// and an inline style, served through the same middleware, must produce reports.
func TestBrowserDetectsCSPViolations(t *testing.T) {
	e := newTestEnv(t, nil)
	bad, err := e.h.middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html><head><title>page</title></head><body><p id="styled" style="color:red">x</p><script>document.title="ran"</script></body></html>`)
	}))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(bad)
	defer srv.Close()
	b := newBrowser(t)
	b.do(t, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#styled")))
	if title := runIn(t, b, chromedp.Title()); title == "ran" {
		t.Error("the inline script ran despite the CSP")
	}
	if p := strings.Join(b.Problems(), "\n"); !strings.Contains(p, "Content Security Policy") {
		t.Errorf("no CSP violation was reported; got:\n%s", p)
	}
}
