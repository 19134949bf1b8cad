package sheets

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestReadSampleXLSX(t *testing.T) {
	res := mustRead(t, "sample_input.xlsx", mustReadFile(t, "testdata/sample_input.xlsx"), Options{})
	if res.Format != FormatXLSX {
		t.Errorf("Format = %q, want xlsx", res.Format)
	}
	if got := names(res.Rows); !slices.Equal(got, sampleXLSXNames) {
		t.Errorf("names = %q, want %q", got, sampleXLSXNames)
	}
	for i, r := range res.Rows {
		if r.Description == "" || r.Line != i+2 {
			t.Errorf("row %d = %+v, want a description and line %d", i, r, i+2)
		}
	}
	if !slices.Equal(res.Sheets, []string{"成果物リスト"}) || res.Sheet != "成果物リスト" {
		t.Errorf("sheets %q, sheet %q", res.Sheets, res.Sheet)
	}
	checkNotes(t, res.Notes, nil)
}

// TestReadXLSXSheets reads the first sheet by default, says so when there are several, and reads
// another when asked.
func TestReadXLSXSheets(t *testing.T) {
	content := buildXLSX(t,
		sheet{"成果物", [][]any{{"成果物名称", "説明"}, {"A", "a"}}},
		sheet{"Deliverables", [][]any{{"Deliverable", "Description"}, {"B", "b"}, {"C", "c"}}},
		sheet{"メモ", nil},
	)
	wantSheets := []string{"成果物", "Deliverables", "メモ"}

	res := mustRead(t, "book.xlsx", content, Options{})
	checkRows(t, res.Rows, []Row{{Name: "A", Description: "a", Line: 2}})
	checkNotes(t, res.Notes, []Note{{Code: NoteSheetUsed, Text: "成果物"}})
	if !slices.Equal(res.Sheets, wantSheets) || res.Sheet != "成果物" {
		t.Errorf("sheets %q, sheet %q", res.Sheets, res.Sheet)
	}

	res = mustRead(t, "book.xlsx", content, Options{Sheet: "deliverables"})
	checkRows(t, res.Rows, []Row{{Name: "B", Description: "b", Line: 2}, {Name: "C", Description: "c", Line: 3}})
	checkNotes(t, res.Notes, []Note{{Code: NoteSheetUsed, Text: "Deliverables"}})
	if res.Sheet != "Deliverables" {
		t.Errorf("sheet %q, want Deliverables", res.Sheet)
	}

	e := readError(t, "book.xlsx", content, Options{Sheet: "見積"})
	if e.Code != ErrSheetNotFound || e.Text != "見積" {
		t.Errorf("error %+v, want sheet_not_found 見積", e)
	}
	if e := readError(t, "book.xlsx", content, Options{Sheet: "メモ"}); e.Code != ErrNoRows {
		t.Errorf("empty sheet: error %+v, want no_rows", e)
	}
}

// TestReadXLSXLayouts reads sheets laid out the ways real workbooks differ.
func TestReadXLSXLayouts(t *testing.T) {
	tests := []struct {
		name  string
		rows  [][]any
		want  []Row
		notes []Note
	}{
		{
			name: "ExtraColumns",
			rows: [][]any{
				{"No", "説明", "成果物名", "金額"},
				{1, "a", "A", 100000},
				{2, "b", "B", nil},
			},
			want:  []Row{{Name: "A", Description: "a", Line: 2}, {Name: "B", Description: "b", Line: 3}},
			notes: []Note{{Code: NoteExtraColumnsIgnored, Count: 2, Columns: []string{"A", "D"}}},
		},
		{
			name:  "HeaderLess",
			rows:  [][]any{{"A", "a"}, {"B", "b"}},
			want:  []Row{{Name: "A", Description: "a", Line: 1}, {Name: "B", Description: "b", Line: 2}},
			notes: []Note{{Code: NoteHeaderNotRecognised, Columns: []string{"A", "B"}}},
		},
		{
			name:  "BlankRowsAndTitleMargin",
			rows:  [][]any{nil, {nil, "名称", "説明"}, {nil, "A", "a"}, nil, nil, {nil, "B", nil}, nil},
			want:  []Row{{Name: "A", Description: "a", Line: 3}, {Name: "B", Line: 6}},
			notes: []Note{{Code: NoteBlankRowsSkipped, Count: 2}},
		},
		{
			name:  "NumericName",
			rows:  [][]any{{"Name", "Details"}, {1, 2.5}, {int64(1234567), true}},
			want:  []Row{{Name: "1", Description: "2.5", Line: 2}, {Name: "1234567", Description: "TRUE", Line: 3}},
			notes: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustRead(t, "layout.xlsx", buildXLSX(t, sheet{"Sheet1", tt.rows}), Options{})
			checkRows(t, res.Rows, tt.want)
			checkNotes(t, res.Notes, tt.notes)
		})
	}
}

// TestReadXLSXDisplayedText reads number and date cells as Excel shows them, not as stored.
func TestReadXLSXDisplayedText(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	const s = "Sheet1"
	date := time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)
	custom := "yyyy年m月d日"
	cells := []struct {
		ref   string
		value any
		style *excelize.Style
	}{
		{"A1", "項目", nil},
		{"B1", "備考", nil},
		{"A2", 1.0, nil},
		{"B2", date, &excelize.Style{CustomNumFmt: &custom}},
		{"A3", 0.5, &excelize.Style{NumFmt: 9}}, // 0%
		{"B3", date, &excelize.Style{NumFmt: 14}},
		{"A4", 1234567.891, &excelize.Style{NumFmt: 4}}, // #,##0.00
		{"B4", "=not a formula", nil},
	}
	for _, c := range cells {
		if err := f.SetCellValue(s, c.ref, c.value); err != nil {
			t.Fatal(err)
		}
		if c.style != nil {
			id, err := f.NewStyle(c.style)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStyle(s, c.ref, c.ref, id); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	res := mustRead(t, "shown.xlsx", buf.Bytes(), Options{})
	checkRows(t, res.Rows, []Row{
		{Name: "1", Description: "2024年4月1日", Line: 2},
		{Name: "50%", Description: "2024/4/1", Line: 3},
		{Name: "1,234,567.89", Description: "=not a formula", Line: 4},
	})
}

// TestReadXLSXUnderCSVName reads a workbook that was given a .csv name.
func TestReadXLSXUnderCSVName(t *testing.T) {
	res := mustRead(t, "list.csv", mustReadFile(t, "testdata/sample_input.xlsx"), Options{})
	if res.Format != FormatXLSX || len(res.Rows) != len(sampleXLSXNames) {
		t.Errorf("format %q, %d rows", res.Format, len(res.Rows))
	}
}

// TestReadXLSXWritersVariants reads what other writers than Excel put in a workbook: prefixed
// element names, shared strings with phonetic guides (the furigana Japanese Excel keeps with
// kanji, which the cell does not show) and rich-text runs, rows and cells without references, a
// formula's cached value, and a sheet found through the relations under another name.
func TestReadXLSXWritersVariants(t *testing.T) {
	const ns = `xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	parts := map[string]string{
		"_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/book/main.xml"/></Relationships>`,
		"book/main.xml": `<x:workbook ` + ns + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<x:sheets><x:sheet name="一覧" sheetId="1" r:id="s1"/></x:sheets></x:workbook>`,
		"book/_rels/main.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="s1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="sheets/a.xml"/>` +
			`<Relationship Id="s2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>`,
		"book/strings.xml": `<x:sst ` + ns + `>` +
			`<x:si><x:t>成果物名</x:t></x:si>` +
			`<x:si><x:t>要件定義書</x:t><x:rPh sb="0" eb="2"><x:t>ヨウケン</x:t></x:rPh><x:phoneticPr fontId="1"/></x:si>` +
			`<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>業務</x:t></x:r><x:r><x:t xml:space="preserve"> フロー</x:t></x:r></x:si>` +
			`</x:sst>`,
		"book/sheets/a.xml": `<x:worksheet ` + ns + `><x:sheetData>` +
			`<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:t>説明</x:t></x:is></x:c></x:row>` +
			`<x:row><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c></x:row>` +
			`<x:row r="5"><x:c r="A5" t="str"><x:f>"総合"&amp;"テスト"</x:f><x:v>総合テスト</x:v></x:c><x:c r="B5"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row>` +
			`</x:sheetData></x:worksheet>`,
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	res := mustRead(t, "variants.xlsx", buf.Bytes(), Options{})
	checkRows(t, res.Rows, []Row{
		{Name: "要件定義書", Description: "業務 フロー", Line: 2},
		{Name: "総合テスト", Description: "2", Line: 5},
	})
	checkNotes(t, res.Notes, []Note{{Code: NoteBlankRowsSkipped, Count: 2}})
	if res.Sheet != "一覧" {
		t.Errorf("sheet = %q", res.Sheet)
	}
}
