package sheets

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"runtime"
	"testing"
)

// bombSize is how far the bomb's sheet expands: past the whole budget, from about 100 KB of zip.
const bombSize = (maxXMLMB + 10) << 20

// TestReadZipBomb refuses a workbook whose sheet inflates past the budget, from the sizes the
// archive declares, without inflating it: the memory Read allocates stays a small fraction of
// what the sheet would need.
func TestReadZipBomb(t *testing.T) {
	sheet, crc := deflatedSheet(t, bombSize)
	content := workbookWithSheet(t, sheet, crc, bombSize)
	if len(content) > 1<<20 {
		t.Fatalf("bomb is %d bytes; it should be small", len(content))
	}
	var e *Error
	allocated := allocatedBy(func() { e = readError(t, "bomb.xlsx", content, Options{}) })
	if e.Code != ErrTooLarge || e.Limit != maxXMLMB {
		t.Errorf("error = %+v, want too_large with limit %d", e, maxXMLMB)
	}
	if allocated > 16<<20 {
		t.Errorf("Read allocated %d MB refusing the bomb; it should not inflate it", allocated>>20)
	}
}

// TestReadLyingZipBomb reads a bomb whose archive declares a tiny sheet: archive/zip stops
// inflating at the declared size, so the file is refused as corrupt without the memory the real
// content would take.
func TestReadLyingZipBomb(t *testing.T) {
	const size = 32 << 20 // within the budget: only the declared size is a lie
	sheet, crc := deflatedSheet(t, size)
	content := workbookWithSheet(t, sheet, crc, 4<<10)
	var e *Error
	allocated := allocatedBy(func() { e = readError(t, "bomb.xlsx", content, Options{}) })
	if e.Code != ErrCorrupt {
		t.Errorf("error = %+v, want corrupt", e)
	}
	if allocated > 16<<20 {
		t.Errorf("Read allocated %d MB; it should stop at the declared size", allocated>>20)
	}
}

// allocatedBy returns the bytes allocated while fn runs.
func allocatedBy(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// deflatedSheet returns a worksheet of size bytes, mostly whitespace between rows, compressed,
// and its checksum. It is built in chunks so the test never holds the inflated sheet.
func deflatedSheet(tb testing.TB, size int) ([]byte, uint32) {
	tb.Helper()
	head := []byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>A</t></is></c></row>`)
	tail := []byte(`</sheetData></worksheet>`)
	var compressed bytes.Buffer
	fw, err := flate.NewWriter(&compressed, flate.BestSpeed)
	if err != nil {
		tb.Fatal(err)
	}
	crc := crc32.NewIEEE()
	w := io.MultiWriter(fw, crc)
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	written := 0
	for _, part := range [][]byte{head, nil, tail} {
		if part == nil {
			for rest := size - len(head) - len(tail); rest > 0; rest -= len(chunk) {
				n := min(rest, len(chunk))
				if _, err := w.Write(chunk[:n]); err != nil {
					tb.Fatal(err)
				}
				written += n
			}
			continue
		}
		if _, err := w.Write(part); err != nil {
			tb.Fatal(err)
		}
		written += len(part)
	}
	if err := fw.Close(); err != nil {
		tb.Fatal(err)
	}
	if written != size {
		tb.Fatalf("wrote %d bytes, want %d", written, size)
	}
	return compressed.Bytes(), crc.Sum32()
}

// workbookWithSheet returns a real workbook whose first sheet is replaced by the given deflated
// sheet, declared to inflate to declaredSize bytes.
func workbookWithSheet(tb testing.TB, deflated []byte, crc uint32, declaredSize int) []byte {
	tb.Helper()
	base := buildXLSX(tb, sheet{"Sheet1", [][]any{{"x"}}})
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			w, err := zw.CreateRaw(&zip.FileHeader{
				Name:               f.Name,
				Method:             zip.Deflate,
				CRC32:              crc,
				CompressedSize64:   uint64(len(deflated)),
				UncompressedSize64: uint64(declaredSize),
			})
			if err != nil {
				tb.Fatal(err)
			}
			if _, err := w.Write(deflated); err != nil {
				tb.Fatal(err)
			}
			continue
		}
		if err := zw.Copy(f); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestReadDamagedPart refuses a workbook whose sheet fails its checksum instead of reading
// whatever came out of it.
func TestReadDamagedPart(t *testing.T) {
	const size = 1 << 10
	sheet, crc := deflatedSheet(t, size)
	content := workbookWithSheet(t, sheet, crc+1, size)
	if e := readError(t, "damaged.xlsx", content, Options{}); e.Code != ErrCorrupt {
		t.Errorf("error = %+v, want corrupt", e)
	}
}
