package handlers

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserSettings fills the settings form as a user would: a mistyped registration number
// comes back in place (htmx, 422) with the error beside it and a request to choose the seal again;
// the corrected form is saved, and the page shows the flash and the stored seal.
func TestBrowserSettings(t *testing.T) {
	e := newTestEnv(t, nil)
	seal := filepath.Join(t.TempDir(), "印影.png")
	if err := os.WriteFile(seal, encode(t, "png", testImage(160, 160)), 0o644); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	b.do(t, chromedp.Navigate(e.srv.URL+"/settings?lang=ja"), chromedp.WaitVisible(chromedp.CSS("#settings-form")))
	b.waitLang(t, "ja")

	b.do(t,
		chromedp.SetValue(chromedp.CSS("#company"), "株式会社サンプル"),
		chromedp.SetValue(chromedp.CSS("#registration"), "T9000012010038"),
		chromedp.SetUploadFiles(chromedp.CSS("#seal"), []string{seal}),
		chromedp.Click(chromedp.CSS(".primary-submit")),
	)
	b.waitSettled(t, `document.querySelector("#registration-error") !== null`)
	if got := runIn(t, b, chromedp.Evaluate[string](`document.querySelector("#company").value`)); got != "株式会社サンプル" {
		t.Errorf("company after the refused save = %q, want it kept", got)
	}
	if b.count(t, "#files-again") != 1 {
		t.Error("the form does not ask to choose the seal again")
	}
	b.screenshot(t, "settings-invalid.png")

	b.do(t,
		chromedp.SetValue(chromedp.CSS("#registration"), "T8000012010038"),
		chromedp.SetUploadFiles(chromedp.CSS("#seal"), []string{seal}),
		chromedp.Click(chromedp.CSS(".primary-submit")),
	)
	b.waitFor(t, `document.querySelector("#flash .flash-message") !== null`)
	b.waitFor(t, `(img => img !== null && img.complete && img.naturalWidth === 160)(document.querySelector("#seal-current"))`)
	if got := b.text(t, "#flash .flash-message"); got != "設定を保存しました。" {
		t.Errorf("flash = %q", got)
	}
	b.screenshot(t, "settings-saved.png")
	// The browser logs the refused save's 422 as a failed resource; anything else is a problem.
	p := slices.DeleteFunc(b.Problems(), func(s string) bool { return strings.Contains(s, "status of 422") })
	if len(p) > 0 {
		t.Errorf("the browser reported problems: %v", p)
	}
}
