// Package hostile makes the uploads an attacker would send, for the tests that show the
// spreadsheet readers and the server staying within their limits. Large content is generated
// and compressed as it is written, so a test never holds it inflated.
package hostile

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// Repeat returns head, then unit n times, then tail, generated as it is read.
func Repeat(head, unit, tail string, n int) io.Reader {
	return io.MultiReader(strings.NewReader(head), &repeater{unit: unit, left: n}, strings.NewReader(tail))
}

// repeater reads as unit repeated left times.
type repeater struct {
	unit string
	left int
	pos  int // bytes of the current unit already read
}

func (r *repeater) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && r.left > 0 {
		c := copy(p[n:], r.unit[r.pos:])
		n += c
		if r.pos += c; r.pos == len(r.unit) {
			r.pos, r.left = 0, r.left-1
		}
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// sheetHead and sheetTail frame a worksheet's rows; the head holds one real row, so that a
// reader that stopped early would have found a deliverable.
const (
	sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>要件定義書</t></is></c></row>`
	sheetTail = `</sheetData></worksheet>`
)

// Sheet returns worksheet XML with unit repeated n times after the first row.
func Sheet(unit string, n int) io.Reader {
	return Repeat(sheetHead, unit, sheetTail, n)
}

// Workbook returns an .xlsx package whose only sheet is read from sheet, plus extra empty parts.
func Workbook(sheet io.Reader, extraParts int) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := []struct {
		name string
		body io.Reader
	}{
		{"[Content_Types].xml", strings.NewReader(contentTypes)},
		{"_rels/.rels", strings.NewReader(rootRels)},
		{"xl/workbook.xml", strings.NewReader(workbookXML)},
		{"xl/_rels/workbook.xml.rels", strings.NewReader(workbookRels)},
		{"xl/worksheets/sheet1.xml", sheet},
	}
	for i := range extraParts {
		parts = append(parts, struct {
			name string
			body io.Reader
		}{fmt.Sprintf("m/%d", i), strings.NewReader("")})
	}
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			return nil, fmt.Errorf("hostile: add %s: %w", p.name, err)
		}
		if _, err := io.Copy(w, p.body); err != nil {
			return nil, fmt.Errorf("hostile: write %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("hostile: close workbook: %w", err)
	}
	return buf.Bytes(), nil
}

const (
	contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`</Types>`
	rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
		`</Relationships>`
	workbookXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`
	workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`</Relationships>`
)

// Upload is one hostile upload: what it is, its file name and content, and the code of the
// error the reader must refuse it with (a sheets.ErrorCode).
type Upload struct {
	Case, Name, Want string
	Content          []byte
}

// Uploads returns the hostile uploads every reader and the server must survive, each small
// enough to post under the default upload limit.
func Uploads() ([]Upload, error) {
	type spec struct {
		name, file, want string
		make             func() ([]byte, error)
	}
	specs := []spec{
		{"nested elements", "nested.xlsx", "too_deep", func() ([]byte, error) {
			return Workbook(Sheet("<x>", 2_500_000), 0) // never closed: the reader must stop first
		}},
		{"empty rows", "rows.xlsx", "too_large", func() ([]byte, error) { return Workbook(Sheet("<row></row>", 8_600_000), 0) }},
		{"empty rows under the size budget", "rows.xlsx", "too_many_lines", func() ([]byte, error) {
			return Workbook(Sheet("<row></row>", 600_000), 0)
		}},
		{"attributes", "attrs.xlsx", "token_too_long", func() ([]byte, error) {
			return Workbook(Repeat(sheetHead+`<row r="2" `, `a="" `, `/>`+sheetTail, 1_200_000), 0)
		}},
		{"whitespace text", "space.xlsx", "token_too_long", func() ([]byte, error) { return Workbook(Sheet(" ", 7<<20), 0) }},
		{"cells far right", "wide.xlsx", "too_many_columns", func() ([]byte, error) {
			return Workbook(Repeat(sheetHead+`<row r="2">`, `<c t="inlineStr"><is><t>x</t></is></c>`, `</row>`+sheetTail, 150_000), 0)
		}},
		{"the most a sheet may hold", "full.xlsx", "", func() ([]byte, error) {
			// Rows of numbers and notes beside the list, read to the end, under every limit.
			row := `<row><c r="C1" t="inlineStr"><is><t>注記</t></is></c>` + strings.Repeat(`<c><v>45000.25</v></c>`, 30) + `</row>`
			return Workbook(Sheet(row, 9_999), 0)
		}},
		{"many parts", "parts.xlsx", "too_many_parts", func() ([]byte, error) { return Workbook(Sheet("", 0), 80_000) }},
		{"one CSV row of empty fields", "wide.csv", "too_many_columns", func() ([]byte, error) {
			return io.ReadAll(Repeat("名称,説明\n", ",", "\n", 9_400_000))
		}},
		{"CSV of empty lines", "lines.csv", "too_many_lines", func() ([]byte, error) { return io.ReadAll(Repeat("名称\n", "\n", "a\n", 9_000_000)) }},
		{"CSV field of 9 MB", "field.csv", "cell_too_long", func() ([]byte, error) {
			return io.ReadAll(Repeat("名称,説明\nA,\"", "x", "\"\n", 9_000_000))
		}},
	}
	out := make([]Upload, 0, len(specs))
	for _, s := range specs {
		content, err := s.make()
		if err != nil {
			return nil, fmt.Errorf("hostile: %s: %w", s.name, err)
		}
		out = append(out, Upload{Case: s.name, Name: s.file, Want: s.want, Content: content})
	}
	return out, nil
}
