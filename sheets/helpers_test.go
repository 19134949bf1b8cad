package sheets

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// sampleCSVNames are the deliverables of testdata/sample_input.csv, in file order.
var sampleCSVNames = []string{
	"要件定義書", "基本設計書", "詳細設計書", "プログラム開発", "単体テスト",
	"結合テスト", "総合テスト", "運用マニュアル", "ユーザーマニュアル",
}

// sampleXLSXNames are the deliverables of testdata/sample_input.xlsx, in sheet order.
var sampleXLSXNames = []string{
	"要件定義書", "基本設計書", "詳細設計書", "データベース設計", "API設計", "フロントエンド開発",
	"バックエンド開発", "認証機能", "管理画面", "単体テスト", "結合テスト", "運用マニュアル", "デプロイメント",
}

// sampleRows returns the rows of the sample CSV parsed independently of Read, so variants of the
// sample can be generated from them and Read's output compared against them.
func sampleRows(tb testing.TB) []Row {
	tb.Helper()
	records, err := csv.NewReader(bytes.NewReader(mustReadFile(tb, "testdata/sample_input.csv"))).ReadAll()
	if err != nil {
		tb.Fatalf("parse sample: %v", err)
	}
	var rows []Row
	for i, rec := range records[1:] {
		rows = append(rows, Row{Name: rec[0], Description: rec[1], Line: i + 2})
	}
	return rows
}

func mustReadFile(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// mustRead reads content as a file called name and fails the test on any error.
func mustRead(tb testing.TB, name string, content []byte, opts Options) Result {
	tb.Helper()
	res, err := Read(name, bytes.NewReader(content), int64(len(content)), opts)
	if err != nil {
		tb.Fatalf("Read(%q): %v", name, err)
	}
	return res
}

// readError reads content as a file called name and returns the *Error it must fail with.
func readError(tb testing.TB, name string, content []byte, opts Options) *Error {
	tb.Helper()
	res, err := Read(name, bytes.NewReader(content), int64(len(content)), opts)
	if err == nil {
		tb.Fatalf("Read(%q) = %+v, want an error", name, res)
	}
	e, ok := errors.AsType[*Error](err)
	if !ok {
		tb.Fatalf("Read(%q) error %v (%T), want *Error", name, err, err)
	}
	return e
}

// checkRows compares rows field by field, reporting the first difference.
func checkRows(tb testing.TB, got, want []Row) {
	tb.Helper()
	if len(got) != len(want) {
		tb.Fatalf("got %d rows, want %d:\n got %+v\nwant %+v", len(got), len(want), got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			tb.Errorf("row %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// checkNotes compares the notes with want, in order.
func checkNotes(tb testing.TB, got, want []Note) {
	tb.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		tb.Errorf("notes = %+v, want %+v", got, want)
	}
}

// names returns the names of rows.
func names(rows []Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Name
	}
	return out
}

// csvText renders records as comma-separated text with Unix line ends, quoting as needed.
func csvText(tb testing.TB, sep rune, records [][]string) string {
	tb.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Comma = sep
	if err := w.WriteAll(records); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}

// sampleRecords returns the sample as records under header, each row passed through cells.
func sampleRecords(tb testing.TB, header []string, cells func(Row) []string) [][]string {
	tb.Helper()
	records := [][]string{header}
	for _, r := range sampleRows(tb) {
		records = append(records, cells(r))
	}
	return records
}

// sheet is the content of one worksheet for buildXLSX: a name and rows of cell values.
type sheet struct {
	name string
	rows [][]any
}

// buildXLSX writes a workbook with the given sheets, in order, and returns its bytes.
func buildXLSX(tb testing.TB, sheets ...sheet) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName(f.GetSheetName(0), s.name); err != nil {
				tb.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			tb.Fatal(err)
		}
		for r, row := range s.rows {
			cell, err := excelize.CoordinatesToCellName(1, r+1)
			if err != nil {
				tb.Fatal(err)
			}
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				tb.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
