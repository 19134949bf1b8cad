package sheets

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var updateQuoteGolden = flag.Bool("update", false, "rewrite the golden files in testdata")

// quoteCSV writes q as CSV and fails the test on any error.
func quoteCSV(tb testing.TB, q Quote) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := WriteQuoteCSV(&buf, q); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// quoteRecordsOf parses CSV written by WriteQuoteCSV the way a program would: without the BOM.
func quoteRecordsOf(tb testing.TB, content []byte) [][]string {
	tb.Helper()
	if !bytes.HasPrefix(content, bomUTF8) {
		tb.Fatalf("CSV starts %q, want the UTF-8 byte-order mark", content[:min(len(content), 8)])
	}
	records, err := csv.NewReader(bytes.NewReader(content[len(bomUTF8):])).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	return records
}

func TestWriteQuoteCSVGolden(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		got := quoteCSV(t, sampleQuote(t, lang))
		path := "testdata/quote_" + lang + ".golden.csv"
		if *updateQuoteGolden {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want := mustReadFile(t, path)
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the golden file (go test ./sheets/ -run QuoteCSVGolden -update rewrites it):\n got %q\nwant %q", path, got, want)
		}
	}
}

// TestWriteQuoteCSVRoundTrip checks the file as a program reads it: CRLF line ends, the header
// in the document's language, plain numbers a spreadsheet or a script can add up, and the
// summary rows with their captions.
func TestWriteQuoteCSVRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		lang   string
		scale  int
		amount *regexp.Regexp
	}{
		{"ja", 0, regexp.MustCompile(`^-?[0-9]+$`)},
		{"en", 2, regexp.MustCompile(`^-?[0-9]+\.[0-9]{2}$`)},
	} {
		q := sampleQuote(t, tt.lang)
		content := quoteCSV(t, q)
		if n, crlf := bytes.Count(content, []byte("\n")), bytes.Count(content, []byte("\r\n")); n != crlf {
			t.Errorf("%s: %d line ends, %d of them CRLF; want all CRLF", tt.lang, n, crlf)
		}
		records := quoteRecordsOf(t, content)
		l := q.Labels
		header := append([]string{l.No, l.Name, l.Description}, l.Phases[:]...)
		header = append(header, l.Quantity, l.UnitPrice, l.Amount)
		if !slices.Equal(records[0], header) {
			t.Errorf("%s: header = %q, want %q", tt.lang, records[0], header)
		}
		summary := qxQuoteSummary(q)
		if len(records) != 1+len(q.Lines)+len(summary) {
			t.Fatalf("%s: %d records, want header, %d lines and %d summary rows", tt.lang, len(records), len(q.Lines), len(summary))
		}
		days := regexp.MustCompile(`^[0-9]+\.[0-9]$`)
		for i, line := range q.Lines {
			rec := records[1+i]
			if rec[1] != line.Name || strings.TrimPrefix(rec[2], "'") != line.Description {
				t.Errorf("%s: line %d = %q, %q", tt.lang, i+1, rec[1], rec[2])
			}
			for _, v := range rec[3:9] {
				if !days.MatchString(v) {
					t.Errorf("%s: line %d days %q, want one decimal and no separator", tt.lang, i+1, v)
				}
			}
			if !tt.amount.MatchString(rec[9]) || !tt.amount.MatchString(rec[10]) || rec[10] != qxDecimalText(line.AmountMinor, tt.scale) {
				t.Errorf("%s: line %d unit price %q, amount %q", tt.lang, i+1, rec[9], rec[10])
			}
		}
		for i, s := range summary {
			rec := records[1+len(q.Lines)+i]
			if rec[1] != s.label || !tt.amount.MatchString(rec[10]) || strings.Join(rec[2:10], "") != "" {
				t.Errorf("%s: summary row %q, want %q with its amount last", tt.lang, rec, s.label)
			}
		}
		last := records[len(records)-1]
		if last[1] != l.Total || last[10] != qxDecimalText(q.Totals.TotalMinor, tt.scale) {
			t.Errorf("%s: last row = %q, want the total", tt.lang, last)
		}
	}
	ja := quoteRecordsOf(t, quoteCSV(t, sampleQuote(t, "ja")))
	if discount := ja[len(ja)-4]; discount[1] != "出精値引" || discount[10] != "-100000" {
		t.Errorf("discount row = %q, want 出精値引 -100000", discount)
	}
}

// TestWriteQuoteCSVDefusesFormulas checks OWASP's CSV-injection defence: a text field that a
// spreadsheet would run as a formula starts with an apostrophe; other texts are untouched.
func TestWriteQuoteCSVDefusesFormulas(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{`=HYPERLINK("http://attacker.example","x")`, `'=HYPERLINK("http://attacker.example","x")`},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'=1+1"}, // encoding/csv drops a lone CR when it writes CRLF line ends
		{"a=b", "a=b"},
		{"要件定義 - 第1版", "要件定義 - 第1版"},
		{"", ""},
	} {
		q := sampleQuote(t, "ja")
		q.Lines[0].Name, q.Lines[0].Description = tt.in, tt.in
		q.Labels.Discount = tt.in
		records := quoteRecordsOf(t, quoteCSV(t, q))
		if got := records[1][1]; got != tt.want {
			t.Errorf("name %q written as %q, want %q", tt.in, got, tt.want)
		}
		if got := records[1][2]; got != tt.want {
			t.Errorf("description %q written as %q, want %q", tt.in, got, tt.want)
		}
		if got := records[len(records)-4][1]; got != tt.want {
			t.Errorf("caption %q written as %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriteQuoteCSVErrors(t *testing.T) {
	q := sampleQuote(t, "en")
	q.Currency = "EUR"
	if err := WriteQuoteCSV(&bytes.Buffer{}, q); err == nil || !strings.HasPrefix(err.Error(), "sheets: write quote csv: ") {
		t.Errorf("unknown currency: error = %v, want a wrapped error", err)
	}
	if err := WriteQuoteCSV(failingWriter{}, sampleQuote(t, "ja")); err == nil {
		t.Error("WriteQuoteCSV hid a write failure")
	}
}
