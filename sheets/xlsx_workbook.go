package sheets

import (
	"encoding/xml"
	"errors"
	"path"
	"strings"
)

// workbook is what the reader needs from a workbook's own parts: its sheets in order, where its
// shared strings and styles are, and its date system.
type workbook struct {
	sheets        []sheetPart
	sharedStrings string // part name, "" when the workbook has none
	styles        string // part name, "" when the workbook has none
	date1904      bool
}

// sheetPart is one sheet: the name Excel shows and the part that holds it.
type sheetPart struct {
	name, part string
}

// Relationship types, matched by their last segment: transitional and strict SpreadsheetML
// spell the same relation under different prefixes.
const (
	relOfficeDocument = "/officeDocument"
	relWorksheet      = "/worksheet"
	relSharedStrings  = "/sharedStrings"
	relStyles         = "/styles"
)

// defaultWorkbookPart is where every writer puts the workbook; a package whose root relations
// cannot be read is still tried there.
const defaultWorkbookPart = "xl/workbook.xml"

// readWorkbook finds the workbook part through the package's relations and reads it.
func readWorkbook(a *workbookArchive) (workbook, error) {
	root, err := readRels(a, "_rels/.rels", "")
	if err != nil {
		return workbook{}, err
	}
	part := defaultWorkbookPart
	for _, rel := range root {
		if strings.HasSuffix(rel.typ, relOfficeDocument) {
			part = rel.target
		}
	}
	rels, err := readRels(a, relsPart(part), part)
	if err != nil {
		return workbook{}, err
	}
	var wb workbook
	for _, rel := range rels {
		switch {
		case strings.HasSuffix(rel.typ, relSharedStrings):
			wb.sharedStrings = rel.target
		case strings.HasSuffix(rel.typ, relStyles):
			wb.styles = rel.target
		}
	}
	x, closePart, found, err := a.open(part)
	if err != nil {
		return workbook{}, err
	}
	if !found {
		// A zip that is not a workbook, such as a .docx renamed to .xlsx.
		return workbook{}, &Error{Code: ErrCorrupt, Err: errors.New("open workbook: no workbook part")}
	}
	defer closePart()
	if err := wb.read(x, rels); err != nil {
		return workbook{}, err
	}
	if len(wb.sheets) == 0 {
		return workbook{}, &Error{Code: ErrCorrupt, Err: errors.New("open workbook: no sheets")}
	}
	return wb, nil
}

// read takes the date system and the sheets from the workbook part. A sheet whose relation is
// not a worksheet (a chart sheet, a dialog sheet) has no rows to read and is left out.
func (wb *workbook) read(x *xmlReader, rels map[string]rel) error {
	return x.starts(func(start xml.StartElement) error {
		switch start.Name.Local {
		case "workbookPr":
			v := attr(start, "date1904")
			wb.date1904 = v == "1" || v == "true"
		case "sheet":
			r, ok := rels[attr(start, "id")]
			if !ok || !strings.HasSuffix(r.typ, relWorksheet) {
				return nil
			}
			if len(wb.sheets) == maxParts {
				return &Error{Code: ErrTooManyParts, Limit: maxParts}
			}
			wb.sheets = append(wb.sheets, sheetPart{name: attr(start, "name"), part: r.target})
		}
		return nil
	})
}

// rel is one relationship of a part: its type and the part it points to.
type rel struct {
	typ, target string
}

// relsPart is the name of the part holding the relationships of part.
func relsPart(part string) string {
	dir, file := path.Split(part)
	return dir + "_rels/" + file + ".rels"
}

// readRels reads a relationships part into a map by relationship id, with each target resolved
// against source, the part the relationships belong to. A missing part has no relationships;
// links to outside the package are left out.
func readRels(a *workbookArchive, name, source string) (map[string]rel, error) {
	x, closePart, found, err := a.open(name)
	if err != nil || !found {
		return nil, err
	}
	defer closePart()
	rels := map[string]rel{}
	err = x.starts(func(start xml.StartElement) error {
		if start.Name.Local != "Relationship" || attr(start, "TargetMode") == "External" {
			return nil
		}
		if len(rels) == maxParts {
			return &Error{Code: ErrTooManyParts, Limit: maxParts}
		}
		rels[attr(start, "Id")] = rel{typ: attr(start, "Type"), target: resolveTarget(source, attr(start, "Target"))}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return rels, nil
}

// resolveTarget resolves a relationship's target: absolute from the package root when it starts
// with a slash, otherwise relative to the folder of the source part.
func resolveTarget(source, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Join(path.Dir(source), target)
}

// attr returns the value of the attribute with the local name local, or "".
func attr(start xml.StartElement, local string) string {
	for _, a := range start.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
