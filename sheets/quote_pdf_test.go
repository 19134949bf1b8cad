package sheets

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// pdfSampleLines are the nine deliverables of the sample input, in both languages, with the
// person-days (tenths) an estimate gave them.
var pdfSampleLines = []struct {
	ja, en, descJa, descEn string
	tenths                 int64
}{
	{"要件定義書", "Requirements specification", "業務フローと機能要件・非機能要件を整理し、合意形成する。", "Business flows, functional and non-functional requirements, agreed with the client.", 85},
	{"基本設計書", "Basic design", "画面・帳票・外部インターフェースとデータモデルの設計。", "Screens, reports, external interfaces and the data model.", 120},
	{"詳細設計書", "Detailed design", "モジュール分割、処理フロー、テーブル定義。", "Modules, processing flows and table definitions.", 150},
	{"プログラム開発", "Programming", "設計に基づく実装とコードレビュー。", "Implementation from the design, with code review.", 420},
	{"単体テスト", "Unit testing", "モジュールごとのテスト仕様作成と実施。", "Test specifications and runs per module.", 110},
	{"結合テスト", "Integration testing", "モジュール間・外部システム連携の検証。", "Between modules and with external systems.", 95},
	{"総合テスト", "System testing", "業務シナリオに沿った総合的な検証。", "End-to-end business scenarios.", 80},
	{"運用マニュアル", "Operations manual", "運用手順・障害対応手順の文書化。", "Operating and incident procedures.", 40},
	{"ユーザーマニュアル", "User manual", "利用者向け操作説明書。", "How-to guide for end users.", 50},
}

// pdfTestQuote builds a realistic quotation of n lines (the nine samples, repeated with a
// serial number beyond nine): JPY with 10 % tax in Japanese, USD with 0 % in English.
func pdfTestQuote(lang string, n int) Quote {
	q := Quote{Lang: lang, Revision: 3, Number: "Q-2026-0042", Days: pdfTestDays}
	unit := int64(80000) // yen per person-day
	if lang == "ja" {
		q.Currency, q.Labels, q.Money = "JPY", pdfLabelsJa(), pdfTestMoney("¥", 0)
		q.IssueDate, q.ValidUntil = "2026年4月1日", "2026年4月30日"
		q.Title, q.Addressee = "販売管理システム再構築", "株式会社サンプル商事 御中"
		q.Delivery, q.Payment = "受注後4ヶ月", "月末締め翌月末払い"
		q.Remarks = []string{
			"本見積りは記載の成果物を対象とします。記載のない機能・作業が必要となった場合は別途お見積りいたします。",
			"要件定義の結果により、工数および金額を見直す場合があります。",
		}
		q.Issuer = Issuer{Company: "株式会社エスティメーター", Address: "〒100-0005 東京都千代田区丸の内1-1-1 丸の内ビル12階",
			Phone: "03-1234-5678", Email: "sales@estimator.example.jp", Person: "営業部 山田 太郎", Registration: "T1234567890123"}
	} else {
		unit = 60000 // cents per person-day
		q.Currency, q.Labels, q.Money = "USD", pdfLabelsEn(), pdfTestMoney("$", 2)
		q.IssueDate, q.ValidUntil = "Apr 1, 2026", "Apr 30, 2026"
		q.Title, q.Addressee = "Sales management system rebuild", "Sample Trading Co., Ltd."
		q.Delivery, q.Payment = "4 months after order", "Net 30"
		q.Remarks = []string{"This quotation covers the deliverables listed. Any function or work not listed will be quoted separately."}
		q.Issuer = Issuer{Company: "Estimator Inc.", Address: "1-1-1 Marunouchi, Chiyoda-ku, Tokyo 100-0005, Japan",
			Phone: "+81 3-1234-5678", Email: "sales@estimator.example.com", Person: "Taro Yamada"}
	}
	for i := range n {
		s := pdfSampleLines[i%len(pdfSampleLines)]
		name, desc := s.en, s.descEn
		if lang == "ja" {
			name, desc = s.ja, s.descJa
		}
		if n > len(pdfSampleLines) {
			name = fmt.Sprintf("%s %03d", name, i+1)
		}
		q.Lines = append(q.Lines, QuoteLine{No: i + 1, Name: name, Description: desc,
			DaysTenths: s.tenths, UnitCostMinor: unit, AmountMinor: s.tenths * unit / 10})
	}
	q.Totals = pdfTestTotals(q.Lines, 1000, 150000, lang)
	// The caller fills the tax in, as the handler does from the catalog.
	q.Labels.TaxInside = strings.ReplaceAll(q.Labels.TaxInside, "{amount}", q.Money(q.Totals.TaxMinor))
	return q
}

// pdfTestTotals adds up the lines as the estimate package would: a contingency, a discount, the
// tax rounded down once on the subtotal (10 % in Japanese, none in English).
func pdfTestTotals(lines []QuoteLine, contingencyBP, discount int64, lang string) QuoteTotals {
	t := QuoteTotals{ContingencyBP: contingencyBP, DiscountMinor: discount}
	for _, l := range lines {
		t.DaysTenths += l.DaysTenths
		t.LinesMinor += l.AmountMinor
	}
	t.ContingencyMinor = t.LinesMinor * contingencyBP / 10000
	t.SubtotalMinor = t.LinesMinor + t.ContingencyMinor - t.DiscountMinor
	if lang == "ja" {
		t.TaxRateBP = 1000
	}
	t.TaxMinor = t.SubtotalMinor * t.TaxRateBP / 10000
	t.TotalMinor = t.SubtotalMinor + t.TaxMinor
	return t
}

// pdfTestMoney formats minor units with a symbol, thousands separators and that many decimals.
func pdfTestMoney(symbol string, decimals int) func(int64) string {
	return func(minor int64) string {
		sign := ""
		if minor < 0 {
			sign, minor = "-", -minor
		}
		unit := int64(1)
		for range decimals {
			unit *= 10
		}
		s := pdfThousands(minor / unit)
		if decimals > 0 {
			s += fmt.Sprintf(".%0*d", decimals, minor%unit)
		}
		return sign + symbol + s
	}
}

func pdfThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func pdfTestDays(tenths int64) string { return fmt.Sprintf("%d.%d", tenths/10, tenths%10) }

func pdfLabelsJa() QuoteLabels {
	return QuoteLabels{Heading: "御見積書", Greeting: "下記の通りお見積り申し上げます。", Number: "見積番号",
		IssueDate: "発行日", ValidUntil: "有効期限", Title: "件名", Delivery: "納期", Payment: "支払条件",
		Headline: "御見積金額", TaxIncluded: "（税込）", TaxInside: "（内消費税 {amount}）", Registration: "登録番号", Phone: "TEL", Email: "E-mail", Person: "担当",
		No: "No.", Name: "品名", Description: "説明", Quantity: "数量", Unit: "単位", UnitPrice: "単価", Amount: "金額",
		UnitDays: "人日", Contingency: "予備費（10%）", Discount: "出精値引", Subtotal: "小計", Tax: "消費税（10%）",
		Total: "合計", Remarks: "備考", Page: "{page} / {pages}"}
}

func pdfLabelsEn() QuoteLabels {
	return QuoteLabels{Heading: "QUOTATION", Greeting: "We are pleased to submit our quotation as follows.",
		Number: "Quotation No.", IssueDate: "Date", ValidUntil: "Valid until", Title: "Subject", Delivery: "Delivery",
		Payment: "Payment terms", Headline: "Total amount", TaxIncluded: "(tax included)", TaxInside: "(of which tax {amount})",
		Registration: "Registration No.", Phone: "Tel", Email: "Email", Person: "Contact", No: "No.", Name: "Item", Description: "Description", Quantity: "Qty",
		Unit: "Unit", UnitPrice: "Unit price", Amount: "Amount", UnitDays: "person-days",
		Contingency: "Contingency (10%)", Discount: "Special discount", Subtotal: "Subtotal", Tax: "Tax (0%)",
		Total: "Total", Remarks: "Remarks", Page: "{page} / {pages}"}
}

// pdfTestSeal draws a 角印-like red square with a transparent background, size pixels wide.
func pdfTestSeal(tb testing.TB, size int) []byte {
	tb.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	red := color.NRGBA{R: 200, G: 30, B: 30, A: 230}
	for y := range size {
		for x := range size {
			edge := min(x, y, size-1-x, size-1-y)
			inner := x > size/4 && x < size*3/4 && (y-size/2)*(y-size/2) < 9
			if edge < size/14 || inner {
				img.Set(x, y, red)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// pdfRender writes q and fails the test on an error or a file that is not a whole PDF.
func pdfRender(tb testing.TB, q Quote) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := WritePDF(&buf, q); err != nil {
		tb.Fatalf("WritePDF: %v", err)
	}
	out := buf.Bytes()
	if !bytes.HasPrefix(out, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(out, "\r\n"), []byte("%%EOF")) {
		tb.Fatalf("not a complete PDF: %q … %q", out[:min(len(out), 16)], out[max(0, len(out)-16):])
	}
	return out
}

// pdfPoppler runs a poppler-utils tool on the PDF. The tools are skipped when missing on a
// developer's machine, and required in CI.
func pdfPoppler(tb testing.TB, pdf []byte, tool string, args ...string) string {
	tb.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is required in CI (Debian package poppler-utils): %v", tool, err)
		}
		tb.Skipf("%s not installed (apt-get install poppler-utils)", tool)
	}
	file := filepath.Join(tb.TempDir(), "quote.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		tb.Fatal(err)
	}
	args = append(args, file)
	if tool == "pdftotext" {
		args = append(args, "-") // to standard output
	}
	out, err := exec.Command(path, args...).CombinedOutput()
	if err != nil {
		tb.Fatalf("%s: %v\n%s", tool, err, out)
	}
	return string(out)
}

// pdfInfo returns the page count and the page size in points reported by pdfinfo.
func pdfInfo(tb testing.TB, pdf []byte) (pages int, w, h float64) {
	tb.Helper()
	info := pdfPoppler(tb, pdf, "pdfinfo")
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(info)
	s := regexp.MustCompile(`(?m)^Page size:\s+([\d.]+) x ([\d.]+) pts`).FindStringSubmatch(info)
	if m == nil || s == nil {
		tb.Fatalf("pdfinfo output not understood:\n%s", info)
	}
	pages, _ = strconv.Atoi(m[1])
	w, _ = strconv.ParseFloat(s[1], 64)
	h, _ = strconv.ParseFloat(s[2], 64)
	return pages, w, h
}

// pdfPageText is the text of one page (1-based).
func pdfPageText(tb testing.TB, pdf []byte, page int) string {
	tb.Helper()
	p := strconv.Itoa(page)
	return pdfPoppler(tb, pdf, "pdftotext", "-f", p, "-l", p, "-layout")
}

func TestWritePDFSample(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			q := pdfTestQuote(lang, len(pdfSampleLines))
			q.Issuer.Seal = pdfTestSeal(t, 120)
			out := pdfRender(t, q)
			// Kept with the test artifacts (go test -artifacts), for a person to look at.
			if err := os.WriteFile(filepath.Join(t.ArtifactDir(), "quote.pdf"), out, 0o644); err != nil {
				t.Fatal(err)
			}
			pages, w, h := pdfInfo(t, out)
			if pages != 1 {
				t.Errorf("pages = %d, want 1", pages)
			}
			if !(pdfNear(w-595.28) && pdfNear(h-841.89)) {
				t.Errorf("page size = %.2f × %.2f pt, want A4 595.28 × 841.89", w, h)
			}
			text := pdfPageText(t, out, 1)
			want := []string{q.Number, q.Money(q.Totals.TotalMinor), q.Labels.Heading, q.Addressee, q.Title,
				q.Issuer.Company, q.Labels.Discount}
			for _, l := range q.Lines {
				want = append(want, l.Name)
			}
			for _, s := range want {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q:\n%s", s, text)
				}
			}
			discount := q.Money(-q.Totals.DiscountMinor)
			if lang == "ja" {
				discount = "▲" + q.Money(q.Totals.DiscountMinor)
			}
			if !strings.Contains(text, discount) {
				t.Errorf("text lacks the discount %q", discount)
			}
			if !pdfPageNumber(1, 1).MatchString(text) {
				t.Errorf("no page number 1 / 1")
			}
			if lang == "en" && strings.Contains(text, "御中") {
				t.Errorf("English quotation contains 御中:\n%s", text)
			}
		})
	}
}

// pdfPageNumber matches the footer "3 / 7". pdftotext drops the spaces when every gap on a
// line is the same, as in "1 / 1".
func pdfPageNumber(page, pages int) *regexp.Regexp {
	return regexp.MustCompile(fmt.Sprintf(`(?m)^\s*%d ?/ ?%d\s*$`, page, pages))
}

func pdfNear(d float64) bool { return d >= -1 && d <= 1 }

// TestWritePDFPaginates checks that 120 lines run over several pages, each starting with the
// table header and numbered "n / m", and that no line is lost or split.
func TestWritePDFPaginates(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			q := pdfTestQuote(lang, 120)
			out := pdfRender(t, q)
			pages, _, _ := pdfInfo(t, out)
			if pages < 3 {
				t.Fatalf("pages = %d, want at least 3 for 120 lines", pages)
			}
			var all strings.Builder
			for p := 1; p <= pages; p++ {
				text := pdfPageText(t, out, p)
				all.WriteString(text)
				// Each row shows its unit once: a row split across pages would show it on one
				// page and its name on another, or lose part of it.
				names := 0
				for _, l := range q.Lines {
					names += strings.Count(text, l.Name)
				}
				if units := strings.Count(text, q.Labels.UnitDays); units != names {
					t.Errorf("page %d: %d line names but %d units", p, names, units)
				}
				if n := strings.Count(text, q.Labels.UnitPrice); n != 1 {
					t.Errorf("page %d: table header (%q) %d times, want once:\n%s", p, q.Labels.UnitPrice, n, text)
				}
				if !pdfPageNumber(p, pages).MatchString(text) {
					t.Errorf("page %d lacks its number %d / %d", p, p, pages)
				}
			}
			for _, l := range q.Lines {
				if n := strings.Count(all.String(), l.Name); n != 1 {
					t.Errorf("line %q appears %d times, want once", l.Name, n)
				}
			}
			if !strings.Contains(all.String(), q.Money(q.Totals.TotalMinor)) {
				t.Errorf("total %s missing", q.Money(q.Totals.TotalMinor))
			}
		})
	}
}

// TestWritePDFImages checks that the seal and the logo are embedded as images.
func TestWritePDFImages(t *testing.T) {
	q := pdfTestQuote("ja", 3)
	q.Issuer.Seal = pdfTestSeal(t, 150)
	q.Issuer.Logo = pdfTestSeal(t, 64)
	list := pdfPoppler(t, pdfRender(t, q), "pdfimages", "-list")
	for _, size := range []string{"150   150", "64    64"} {
		if !regexp.MustCompile(`(?m)^\s*1\s+\d+\s+image\s+` + strings.ReplaceAll(size, " ", `\s`) + `\s`).MatchString(list) {
			t.Errorf("no %s image on page 1:\n%s", size, list)
		}
	}
}

// TestWritePDFHostileText feeds what users type: emoji, characters beyond the font, a name far
// longer than a line, a description longer than a page, the page-count placeholders, empty
// issuer fields, a broken seal. The document is still written, with every line.
func TestWritePDFHostileText(t *testing.T) {
	q := pdfTestQuote("ja", 2)
	q.Issuer = Issuer{Company: "株式会社🚀ロケット", Seal: []byte("not a png"),
		Address: strings.Repeat("東京都千代田区丸の内1-1-1 ", 50)}
	q.Title = strings.Repeat("件名がとても長い場合 ", 80)
	q.Lines[0].Name = "ログイン画面👨‍👩‍👧 と𠮷野家 {nb} {pages}" + "\uE000"
	q.Lines[1].Name = strings.Repeat("とても長い成果物の名前", 30)
	q.Lines[1].Description = strings.Repeat("説明文が非常に長い場合でも行は分割されずに省略される。", 400)
	q.Remarks = append(q.Remarks, "", strings.Repeat("long remark ", 2000))
	out := pdfRender(t, q)
	pages, _, _ := pdfInfo(t, out)
	text := ""
	for p := 1; p <= pages; p++ {
		text += pdfPageText(t, out, p)
	}
	for _, s := range []string{"ログイン画面〓 と〓野家 {nb} {pages}〓", "株式会社〓ロケット", "とても長い成果物の名前", "…"} {
		if !strings.Contains(text, s) {
			t.Errorf("text lacks %q", s)
		}
	}
	if strings.Contains(text, "{page}") {
		t.Errorf("placeholder left in the footer")
	}
}

// TestWritePDFConcurrent writes documents in parallel: they share the embedded font, which each
// reads and must never modify (run with -race).
func TestWritePDFConcurrent(t *testing.T) {
	before := sha256.Sum256(pdfFont)
	var wg sync.WaitGroup
	for _, lang := range []string{"ja", "en", "ja", "en"} {
		wg.Go(func() {
			if err := WritePDF(io.Discard, pdfTestQuote(lang, 20)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if sha256.Sum256(pdfFont) != before {
		t.Fatal("writing a PDF modified the embedded font")
	}
}

func TestWritePDFEmptyQuote(t *testing.T) {
	q := Quote{Lang: "en", Money: pdfTestMoney("$", 2), Days: pdfTestDays}
	pdfRender(t, q)
}

func TestWritePDFNeedsFormatters(t *testing.T) {
	err := WritePDF(&bytes.Buffer{}, Quote{Lang: "ja"})
	if err == nil || !strings.HasPrefix(err.Error(), "sheets: write pdf: ") {
		t.Fatalf("err = %v, want a wrapped error", err)
	}
}

// pdfBenchmark measures a quotation of that many lines written by one PDFWriter, as the server
// keeps one: the font is read and the compressor made before the first document.
func pdfBenchmark(b *testing.B, lines int) {
	q := pdfTestQuote("ja", lines)
	q.Issuer.Seal = pdfTestSeal(b, 150)
	p, err := NewPDFWriter()
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := p.Write(&buf, q); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}

func BenchmarkWritePDF9(b *testing.B)   { pdfBenchmark(b, 9) }
func BenchmarkWritePDF100(b *testing.B) { pdfBenchmark(b, 100) }
func BenchmarkWritePDF500(b *testing.B) { pdfBenchmark(b, 500) }

// TestWritePDFImageFormats checks that PNGs that are not plain 8-bit images (16 bits per sample,
// with transparency) are embedded as 8-bit images, and that a broken one is left out without
// failing the document.
func TestWritePDFImageFormats(t *testing.T) {
	deep := image.NewNRGBA64(image.Rect(0, 0, 50, 30))
	for x := range 50 {
		deep.Set(x, 10, color.NRGBA64{R: 0xffff, A: 0xffff})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, deep); err != nil {
		t.Fatal(err)
	}
	q := pdfTestQuote("en", 2)
	q.Issuer.Logo, q.Issuer.Seal = buf.Bytes(), []byte("\x89PNG broken")
	list := pdfPoppler(t, pdfRender(t, q), "pdfimages", "-list")
	if !regexp.MustCompile(`(?m)^\s*1\s+\d+\s+image\s+50\s+30\s+rgb\s+3\s+8\s`).MatchString(list) {
		t.Errorf("16-bit logo not embedded as an 8-bit RGB image:\n%s", list)
	}
	if n := len(regexp.MustCompile(`(?m)^\s*\d+\s+\d+\s+image\s`).FindAllString(list, -1)); n != 1 {
		t.Errorf("want only the logo:\n%s", list)
	}
}

// TestPDFWriterShared writes documents in parallel with one PDFWriter, as the server does: each
// comes out as the same document written alone (but for its creation time), and the writer's
// compressors go from one document to the next (run with -race).
func TestPDFWriterShared(t *testing.T) {
	p, err := NewPDFWriter()
	if err != nil {
		t.Fatal(err)
	}
	created := regexp.MustCompile(`/CreationDate \(D:\d+Z\)`)
	render := func(q Quote) string {
		var buf bytes.Buffer
		if err := p.Write(&buf, q); err != nil {
			t.Error(err)
		}
		return created.ReplaceAllString(buf.String(), "")
	}
	quotes := []Quote{pdfTestQuote("ja", 30), pdfTestQuote("en", 30), sampleQuote(t, "ja"), sampleQuote(t, "en")}
	want := make([]string, len(quotes))
	for i, q := range quotes {
		want[i] = render(q)
	}
	var wg sync.WaitGroup
	for range 2 {
		for i, q := range quotes {
			wg.Go(func() {
				if got := render(q); got != want[i] {
					t.Errorf("quote %d written alongside others differs from the one written alone", i)
				}
			})
		}
	}
	wg.Wait()
}
