package handlers

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestBrowserPrintsQuotation prints the quotation page to PDF with Chromium, as "Print → Save as
// PDF" does: A4, and the total and the quotation number are in the printed text.
func TestBrowserPrintsQuotation(t *testing.T) {
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	path := e.estimatedSample(t, "ja")
	b := newBrowser(t)
	b.navigate(t, e.srv.URL+path+"/quote?lang=ja", "#quote")
	total := b.text(t, "#quote-total")
	number := b.text(t, ".quote-meta dd")
	css := true
	res, err := chromedp.Call(b.ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69, PreferCSSPageSize: &css})
	if err != nil {
		t.Fatal(err)
	}
	pdf := res.Data
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatal("Chromium did not print a PDF")
	}
	file := filepath.Join(t.ArtifactDir(), "quotation-print-ja.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is required in CI (poppler-utils)")
		}
		t.Skip("pdftotext not installed")
	}
	text, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{total, number, "御見積書"} {
		if !strings.Contains(strings.ReplaceAll(string(text), " ", ""), strings.ReplaceAll(want, " ", "")) {
			t.Errorf("the printed quotation does not show %q", want)
		}
	}
	info, err := exec.Command("pdfinfo", file).Output()
	if err != nil || !strings.Contains(string(info), "(A4)") {
		t.Errorf("not printed on A4: %s %v", info, err)
	}
}
