package sheets

import (
	"bytes"
	"fmt"
	"io"
)

// Read reads deliverables from an upload. name is the client's file name (only its extension is
// used, case-insensitively); r is the content, whose size the caller already bounds.
//
// Problems with the file are returned as *Error. A failure of r itself (a body over the caller's
// limit, a dropped connection) is not the file's fault and is returned wrapped instead, so the
// caller can still recognise it, e.g. as *http.MaxBytesError.
func Read(name string, r io.Reader, opts Options) (Result, error) {
	announced, err := formatFromName(name)
	if err != nil {
		return Result{}, err
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return Result{}, fmt.Errorf("sheets: read upload: %w", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Result{}, &Error{Code: ErrEmptyFile}
	}
	format, err := formatFromContent(announced, data)
	if err != nil {
		return Result{}, err
	}
	if format == FormatXLSX {
		return readXLSX(data, opts)
	}
	return readCSV(data, opts)
}
