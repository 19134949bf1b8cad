package sheets

import (
	"archive/zip"
	"fmt"
	"io"
	"strconv"
)

// Namespaces and the declaration every part starts with.
const (
	wbXMLHeader       = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	wbNSMain          = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	wbNSRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	wbNSPackageRels   = "http://schemas.openxmlformats.org/package/2006/relationships"
	wbRelType         = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	wbContentType     = "application/vnd.openxmlformats-officedocument."
)

// wbBook is a workbook laid out in memory, ready to be written: its sheets, the shared strings
// their cells refer to and the formats of the cells.
type wbBook struct {
	sheets  []*wbSheet
	strings wbStrings
	styles  *wbStyleSheet
}

// wbRel is a relationship of a part: what it points to and as what.
type wbRel struct{ target, kind string }

// write writes the workbook as an .xlsx package: a zip of SpreadsheetML parts, each streamed into
// the archive through one buffer. The pictures of a sheet go in a drawing of their own.
func (b *wbBook) write(w io.Writer) error {
	zw := zip.NewWriter(w)
	x := &wbXML{buf: make([]byte, 0, wbPartFlushAt+4<<10)}
	part := func(name string, write func(*wbXML)) error {
		fw, err := zw.Create(name)
		if err != nil {
			return fmt.Errorf("part %s: %w", name, err)
		}
		x.start(fw)
		write(x)
		if err := x.end(); err != nil {
			return fmt.Errorf("part %s: %w", name, err)
		}
		return nil
	}
	if err := part("[Content_Types].xml", b.writeContentTypes); err != nil {
		return err
	}
	if err := part("_rels/.rels", func(x *wbXML) {
		wbWriteRels(x, wbRel{"xl/workbook.xml", wbRelType + "officeDocument"})
	}); err != nil {
		return err
	}
	if err := part("xl/workbook.xml", b.writeWorkbook); err != nil {
		return err
	}
	if err := part("xl/_rels/workbook.xml.rels", b.writeWorkbookRels); err != nil {
		return err
	}
	if err := part("xl/theme/theme1.xml", func(x *wbXML) { x.raw(wbTheme) }); err != nil {
		return err
	}
	if err := part("xl/styles.xml", b.styles.write); err != nil {
		return err
	}
	if err := part("xl/sharedStrings.xml", func(x *wbXML) { b.strings.write(x, b.styles.family) }); err != nil {
		return err
	}
	image := 0
	for i, s := range b.sheets {
		n := strconv.Itoa(i + 1)
		if err := part("xl/worksheets/sheet"+n+".xml", s.writeWorksheet); err != nil {
			return err
		}
		if len(s.pictures) == 0 {
			continue
		}
		if err := part("xl/worksheets/_rels/sheet"+n+".xml.rels", func(x *wbXML) {
			wbWriteRels(x, wbRel{"../drawings/drawing" + n + ".xml", wbRelType + "drawing"})
		}); err != nil {
			return err
		}
		if err := part("xl/drawings/drawing"+n+".xml", func(x *wbXML) { wbWriteDrawing(x, s.pictures) }); err != nil {
			return err
		}
		rels := make([]wbRel, len(s.pictures))
		for j := range s.pictures {
			rels[j] = wbRel{"../media/image" + strconv.Itoa(image+j+1) + ".png", wbRelType + "image"}
		}
		if err := part("xl/drawings/_rels/drawing"+n+".xml.rels", func(x *wbXML) { wbWriteRels(x, rels...) }); err != nil {
			return err
		}
		for _, p := range s.pictures {
			image++
			if err := wbWriteMedia(zw, "xl/media/image"+strconv.Itoa(image)+".png", p.data); err != nil {
				return err
			}
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("finish the archive: %w", err)
	}
	return nil
}

// wbWriteMedia stores a picture as it is: a PNG is compressed already.
func wbWriteMedia(zw *zip.Writer, name string, data []byte) error {
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
	if err == nil {
		_, err = fw.Write(data)
	}
	if err != nil {
		return fmt.Errorf("part %s: %w", name, err)
	}
	return nil
}

// writeContentTypes writes [Content_Types].xml: what each part is.
func (b *wbBook) writeContentTypes(x *wbXML) {
	x.raw(wbXMLHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="` + wbContentType + `spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/theme/theme1.xml" ContentType="` + wbContentType + `theme+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="` + wbContentType + `spreadsheetml.styles+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="` + wbContentType + `spreadsheetml.sharedStrings+xml"/>`)
	for i, s := range b.sheets {
		n := strconv.Itoa(i + 1)
		x.raw(`<Override PartName="/xl/worksheets/sheet` + n + `.xml" ContentType="` + wbContentType + `spreadsheetml.worksheet+xml"/>`)
		if len(s.pictures) > 0 {
			x.raw(`<Override PartName="/xl/drawings/drawing` + n + `.xml" ContentType="` + wbContentType + `drawing+xml"/>`)
		}
	}
	x.raw("</Types>")
}

// writeWorkbook writes xl/workbook.xml: the sheets in order, the first one shown, and each
// sheet's print area and print titles as the defined names Excel and LibreOffice look for.
func (b *wbBook) writeWorkbook(x *wbXML) {
	x.raw(wbXMLHeader + `<workbook xmlns="` + wbNSMain + `" xmlns:r="` + wbNSRelationships + `">`)
	x.raw("<bookViews><workbookView/></bookViews><sheets>")
	for i, s := range b.sheets {
		x.raw("<sheet")
		x.attr("name", s.name)
		x.intAttr("sheetId", int64(i+1))
		x.raw(` r:id="rId` + strconv.Itoa(i+1) + `"/>`)
	}
	x.raw("</sheets><definedNames>")
	for i, s := range b.sheets {
		ref := wbSheetRef(s.name)
		p := s.print
		area := ref + "!$A$1:$" + columnLetter(p.lastCol-1) + "$" + strconv.Itoa(max(p.lastRow, 1))
		wbDefinedName(x, i, "_xlnm.Print_Area", area)
		if p.titleRow > 0 {
			row := strconv.Itoa(p.titleRow)
			wbDefinedName(x, i, "_xlnm.Print_Titles", ref+"!$"+row+":$"+row)
		}
	}
	x.raw("</definedNames></workbook>")
}

// wbDefinedName writes a name defined for the sheet numbered sheet (from 0).
func wbDefinedName(x *wbXML, sheet int, name, refersTo string) {
	x.raw("<definedName")
	x.attr("name", name)
	x.intAttr("localSheetId", int64(sheet))
	x.raw(">")
	x.text(refersTo)
	x.raw("</definedName>")
}

// writeWorkbookRels writes the workbook's relationships: its sheets (rId1 on), the theme, the
// styles and the shared strings.
func (b *wbBook) writeWorkbookRels(x *wbXML) {
	rels := make([]wbRel, 0, len(b.sheets)+3)
	for i := range b.sheets {
		rels = append(rels, wbRel{"worksheets/sheet" + strconv.Itoa(i+1) + ".xml", wbRelType + "worksheet"})
	}
	rels = append(rels, wbRel{"theme/theme1.xml", wbRelType + "theme"}, wbRel{"styles.xml", wbRelType + "styles"},
		wbRel{"sharedStrings.xml", wbRelType + "sharedStrings"})
	wbWriteRels(x, rels...)
}

// wbWriteRels writes a relationships part; the relationship numbered i (from 0) is rId{i+1}.
func wbWriteRels(x *wbXML, rels ...wbRel) {
	x.raw(wbXMLHeader + `<Relationships xmlns="` + wbNSPackageRels + `">`)
	for i, r := range rels {
		x.raw(`<Relationship Id="rId` + strconv.Itoa(i+1) + `"`)
		x.attr("Type", r.kind)
		x.attr("Target", r.target)
		x.raw("/>")
	}
	x.raw("</Relationships>")
}
