package handlers

import (
	"bytes"
	"encoding/csv"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestQuoteSameNumbersEverywhere: the task page, the print page, the workbook, the PDF and the CSV
// of one revision show the same total, in both languages; every download is an attachment named
// after the quotation number, and only the first document assigns that number.
func TestQuoteSameNumbersEverywhere(t *testing.T) {
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			path := e.estimatedSample(t, lang)
			_, body := e.get(t, path)
			total := minor(t, parseHTML(t, body).Find("#total"))

			_, body = e.get(t, path+"/quote")
			doc := parseHTML(t, body)
			if got := minor(t, doc.Find("#quote-total")); got != total {
				t.Errorf("print page total %d, page %d", got, total)
			}
			if doc.Find("#quote").AttrOr("lang", "") != lang {
				t.Errorf("the quotation is not in %s", lang)
			}
			if lang == "en" && strings.Contains(doc.Find("#quote").Text(), "御中") {
				t.Error("the English quotation says 御中")
			}

			files := map[string][]byte{}
			for _, ext := range []string{".xlsx", ".pdf", ".csv"} {
				resp, body := e.get(t, path+"/quote"+ext)
				wantStatus(t, resp, http.StatusOK)
				cd := resp.Header.Get("Content-Disposition")
				if !strings.HasPrefix(cd, `attachment; filename="quotation_`) || !strings.Contains(cd, "filename*=UTF-8''") {
					t.Errorf("%s: Content-Disposition %q", ext, cd)
				}
				if resp.Header.Get("Cache-Control") != "private, no-store" {
					t.Errorf("%s: Cache-Control %q", ext, resp.Header.Get("Cache-Control"))
				}
				files[ext] = []byte(body)
			}
			if !bytes.HasPrefix(files[".pdf"], []byte("%PDF-")) {
				t.Error("the PDF is not a PDF")
			}
			if got := csvTotal(t, files[".csv"], lang); got != total {
				t.Errorf("CSV total %d, page %d", got, total)
			}
			if !workbookHasNumber(t, files[".xlsx"], lang, total) {
				t.Errorf("the workbook has no cell with the total %d", total)
			}
			first := numberOf(t, e, path)
			if again := numberOf(t, e, path); first == "" || again != first {
				t.Errorf("quotation number %q then %q", first, again)
			}
		})
	}
}

// csvTotal is the amount of the CSV's last row (the total), in minor units.
func csvTotal(t *testing.T, data []byte, lang string) int64 {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	last := rows[len(rows)-1]
	text := last[len(last)-1]
	if lang == "en" { // dollars with two decimals
		text = strings.Replace(text, ".", "", 1)
	}
	v, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		t.Fatalf("total %q: %v", text, err)
	}
	return v
}

// workbookHasNumber reports whether the quotation sheet holds the amount as a number cell.
func workbookHasNumber(t *testing.T, data []byte, lang string, minor int64) bool {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	scale := 1.0
	if lang == "en" {
		scale = 100 // the workbook holds dollars; the page cents
	}
	rows, err := f.GetRows(f.GetSheetName(0), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		for _, c := range row {
			if v, err := strconv.ParseFloat(c, 64); err == nil && math.Round(v*scale) == float64(minor) {
				return true
			}
		}
	}
	return false
}

// numberOf is the quotation number on the print page.
func numberOf(t *testing.T, e *testEnv, path string) string {
	t.Helper()
	_, body := e.get(t, path+"/quote")
	text := parseHTML(t, body).Find(".quote-meta dd").First().Text()
	return strings.TrimSpace(text)
}

// TestQuoteRefusals: before there is an estimate the documents say why (409); an unknown revision
// is a 404.
func TestQuoteRefusals(t *testing.T) {
	e := newTestEnv(t, nil)
	resp, _ := e.post(t, "/tasks", baseFields(rowFields("要件定義書", "")...), nil)
	path := resp.Header.Get("Location")
	for _, suffix := range []string{"/quote", "/quote.xlsx", "/quote.pdf", "/quote.csv"} {
		resp, _ := e.get(t, path+suffix)
		wantStatus(t, resp, http.StatusConflict)
	}
	e.startWorkers(t)
	path = e.estimatedSample(t, "ja")
	for _, q := range []string{"?rev=9", "?rev=x", "?rev=0"} {
		resp, _ := e.get(t, path+"/quote.csv"+q)
		wantStatus(t, resp, http.StatusNotFound)
	}
}

// TestQuoteNumbersUnderConcurrentDownloads: twenty first downloads of twenty tasks at once give
// twenty different numbers; twenty of one task give one.
func TestQuoteNumbersUnderConcurrentDownloads(t *testing.T) {
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	one := e.estimatedSample(t, "ja")
	paths := make([]string, 20)
	for i := range paths {
		paths[i] = one
	}
	numbers := downloadAll(t, e, paths)
	if len(numbers) != 1 {
		t.Errorf("one task got %d numbers: %v", len(numbers), numbers)
	}
	for i := range paths {
		paths[i] = e.estimatedSample(t, "ja")
	}
	if numbers := downloadAll(t, e, paths); len(numbers) != 20 {
		t.Errorf("20 tasks got %d numbers: %v", len(numbers), numbers)
	}
}

// downloadAll downloads the CSV of each path at once and returns the distinct numbers named.
func downloadAll(t *testing.T, e *testEnv, paths []string) map[string]bool {
	t.Helper()
	var mu sync.Mutex
	numbers := map[string]bool{}
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Go(func() {
			resp, err := e.client.Get(e.srv.URL + p + "/quote.csv")
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			cd := resp.Header.Get("Content-Disposition")
			_, after, _ := strings.Cut(cd, `filename="quotation_`)
			number, _, _ := strings.Cut(after, ".csv")
			mu.Lock()
			numbers[number] = true
			mu.Unlock()
		})
	}
	wg.Wait()
	return numbers
}

// TestQuoteTerms: the quotation details are edited on the task page and show on the documents;
// a bad date or a number already used comes back next to its field with what was typed.
func TestQuoteTerms(t *testing.T) {
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	path := e.estimatedSample(t, "ja")
	other := e.estimatedSample(t, "ja")
	taken := numberOf(t, e, other)
	_, body := e.get(t, path)
	if !strings.Contains(parseHTML(t, body).Find("#quote-remarks").Text(), "記載の成果物") {
		t.Error("the remarks are not prefilled")
	}
	form := func(pairs ...string) (*http.Response, string) {
		v := formValues(pairs...)
		return e.postRaw(t, path+"/quote", "application/x-www-form-urlencoded", strings.NewReader(v.Encode()))
	}
	resp, body := form("number", taken, "issue_date", "2026-13-01", "title", "基幹刷新")
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	doc := parseHTML(t, body)
	if doc.Find("#quote-issue_date[aria-invalid=true]").Length() != 1 || doc.Find("#quote-title").AttrOr("value", "") != "基幹刷新" {
		t.Error("the bad date is not marked, or the title typed was lost")
	}
	resp, body = form("number", taken, "title", "基幹刷新")
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	if !strings.Contains(parseHTML(t, body).Find("#quote-terms").Text(), taken) {
		t.Error("the number already used is not named")
	}
	resp, _ = form("number", "Q-2026-777", "issue_date", "2026-12-01", "valid_until", "2026-12-31", "title", "基幹刷新",
		"addressee", "株式会社テスト", "honorific", "sama", "delivery", "受注後3か月", "remarks", "一行目\n\n二行目")
	wantStatus(t, resp, http.StatusSeeOther)
	_, body = e.get(t, path+"/quote")
	text := parseHTML(t, body).Find("#quote").Text()
	for _, want := range []string{"Q-2026-777", "2026年12月1日", "2026年12月31日", "基幹刷新", "株式会社テスト 様", "受注後3か月", "一行目", "二行目"} {
		if !strings.Contains(text, want) {
			t.Errorf("the quotation does not show %q", want)
		}
	}
}

// TestFontLicenceServed: the licence of the embedded font is served and linked from every page.
func TestFontLicenceServed(t *testing.T) {
	e := newTestEnv(t, nil)
	resp, body := e.get(t, "/licenses/ipaexfont.txt")
	wantStatus(t, resp, http.StatusOK)
	if !strings.Contains(body, "IPA") || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Errorf("licence %.80q as %s", body, resp.Header.Get("Content-Type"))
	}
	_, body = e.get(t, "/")
	if parseHTML(t, body).Find(`footer a[href="/licenses/ipaexfont.txt"]`).Length() != 1 {
		t.Error("the footer does not link the font licence")
	}
}
