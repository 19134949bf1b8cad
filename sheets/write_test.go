package sheets

import (
	"bytes"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

// standardRows are 13 deliverables like the app's standard list, with the characters that test
// a writer: commas, quotes, line breaks, leading zeros and a leading equals sign.
func standardRows() []Row {
	rows := []Row{
		{Name: "要件定義書", Description: "システム全体の要件を整理・明文化した文書"},
		{Name: "基本設計書", Description: "画面設計, DB設計, 処理フロー設計"},
		{Name: "詳細設計書", Description: "各機能の\"詳細\"な設計内容"},
		{Name: "データベース設計", Description: "テーブル設計\nER図の作成"},
		{Name: "API設計", Description: "REST APIの仕様書作成"},
		{Name: "フロントエンド開発", Description: "React/Vue.jsを使用したUIの開発"},
		{Name: "バックエンド開発", Description: "Node.js/Python を使用したサーバーサイドの開発"},
		{Name: "認証機能", Description: "ユーザー認証とアクセス制御"},
		{Name: "管理画面", Description: ""},
		{Name: "001", Description: "先頭のゼロ"},
		{Name: "=1+1", Description: "数式ではなく文字列"},
		{Name: "Operations Manual", Description: "Runbook; backups, restores"},
		{Name: "デプロイメント", Description: "本番環境への展開とCI/CDパイプラインの構築"},
	}
	for i := range rows {
		rows[i].Line = i + 2
	}
	return rows
}

func TestWriteXLSXRoundTrip(t *testing.T) {
	for _, header := range [][2]string{{"成果物名称", "説明"}, {"Deliverable", "Description"}} {
		var buf bytes.Buffer
		if err := WriteXLSX(&buf, "成果物リスト", header, standardRows()); err != nil {
			t.Fatal(err)
		}
		res := mustRead(t, "sample_input.xlsx", buf.Bytes(), Options{})
		checkRows(t, res.Rows, standardRows())
		checkNotes(t, res.Notes, nil)
		if !slices.Equal(res.Sheets, []string{"成果物リスト"}) {
			t.Errorf("sheets = %q", res.Sheets)
		}
	}
}

// TestWriteXLSXLayout checks what makes the sample pleasant to fill in: column widths, a frozen
// header row, a styled header and wrapping descriptions.
func TestWriteXLSXLayout(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, "Deliverables", [2]string{"Deliverable", "Description"}, standardRows()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const s = "Deliverables"
	for col, want := range map[string]float64{"A": nameColumnWidth, "B": descriptionColumnWidth} {
		if got, err := f.GetColWidth(s, col); err != nil || got != want {
			t.Errorf("width of %s = %v (%v), want %v", col, got, err, want)
		}
	}
	panes, err := f.GetPanes(s)
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes = %+v (%v), want the header row frozen", panes, err)
	}
	header := cellStyle(t, f, s, "A1")
	if header.Font == nil || !header.Font.Bold || header.Fill.Pattern != 1 || len(header.Border) != 4 ||
		header.Alignment == nil || header.Alignment.Horizontal != "center" {
		t.Errorf("header style = %+v, want bold, filled, bordered, centred", header)
	}
	if desc := cellStyle(t, f, s, "B3"); desc.Alignment == nil || !desc.Alignment.WrapText {
		t.Errorf("description style = %+v, want wrapped text", desc)
	}
	if typ, err := f.GetCellType(s, "A12"); err != nil || typ == excelize.CellTypeFormula {
		t.Errorf("A12 type = %v (%v), want text", typ, err)
	}
}

func cellStyle(tb testing.TB, f *excelize.File, sheet, ref string) *excelize.Style {
	tb.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		tb.Fatal(err)
	}
	style, err := f.GetStyle(id)
	if err != nil {
		tb.Fatal(err)
	}
	return style
}

func TestWriteXLSXBadSheetName(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, "a/b:c", [2]string{"Name", "Description"}, nil); err == nil {
		t.Error("WriteXLSX accepted a sheet name Excel refuses")
	}
}

func TestWriteCSVRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, [2]string{"成果物名称", "説明"}, standardRows()); err != nil {
		t.Fatal(err)
	}
	content := buf.Bytes()
	if !bytes.HasPrefix(content, []byte("\xEF\xBB\xBF成果物名称,説明\r\n")) {
		t.Errorf("CSV starts %q, want the UTF-8 BOM, the header and CRLF", content[:min(len(content), 40)])
	}
	if n, crlf := bytes.Count(content, []byte("\n")), bytes.Count(content, []byte("\r\n")); n != crlf {
		t.Errorf("%d line ends, %d of them CRLF; want all CRLF", n, crlf)
	}
	if !bytes.Contains(content, []byte("\"画面設計, DB設計, 処理フロー設計\"")) ||
		!bytes.Contains(content, []byte("\"各機能の\"\"詳細\"\"な設計内容\"")) {
		t.Errorf("fields are not quoted as RFC 4180 asks:\n%s", content)
	}
	res := mustRead(t, "sample_input.csv", content, Options{})
	want := standardRows()
	for i := range want {
		// The description of データベース設計 spans two lines, so every later record starts one line further.
		if i > 3 {
			want[i].Line++
		}
	}
	checkRows(t, res.Rows, want)
	checkNotes(t, res.Notes, nil)
}

func TestWriteCSVWriterFailure(t *testing.T) {
	if err := WriteCSV(failingWriter{}, [2]string{"a", "b"}, standardRows()); err == nil {
		t.Error("WriteCSV hid a write failure")
	}
	if err := WriteXLSX(failingWriter{}, "s", [2]string{"a", "b"}, standardRows()); err == nil {
		t.Error("WriteXLSX hid a write failure")
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, bytes.ErrTooLarge }
