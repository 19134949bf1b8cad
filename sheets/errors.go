package sheets

import (
	"fmt"
	"strings"
)

// ErrorCode says what is wrong with an upload; the HTTP layer turns it into a sentence.
type ErrorCode string

// The problems Read reports. Each is something the user can fix in the file.
const (
	ErrUnsupportedType ErrorCode = "unsupported_type" // not .xlsx/.csv (Text: the extension)
	ErrLegacyXLS       ErrorCode = "legacy_xls"       // binary Excel (.xls, or OLE2 content whatever the name)
	ErrEmptyFile       ErrorCode = "empty_file"       // no bytes, or only whitespace or a byte-order mark
	ErrNoRows          ErrorCode = "no_rows"          // readable, but no row with a name
	ErrTooManyRows     ErrorCode = "too_many_rows"    // Limit: the deliverables allowed
	ErrNameMissing     ErrorCode = "name_missing"     // a row with a description but no name (Line)
	ErrCorrupt         ErrorCode = "corrupt"          // not a readable xlsx/csv (Line when known)
	ErrTooLarge        ErrorCode = "too_large"        // xlsx: XML inflates past the budget (Limit in MB)
	ErrSheetNotFound   ErrorCode = "sheet_not_found"  // Options.Sheet is not in the workbook (Text)
	ErrEncoding        ErrorCode = "encoding"         // bytes that no supported encoding decodes

	// Limits of a read (limits.go); Limit carries the one exceeded, Line the row where one applies.
	ErrTooManyParts   ErrorCode = "too_many_parts"   // xlsx: archive entries
	ErrTooDeep        ErrorCode = "too_deep"         // xlsx: levels of XML nesting
	ErrTokenTooLong   ErrorCode = "token_too_long"   // xlsx: one tag or text, in KB
	ErrTooManyStrings ErrorCode = "too_many_strings" // xlsx: shared strings
	ErrTooManyStyles  ErrorCode = "too_many_styles"  // xlsx: cell formats or number formats
	ErrTooManyLines   ErrorCode = "too_many_lines"   // rows read, empty ones included
	ErrTooManyColumns ErrorCode = "too_many_columns" // columns holding data (Line)
	ErrCellTooLong    ErrorCode = "cell_too_long"    // characters of a name or description (Line)
)

// Error is a problem with the file the user can fix. Code says what; the other fields carry the
// details a message needs, and Err keeps the underlying cause for the logs only.
type Error struct {
	Code  ErrorCode
	Line  int    // row number, where one applies
	Limit int    // the limit that was exceeded (rows, or MB of decompressed size)
	Text  string // e.g. the sheet name asked for, or the extension given
	Err   error  // underlying cause, for logs only
}

// Error describes the problem for the logs: "sheets: <code>" followed by whatever details are set.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("sheets: ")
	b.WriteString(string(e.Code))
	if e.Line > 0 {
		fmt.Fprintf(&b, " at line %d", e.Line)
	}
	if e.Limit > 0 {
		fmt.Fprintf(&b, " (limit %d)", e.Limit)
	}
	if e.Text != "" {
		fmt.Fprintf(&b, " %q", e.Text)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying cause, so logs and errors.Is can see it.
func (e *Error) Unwrap() error { return e.Err }
