package sheets

import (
	"bytes"
	"fmt"
	"io"
	"unicode"
)

// Read reads deliverables from an upload. name is the client's file name (only its extension is
// used, case-insensitively); r holds the content, size bytes of it. The content is streamed,
// never held whole, within the limits of limits.go, so what a read costs does not depend on what
// the file holds.
//
// Problems with the file are returned as *Error. A failure of r itself is not the file's fault
// and is returned wrapped instead.
func Read(name string, r io.ReaderAt, size int64, opts Options) (Result, error) {
	announced, err := formatFromName(name)
	if err != nil {
		return Result{}, err
	}
	head := make([]byte, min(size, int64(len(ole2Signature))))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return Result{}, fmt.Errorf("sheets: read upload: %w", err)
	}
	format, err := formatFromContent(announced, head)
	if err != nil {
		return Result{}, err
	}
	if format == FormatCSV {
		return readCSV(r, size, opts)
	}
	if !bytes.HasPrefix(head, zipSignature) {
		blank, err := onlySpace(io.NewSectionReader(r, 0, size))
		if err != nil {
			return Result{}, err
		}
		if blank {
			return Result{}, &Error{Code: ErrEmptyFile}
		}
	}
	return readXLSX(r, size, opts)
}

// onlySpace reports whether r holds nothing but white space: an empty upload, whatever its name.
func onlySpace(r io.Reader) (bool, error) {
	var buf [4096]byte
	for {
		n, err := r.Read(buf[:])
		if len(bytes.TrimFunc(buf[:n], unicode.IsSpace)) > 0 {
			return false, nil
		}
		if err == io.EOF {
			return true, nil
		}
		if err != nil {
			return false, fmt.Errorf("sheets: read upload: %w", err)
		}
	}
}
