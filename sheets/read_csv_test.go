package sheets

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

func TestReadSampleCSV(t *testing.T) {
	res := mustRead(t, "sample_input.csv", mustReadFile(t, "testdata/sample_input.csv"), Options{})
	if res.Format != FormatCSV {
		t.Errorf("Format = %q, want csv", res.Format)
	}
	if got := names(res.Rows); strings.Join(got, ",") != strings.Join(sampleCSVNames, ",") {
		t.Errorf("names = %q, want %q", got, sampleCSVNames)
	}
	for _, r := range res.Rows {
		if r.Description == "" {
			t.Errorf("row %q has no description", r.Name)
		}
	}
	checkNotes(t, res.Notes, nil)
	if res.Sheets != nil || res.Sheet != "" {
		t.Errorf("CSV result has sheets %q / %q", res.Sheets, res.Sheet)
	}
}

// TestReadCSVEncodings reads the sample in every encoding Excel and other tools write.
func TestReadCSVEncodings(t *testing.T) {
	text := string(mustReadFile(t, "testdata/sample_input.csv"))
	shiftJIS, err := japanese.ShiftJIS.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	utf16LE, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	utf16BE, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, content string
		notes         []Note
	}{
		{"UTF8", text, nil},
		{"UTF8BOM", "\uFEFF" + text, nil},
		{"ShiftJIS", shiftJIS, []Note{{Code: NoteEncoding, Text: "Shift_JIS"}}},
		{"UTF16LE", utf16LE, []Note{{Code: NoteEncoding, Text: "UTF-16"}}},
		{"UTF16BE", utf16BE, []Note{{Code: NoteEncoding, Text: "UTF-16"}}},
		{"CRLF", strings.ReplaceAll(text, "\n", "\r\n"), nil},
		{"ShiftJISCRLF", strings.ReplaceAll(shiftJIS, "\n", "\r\n"), []Note{{Code: NoteEncoding, Text: "Shift_JIS"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustRead(t, "sample.csv", []byte(tt.content), Options{})
			checkRows(t, res.Rows, sampleRows(t))
			checkNotes(t, res.Notes, tt.notes)
		})
	}
}

// TestReadShiftJISWindowsExtensions reads CP932 codes Windows writes that have a second code in
// the table (ⅰ is FA40 as written by Windows, EEEF as re-encoded), which a byte-exact round-trip
// check would wrongly refuse.
func TestReadShiftJISWindowsExtensions(t *testing.T) {
	content := []byte("\x90\xac\x89\xca\x95\xa8\x96\xbc\x8f\xcc,\x90\xe0\x96\xbe\n") // 成果物名称,説明
	content = append(content, []byte("\xfa\x40\x87\x40,\x81\xe6\n")...)              // ⅰ①,∵
	res := mustRead(t, "cp932.csv", content, Options{})
	checkRows(t, res.Rows, []Row{{Name: "ⅰ①", Description: "∵", Line: 2}})
}

// TestReadCSVLayouts reads the sample laid out the ways real exports differ.
func TestReadCSVLayouts(t *testing.T) {
	sample := sampleRows(t)
	plain := func(r Row) []string { return []string{r.Name, r.Description} }
	header := []string{"成果物名称", "説明"}
	tests := []struct {
		name    string
		content string
		want    []Row
		notes   []Note
	}{
		{
			name:    "Tab",
			content: csvText(t, '\t', sampleRecords(t, header, plain)),
			want:    sample,
		},
		{
			name:    "Semicolon",
			content: csvText(t, ';', sampleRecords(t, header, plain)),
			want:    sample,
		},
		{
			name: "ExtraColumns",
			content: csvText(t, ',', sampleRecords(t, []string{"No", "成果物名称", "金額", "説明", "備考"},
				func(r Row) []string { return []string{"1", r.Name, "100,000", r.Description, ""} })),
			want:  sample,
			notes: []Note{{Code: NoteExtraColumnsIgnored, Count: 2, Columns: []string{"A", "C"}}},
		},
		{
			name:    "HeaderLess",
			content: csvText(t, ',', sampleRecords(t, header, plain)[1:]),
			want:    shiftLines(sample, -1),
			notes:   []Note{{Code: NoteHeaderNotRecognised, Columns: []string{"A", "B"}}},
		},
		{
			name:    "English",
			content: csvText(t, ',', sampleRecords(t, []string{"Deliverable", "Description"}, plain)),
			want:    sample,
		},
		{
			name:    "EnglishSpelledDifferently",
			content: csvText(t, ',', sampleRecords(t, []string{" deliverable_NAME ", "DETAILS"}, plain)),
			want:    sample,
		},
		{
			name:    "FullWidthHeader",
			content: csvText(t, ',', sampleRecords(t, []string{"ＮＡＭＥ", "Ｄｅｓｃｒｉｐｔｉｏｎ"}, plain)),
			want:    sample,
		},
		{
			name: "Reversed",
			content: csvText(t, ',', sampleRecords(t, []string{"説明", "成果物名称"},
				func(r Row) []string { return []string{r.Description, r.Name} })),
			want: sample,
		},
		{
			name: "NameOnly",
			content: csvText(t, ',', sampleRecords(t, []string{"No", "成果物"},
				func(r Row) []string { return []string{"1", r.Name} })),
			want:  withoutDescriptions(sample),
			notes: []Note{{Code: NoteExtraColumnsIgnored, Count: 1, Columns: []string{"A"}}},
		},
		{
			name: "PreferredHeaderWins",
			content: csvText(t, ',', sampleRecords(t, []string{"項目", "成果物名", "備考", "説明"},
				func(r Row) []string { return []string{"", r.Name, "", r.Description} })),
			want: sample,
		},
		{
			name:    "MarginColumn",
			content: csvText(t, ',', sampleRecords(t, header, func(r Row) []string { return []string{"", r.Name, r.Description} })[1:]),
			want:    shiftLines(sample, -1),
			notes:   []Note{{Code: NoteHeaderNotRecognised, Columns: []string{"B", "C"}}},
		},
		{
			name:    "SingleColumn",
			content: "要件定義書\n基本設計書\n",
			want:    []Row{{Name: "要件定義書", Line: 1}, {Name: "基本設計書", Line: 2}},
			notes:   []Note{{Code: NoteHeaderNotRecognised, Columns: []string{"A", "B"}}},
		},
		{
			name:    "SemicolonWithCommasInText",
			content: "名称;説明\nA;x, y and z\nB;p, q\n",
			want:    []Row{{Name: "A", Description: "x, y and z", Line: 2}, {Name: "B", Description: "p, q", Line: 3}},
		},
		{
			name:    "SpaceBeforeQuote",
			content: "名称, 説明\nA, \"x, y\"\n",
			want:    []Row{{Name: "A", Description: "x, y", Line: 2}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustRead(t, "layout.csv", []byte(tt.content), Options{})
			checkRows(t, res.Rows, tt.want)
			checkNotes(t, res.Notes, tt.notes)
		})
	}
}

// TestReadCSVQuoting reads descriptions that need every part of RFC 4180 quoting; Line is the
// record's first line even after multi-line records.
func TestReadCSVQuoting(t *testing.T) {
	content := "成果物名称,説明\r\n" +
		"要件定義書,\"機能一覧, 画面一覧\r\nおよび \"\"帳票\"\" 一覧\"\r\n" +
		"\"基本,設計書\",\"1行目\n2行目\n3行目\"\n" +
		"詳細設計書,\"\"\"引用\"\"\"\n"
	res := mustRead(t, "quoted.csv", []byte(content), Options{})
	checkRows(t, res.Rows, []Row{
		{Name: "要件定義書", Description: "機能一覧, 画面一覧\nおよび \"帳票\" 一覧", Line: 2},
		{Name: "基本,設計書", Description: "1行目\n2行目\n3行目", Line: 4},
		{Name: "詳細設計書", Description: "\"引用\"", Line: 7},
	})
	checkNotes(t, res.Notes, nil)
}

// TestReadCSVSampleQuoted reads the sample with descriptions that need quoting: separators,
// doubled quotes and line breaks (CRLF, as Excel writes them). Each record then spans two lines.
func TestReadCSVSampleQuoted(t *testing.T) {
	quoted := func(r Row) []string { return []string{r.Name, r.Description + ", \"注\"\r\n2行目"} }
	records := sampleRecords(t, []string{"成果物名称", "説明"}, quoted)
	res := mustRead(t, "quoted.csv", []byte(csvText(t, ',', records)), Options{})
	var want []Row
	for i, r := range sampleRows(t) {
		want = append(want, Row{Name: r.Name, Description: r.Description + ", \"注\"\n2行目", Line: 2 + 2*i})
	}
	checkRows(t, res.Rows, want)
}

// TestReadCSVBlankRows counts blank rows between entries, whether empty lines (which
// encoding/csv drops) or lines of empty fields, and ignores margins before and after the table.
func TestReadCSVBlankRows(t *testing.T) {
	content := "\n\n成果物名称,説明\n" +
		"A,\"two\nlines\"\n" +
		"\n" +
		",,\n" +
		"  ,　\n" +
		"B,b\n" +
		"\n" +
		"C,c\n" +
		",\n\n"
	res := mustRead(t, "blank.csv", []byte(content), Options{})
	checkRows(t, res.Rows, []Row{
		{Name: "A", Description: "two\nlines", Line: 4},
		{Name: "B", Description: "b", Line: 9},
		{Name: "C", Description: "c", Line: 11},
	})
	checkNotes(t, res.Notes, []Note{{Code: NoteBlankRowsSkipped, Count: 4}})
}

// TestReadCSVSampleWithBlankRows puts blank rows in the middle of the sample.
func TestReadCSVSampleWithBlankRows(t *testing.T) {
	lines := strings.SplitAfter(string(mustReadFile(t, "testdata/sample_input.csv")), "\n")
	content := strings.Join(lines[:4], "") + "\n,\n" + strings.Join(lines[4:], "")
	res := mustRead(t, "sample.csv", []byte(content), Options{})
	want := sampleRows(t)
	for i := 3; i < len(want); i++ {
		want[i].Line += 2
	}
	checkRows(t, res.Rows, want)
	checkNotes(t, res.Notes, []Note{{Code: NoteBlankRowsSkipped, Count: 2}})
}

// TestReadCSVCells cleans cell text: padding of every kind trimmed, line breaks normalised,
// control characters dropped, inner tabs and newlines kept.
func TestReadCSVCells(t *testing.T) {
	content := "名称,説明\n" +
		"\u3000\u00a0要件\x07定義書\u200b ,\" 1行目\r2行目\t列\x1b \"\n"
	res := mustRead(t, "cells.csv", []byte(content), Options{})
	checkRows(t, res.Rows, []Row{{Name: "要件定義書", Description: "1行目\n2行目\t列", Line: 2}})
}

// TestReadCSVRowOnlyInIgnoredColumns skips rows whose only data is outside the used columns,
// like a numbered template with unused numbers.
func TestReadCSVRowOnlyInIgnoredColumns(t *testing.T) {
	content := "No,名称,説明\n1,A,a\n2,,\n3,B,b\n4,,\n5,,\n"
	res := mustRead(t, "numbered.csv", []byte(content), Options{})
	checkRows(t, res.Rows, []Row{{Name: "A", Description: "a", Line: 2}, {Name: "B", Description: "b", Line: 4}})
	checkNotes(t, res.Notes, []Note{
		{Code: NoteBlankRowsSkipped, Count: 1},
		{Code: NoteExtraColumnsIgnored, Count: 1, Columns: []string{"A"}},
	})
}

// TestReadOtherExtensions reads text exports saved under other names, whatever the case.
func TestReadOtherExtensions(t *testing.T) {
	content := mustReadFile(t, "testdata/sample_input.csv")
	for _, name := range []string{"a.TXT", "a.tsv", "A.CSV", `C:\Users\me\成果物.Csv`, "dir/x.y/list.csv "} {
		res := mustRead(t, name, content, Options{})
		if res.Format != FormatCSV || len(res.Rows) != len(sampleCSVNames) {
			t.Errorf("%q: format %q, %d rows", name, res.Format, len(res.Rows))
		}
	}
}

// TestReadMaxRows accepts exactly MaxRows deliverables, blank rows not counted.
func TestReadMaxRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("名称,説明\n")
	for range DefaultMaxRows {
		b.WriteString("x,y\n\n")
	}
	res := mustRead(t, "max.csv", []byte(b.String()), Options{})
	if len(res.Rows) != DefaultMaxRows {
		t.Errorf("got %d rows, want %d", len(res.Rows), DefaultMaxRows)
	}
	res = mustRead(t, "max.csv", []byte("名称\na\nb\n"), Options{MaxRows: 2})
	if len(res.Rows) != 2 {
		t.Errorf("got %d rows, want 2", len(res.Rows))
	}
}

// shiftLines returns rows with every Line moved by delta.
func shiftLines(rows []Row, delta int) []Row {
	out := make([]Row, len(rows))
	for i, r := range rows {
		r.Line += delta
		out[i] = r
	}
	return out
}

// withoutDescriptions returns rows with empty descriptions.
func withoutDescriptions(rows []Row) []Row {
	out := make([]Row, len(rows))
	for i, r := range rows {
		r.Description = ""
		out[i] = r
	}
	return out
}

// TestReadCSVCharacterAcrossChunks reads UTF-8 whose characters straddle the reader's chunks as
// UTF-8, not as Shift_JIS.
func TestReadCSVCharacterAcrossChunks(t *testing.T) {
	for _, pad := range []int{64<<10 - 1, 64<<10 - 2, 128<<10 - 1} {
		content := "名称,説明,備考\nA,a," + strings.Repeat("a", pad-len("名称,説明,備考\nA,a,")) + "あい\nB,b,\n"
		res := mustRead(t, "chunks.csv", []byte(content), Options{})
		if len(res.Notes) != 1 || res.Notes[0].Code != NoteExtraColumnsIgnored {
			t.Errorf("pad %d: notes %+v", pad, res.Notes)
		}
		if len(res.Rows) != 2 || res.Rows[1].Name != "B" {
			t.Errorf("pad %d: rows %+v", pad, res.Rows)
		}
	}
}
