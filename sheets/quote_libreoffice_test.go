package sheets

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestWriteQuoteXLSXOpensInLibreOffice converts the workbooks to PDF with LibreOffice, the
// strictest reader at hand: a workbook it cannot open fails the conversion. It runs where
// LibreOffice is installed and is skipped elsewhere, CI included, since LibreOffice is not part
// of the build image.
func TestWriteQuoteXLSXOpensInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("converting with LibreOffice takes seconds")
	}
	office := ""
	for _, name := range []string{"libreoffice", "soffice"} {
		if path, err := exec.LookPath(name); err == nil {
			office = path
			break
		}
	}
	if office == "" {
		t.Skip("LibreOffice is not installed")
	}
	dir := t.TempDir()
	args := []string{
		// A profile of its own, so the test neither touches nor waits for a user's LibreOffice.
		"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--convert-to", "pdf", "--outdir", dir,
	}
	for _, lang := range []string{"ja", "en"} {
		var buf bytes.Buffer
		if err := WriteQuoteXLSX(&buf, sampleQuote(t, lang)); err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, "quote_"+lang+".xlsx")
		if err := os.WriteFile(name, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, name)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, office, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", office, err, out)
	}
	for _, lang := range []string{"ja", "en"} {
		pdf, err := os.ReadFile(filepath.Join(dir, "quote_"+lang+".pdf"))
		if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Errorf("%s: no PDF (%v); LibreOffice said:\n%s", lang, err, out)
		}
	}
}
