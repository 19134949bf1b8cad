package sheets

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWriteQuoteXLSXGolden compares the workbook of the sample quotation, in both languages, with
// a golden file, as a reader sees them: every cell (value, type, formula, rich text, style with
// its font, fill, border, alignment and number format), the merged cells, column widths and row
// heights, the views, the print setup, the defined names and the pictures. The golden files were
// written with excelize's cell-by-cell writer, which this package's own writer replaced; go test
// ./sheets/ -run QuoteXLSXGolden -update rewrites them after a deliberate change of layout.
func TestWriteQuoteXLSXGolden(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteQuoteXLSX(&buf, sampleQuote(t, lang)); err != nil {
				t.Fatal(err)
			}
			path := "testdata/quote_" + lang + ".golden.xlsx"
			if *updateQuoteGolden {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			compareWorkbooks(t, openWorkbook(t, buf.Bytes()), openWorkbook(t, mustReadFile(t, path)))
		})
	}
}

// openWorkbook opens a workbook from its bytes, closed at the end of the test.
func openWorkbook(tb testing.TB, data []byte) *excelize.File {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = f.Close() })
	return f
}

// compareWorkbooks reports every difference a reader could see between got and want.
func compareWorkbooks(tb testing.TB, got, want *excelize.File) {
	tb.Helper()
	same(tb, "sheets", got.GetSheetList(), want.GetSheetList())
	same(tb, "active sheet", got.GetActiveSheetIndex(), want.GetActiveSheetIndex())
	sortNames := func(names []excelize.DefinedName) []excelize.DefinedName {
		return slices.SortedFunc(slices.Values(names), func(a, b excelize.DefinedName) int {
			return cmp.Or(cmp.Compare(a.Scope, b.Scope), cmp.Compare(a.Name, b.Name))
		})
	}
	same(tb, "defined names", sortNames(got.GetDefinedName()), sortNames(want.GetDefinedName()))
	for _, sheet := range want.GetSheetList() {
		compareSheets(tb, got, want, sheet)
	}
}

// compareSheets compares one sheet of two workbooks.
func compareSheets(tb testing.TB, got, want *excelize.File, sheet string) {
	tb.Helper()
	call := func(name string, f func(*excelize.File) (any, error)) {
		g, gerr := f(got)
		w, werr := f(want)
		same(tb, sheet+" "+name, valueText(g, gerr), valueText(w, werr))
	}
	call("page layout", func(f *excelize.File) (any, error) { return f.GetPageLayout(sheet) })
	call("page margins", func(f *excelize.File) (any, error) { return f.GetPageMargins(sheet) })
	call("sheet properties", func(f *excelize.File) (any, error) { return f.GetSheetProps(sheet) })
	call("header and footer", func(f *excelize.File) (any, error) { return f.GetHeaderFooter(sheet) })
	call("panes", func(f *excelize.File) (any, error) { return f.GetPanes(sheet) })
	call("view", func(f *excelize.File) (any, error) { return f.GetSheetView(sheet, 0) })
	call("pictures", func(f *excelize.File) (any, error) { return sheetPictures(f, sheet) })
	mergesOf := func(f *excelize.File) (any, error) {
		merges, err := f.GetMergeCells(sheet)
		refs := make([]string, len(merges))
		for i, m := range merges {
			refs[i] = m.GetStartAxis() + ":" + m.GetEndAxis()
		}
		slices.Sort(refs)
		return refs, err
	}
	call("merged cells", mergesOf)

	gotRows, _ := got.GetRows(sheet)
	wantRows, err := want.GetRows(sheet)
	if err != nil {
		tb.Fatal(err)
	}
	same(tb, sheet+" rows as shown", gotRows, wantRows)
	lastCol := 1
	for _, r := range append(gotRows, wantRows...) {
		lastCol = max(lastCol, len(r))
	}
	// Styled empty cells may lie beyond the last text, under merged ranges.
	merges, _ := want.GetMergeCells(sheet)
	for _, m := range merges {
		col, _, _ := excelize.CellNameToCoordinates(m.GetEndAxis())
		lastCol = max(lastCol, col)
	}
	lastRow := max(len(gotRows), len(wantRows)) + 1
	for col := 1; col <= lastCol+1; col++ {
		name := columnLetter(col - 1)
		call("width of "+name, func(f *excelize.File) (any, error) { return f.GetColWidth(sheet, name) })
	}
	for row := 1; row <= lastRow; row++ {
		call(fmt.Sprint("height of row ", row), func(f *excelize.File) (any, error) { return f.GetRowHeight(sheet, row) })
		for col := 1; col <= lastCol+1; col++ {
			compareCells(tb, got, want, sheet, wbCellRef(col, row))
		}
	}
}

// compareCells compares one cell of two workbooks: type, raw value, formula, rich text, style.
func compareCells(tb testing.TB, got, want *excelize.File, sheet, ref string) {
	tb.Helper()
	cell := func(f *excelize.File) string {
		typ, err1 := f.GetCellType(sheet, ref)
		raw, err2 := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		formula, err3 := f.GetCellFormula(sheet, ref)
		runs, err4 := f.GetCellRichText(sheet, ref)
		id, err5 := f.GetCellStyle(sheet, ref)
		style, err6 := f.GetStyle(id)
		return fmt.Sprintf("type %v, value %q, formula %q, runs %s, style %s",
			typ, raw, formula, valueText(runs, nil), valueText(style, errors.Join(err1, err2, err3, err4, err5, err6)))
	}
	same(tb, sheet+"!"+ref, cell(got), cell(want))
}

// valueText shows v with what its pointers point to, and err.
func valueText(v any, err error) string {
	text, jerr := json.Marshal(v)
	return fmt.Sprintf("%s %v", text, errors.Join(err, jerr))
}

// sheetPictures lists the pictures of a sheet by cell, with their bytes and placement.
func sheetPictures(f *excelize.File, sheet string) ([]string, error) {
	cells, err := f.GetPictureCells(sheet)
	if err != nil {
		return nil, err
	}
	slices.Sort(cells)
	var out []string
	for _, ref := range cells {
		pics, err := f.GetPictures(sheet, ref)
		if err != nil {
			return nil, err
		}
		for _, p := range pics {
			out = append(out, ref+" "+valueText(p, nil))
		}
	}
	return out, nil
}

// same reports a difference between got and want.
func same(tb testing.TB, what string, got, want any) {
	tb.Helper()
	if !reflect.DeepEqual(got, want) {
		tb.Errorf("%s differs:\n got %v\nwant %v", what, got, want)
	}
}
