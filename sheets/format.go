package sheets

import (
	"bytes"
	"path"
	"strings"
)

// extensions maps the file extensions Read accepts to the format they announce. Text exports
// saved as .txt or .tsv are still CSV to us: the separator is detected, not assumed. .xlsm is the
// same package as .xlsx; its macros are never run.
var extensions = map[string]Format{
	".xlsx": FormatXLSX,
	".xlsm": FormatXLSX,
	".csv":  FormatCSV,
	".txt":  FormatCSV,
	".tsv":  FormatCSV,
}

// Signatures that decide the format from content when the name is misleading.
var (
	ole2Signature = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // compound file: .xls (and .doc, …)
	zipSignature  = []byte("PK\x03\x04")                                   // every .xlsx is a zip
)

// formatFromName returns the format a client file name announces. Browsers on Windows may send a
// full path, and users capitalise extensions, so only the extension of the last path element
// counts, case-insensitively.
func formatFromName(name string) (Format, error) {
	base := strings.TrimSpace(name[strings.LastIndexAny(name, `/\`)+1:])
	ext := strings.ToLower(path.Ext(base))
	if ext == ".xls" {
		return "", &Error{Code: ErrLegacyXLS, Text: ext}
	}
	format, ok := extensions[ext]
	if !ok {
		return "", &Error{Code: ErrUnsupportedType, Text: ext}
	}
	return format, nil
}

// formatFromContent corrects the announced format by the content's signature: a binary Excel
// workbook renamed to .xlsx or .csv is still one the user must re-save, and a workbook saved with
// a .csv name is read as the workbook it is rather than as garbage text.
func formatFromContent(announced Format, data []byte) (Format, error) {
	switch {
	case bytes.HasPrefix(data, ole2Signature):
		return "", &Error{Code: ErrLegacyXLS}
	case announced == FormatCSV && bytes.HasPrefix(data, zipSignature):
		return FormatXLSX, nil
	}
	return announced, nil
}
