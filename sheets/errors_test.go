package sheets

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// TestReadErrors covers every error code with the files users actually send.
func TestReadErrors(t *testing.T) {
	xlsx := mustReadFile(t, "testdata/sample_input.xlsx")
	ole2 := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	tooMany := "名称,説明\n" + strings.Repeat("x,y\n", DefaultMaxRows+1)
	tests := []struct {
		name, file, content string
		opts                Options
		want                Error
	}{
		{name: "XLS", file: "見積.xls", content: "anything", want: Error{Code: ErrLegacyXLS, Text: ".xls"}},
		{name: "XLSUpperCase", file: "A.XLS", content: "", want: Error{Code: ErrLegacyXLS, Text: ".xls"}},
		{name: "OLE2NamedXLSX", file: "a.xlsx", content: string(ole2), want: Error{Code: ErrLegacyXLS}},
		{name: "OLE2NamedCSV", file: "a.csv", content: string(ole2), want: Error{Code: ErrLegacyXLS}},
		{name: "PDF", file: "a.pdf", content: "%PDF-1.7", want: Error{Code: ErrUnsupportedType, Text: ".pdf"}},
		{name: "DOCX", file: "a.docx", content: string(xlsx), want: Error{Code: ErrUnsupportedType, Text: ".docx"}},
		{name: "NoExtension", file: "deliverables", content: "a,b", want: Error{Code: ErrUnsupportedType}},
		{name: "DotInDirectory", file: `C:\x.csv\list`, content: "a,b", want: Error{Code: ErrUnsupportedType}},
		{name: "Empty", file: "a.csv", content: "", want: Error{Code: ErrEmptyFile}},
		{name: "EmptyXLSX", file: "a.xlsx", content: "", want: Error{Code: ErrEmptyFile}},
		{name: "Whitespace", file: "a.csv", content: " \r\n\t\n", want: Error{Code: ErrEmptyFile}},
		{name: "BOMOnly", file: "a.csv", content: "\uFEFF", want: Error{Code: ErrEmptyFile}},
		{name: "BOMAndLines", file: "a.csv", content: "\uFEFF\r\n\r\n", want: Error{Code: ErrEmptyFile}},
		{name: "UTF16BOMOnly", file: "a.csv", content: "\xFF\xFE", want: Error{Code: ErrEmptyFile}},
		{name: "UTF16Whitespace", file: "a.csv", content: "\xFE\xFF\x00 \x00\n\x30\x00", want: Error{Code: ErrEmptyFile}},
		{name: "HeaderOnly", file: "a.csv", content: "成果物名称,説明\n", want: Error{Code: ErrNoRows}},
		{name: "HeaderAndBlankRows", file: "a.csv", content: "成果物名称,説明\n,\n,\n", want: Error{Code: ErrNoRows}},
		{name: "OnlySeparators", file: "a.csv", content: ",,\n , \n", want: Error{Code: ErrNoRows}},
		{name: "TooMany", file: "a.csv", content: tooMany, want: Error{Code: ErrTooManyRows, Limit: DefaultMaxRows}},
		{name: "TooManyCustom", file: "a.csv", content: "a\nb\nc\n", opts: Options{MaxRows: 2}, want: Error{Code: ErrTooManyRows, Limit: 2}},
		{name: "NameMissing", file: "a.csv", content: "名称,説明\nA,a\n,orphan\n", want: Error{Code: ErrNameMissing, Line: 3}},
		{
			name:    "NameMissingAfterMultiLineRecord",
			file:    "a.csv",
			content: "名称,説明\r\nA,\"one\r\ntwo\r\nthree\"\r\n\r\n,orphan\r\n",
			want:    Error{Code: ErrNameMissing, Line: 6},
		},
		{name: "NameMissingHeaderless", file: "a.csv", content: "A,a\n\t,b\n", want: Error{Code: ErrNameMissing, Line: 2}},
		{name: "BareQuote", file: "a.csv", content: "名称,説明\nA,a\nB,12\" monitor\n", want: Error{Code: ErrCorrupt, Line: 3}},
		{name: "TextAfterQuote", file: "a.csv", content: "名称,説明\nA,\"a\"b\n", want: Error{Code: ErrCorrupt, Line: 2}},
		{name: "UnterminatedQuote", file: "a.csv", content: "名称,説明\nA,a\nB,\"open\nC,c\nD,d\n", want: Error{Code: ErrCorrupt, Line: 3}},
		{name: "NotAZip", file: "a.xlsx", content: "成果物名称,説明\nA,a\n", want: Error{Code: ErrCorrupt}},
		{name: "ShortNotAZip", file: "a.xlsx", content: "PK", want: Error{Code: ErrCorrupt}},
		{name: "TruncatedZip", file: "a.xlsx", content: string(xlsx[:len(xlsx)/2]), want: Error{Code: ErrCorrupt}},
		{name: "ZipNotWorkbook", file: "a.xlsx", content: string(zipOf(t, "word/document.xml", "<w:document/>")), want: Error{Code: ErrCorrupt}},
		{name: "ShiftJISInvalid", file: "a.csv", content: "名称,説明\n\x82\x20,\xff\n", want: Error{Code: ErrEncoding}},
		{name: "ShiftJISUnmapped", file: "a.csv", content: "\x82\xa0,\x80\n", want: Error{Code: ErrEncoding}},
		{name: "BinaryWithNUL", file: "a.csv", content: "A,a\x00\x00\n", want: Error{Code: ErrEncoding}},
		{name: "InvalidAfterUTF8BOM", file: "a.csv", content: "\uFEFF名称\n\xff\n", want: Error{Code: ErrEncoding}},
		{name: "OddUTF16", file: "a.csv", content: "\xFF\xFEA\x00,\x00b", want: Error{Code: ErrEncoding}},
		{name: "UnpairedSurrogate", file: "a.csv", content: "\xFF\xFEA\x00\x00\xD8", want: Error{Code: ErrEncoding}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := readError(t, tt.file, []byte(tt.content), tt.opts)
			got := *e
			got.Err = nil
			if got != tt.want {
				t.Errorf("error = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestErrorMessage checks the log text carries the code and every detail that is set.
func TestErrorMessage(t *testing.T) {
	cause := errors.New("boom")
	e := &Error{Code: ErrCorrupt, Line: 3, Limit: 7, Text: "x.pdf", Err: cause}
	if got, want := e.Error(), `sheets: corrupt at line 3 (limit 7) "x.pdf": boom`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(e, cause) {
		t.Error("errors.Is does not see the cause")
	}
	if got := (&Error{Code: ErrNoRows}).Error(); got != "sheets: no_rows" {
		t.Errorf("Error() = %q", got)
	}
}

// TestReadReaderFailure returns a failing reader's error as is, not as a problem with the file:
// a temporary file that cannot be read is the server's fault, not the user's.
func TestReadReaderFailure(t *testing.T) {
	cause := errors.New("disk gone")
	for _, name := range []string{"a.csv", "a.xlsx"} {
		_, err := Read(name, failingReaderAt{[]byte("PK\x03\x04,b\n"), cause}, 100, Options{})
		if !errors.Is(err, cause) {
			t.Fatalf("%s: err = %v, want it to wrap %v", name, err, cause)
		}
		if _, ok := errors.AsType[*Error](err); ok {
			t.Errorf("%s: err = %v is an *Error; a reader failure is not the file's fault", name, err)
		}
	}
}

// failingReaderAt holds data and fails for any read past it.
type failingReaderAt struct {
	data []byte
	err  error
}

func (r failingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off+int64(len(p)) <= int64(len(r.data)) {
		return copy(p, r.data[off:]), nil
	}
	n := 0
	if off < int64(len(r.data)) {
		n = copy(p, r.data[off:])
	}
	return n, r.err
}

// zipOf returns a zip archive holding one file.
func zipOf(tb testing.TB, name, content string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.WriteString(w, content); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
