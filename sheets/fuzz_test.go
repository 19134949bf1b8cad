package sheets

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"estimator/sheets/hostile"
)

// FuzzReadCSV feeds arbitrary bytes to the CSV reader: it must never panic, every error must be
// an *Error, and every row must have a name and a line.
func FuzzReadCSV(f *testing.F) {
	f.Add(mustReadFile(f, "testdata/sample_input.csv"))
	f.Add([]byte("\xEF\xBB\xBF名称\t説明\r\nA\t\"a\r\nb\"\r\n\r\n,x\r\n"))
	f.Add([]byte("\xFF\xFEA\x00;\x00b\x00\n\x00"))
	f.Add([]byte("\x90\xac\x89\xca\x95\xa8,\x90\xe0\x96\xbe\n\xfa\x40,\x81\xe6\n"))
	f.Add([]byte("No;説明;成果物\n1;\"a;b\";A\n"))
	f.Add([]byte("a,\"b\nc"))
	addHostileSeeds(f, ".csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFuzzRead(t, "fuzz.csv", data)
	})
}

// FuzzReadXLSX does the same for workbooks, whose parsing is mostly excelize's: a damaged
// workbook must come back as an *Error, never as a panic.
func FuzzReadXLSX(f *testing.F) {
	f.Add(mustReadFile(f, "testdata/sample_input.xlsx"))
	addHostileSeeds(f, ".xlsx")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFuzzRead(t, "fuzz.xlsx", data)
	})
}

// addHostileSeeds seeds f with the small hostile uploads whose name ends in ext, so mutations
// start next to every limit.
func addHostileSeeds(f *testing.F, ext string) {
	uploads, err := hostile.Uploads()
	if err != nil {
		f.Fatal(err)
	}
	for _, u := range uploads {
		if strings.HasSuffix(u.Name, ext) && len(u.Content) <= 64<<10 {
			f.Add(u.Content)
		}
	}
}

// checkFuzzRead reads data and checks what every result must satisfy.
func checkFuzzRead(t *testing.T, name string, data []byte) {
	const maxRows = 50
	res, err := Read(name, bytes.NewReader(data), int64(len(data)), Options{MaxRows: maxRows})
	if err != nil {
		if _, ok := errors.AsType[*Error](err); !ok {
			t.Fatalf("error %v (%T) is not an *Error", err, err)
		}
		return
	}
	if len(res.Rows) == 0 || len(res.Rows) > maxRows {
		t.Fatalf("%d rows without an error", len(res.Rows))
	}
	last := 0
	for _, r := range res.Rows {
		if r.Name == "" || r.Line <= last {
			t.Fatalf("bad row %+v after line %d", r, last)
		}
		last = r.Line
	}
}
