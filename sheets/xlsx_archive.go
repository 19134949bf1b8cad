package sheets

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"path"
	"strings"
)

// workbookArchive is an opened workbook package: its parts by name, and what is left of the
// read's XML budget. Only the parts the reader needs are ever inflated.
type workbookArchive struct {
	parts  map[string]*zip.File // by lower-cased name: Excel treats part names case-insensitively
	budget int64
}

// openArchive opens the zip package of a workbook.
func openArchive(r io.ReaderAt, size int64) (*workbookArchive, error) {
	if err := checkPartCount(r, size); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, &Error{Code: ErrCorrupt, Err: fmt.Errorf("open workbook archive: %w", err)}
	}
	a := &workbookArchive{parts: make(map[string]*zip.File, len(zr.File)), budget: maxXMLMB << 20}
	for _, f := range zr.File {
		a.parts[strings.ToLower(f.Name)] = f
	}
	return a, nil
}

// open starts reading the part called name (a path inside the package, with or without its
// leading slash). found is false when the package has no such part. A part that declares more
// than what is left of the budget is refused before anything is inflated; archive/zip then holds
// every part to its declared size, so a part cannot lie its way past the budget either.
func (a *workbookArchive) open(name string) (x *xmlReader, closePart func(), found bool, err error) {
	name = strings.TrimPrefix(path.Clean("/"+name), "/")
	f, ok := a.parts[strings.ToLower(name)]
	if !ok {
		return nil, nil, false, nil
	}
	if f.UncompressedSize64 > uint64(a.budget) {
		return nil, nil, true, &Error{Code: ErrTooLarge, Limit: maxXMLMB}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, true, &Error{Code: ErrCorrupt, Err: fmt.Errorf("open workbook part %q: %w", name, err)}
	}
	// Closing a part being read only releases its decompressor; read errors are checked as read.
	return newXMLReader(name, rc, &a.budget), func() { _ = rc.Close() }, true, nil
}

// endRecordLen is the size of a zip archive's end-of-central-directory record without its
// comment, which may follow it with up to 65,535 bytes.
const endRecordLen = 22

// checkPartCount refuses an archive that declares more than maxParts entries, reading the count
// from its end record before archive/zip reads the directory, which it holds whole: an upload
// of a few megabytes could declare a hundred thousand entries. An archive too large for the
// 16-bit count (zip64) says 0xFFFF and is refused the same way.
func checkPartCount(r io.ReaderAt, size int64) error {
	tail := make([]byte, min(size, endRecordLen+65535))
	if _, err := r.ReadAt(tail, size-int64(len(tail))); err != nil && err != io.EOF {
		return fmt.Errorf("sheets: read upload: %w", err)
	}
	i := bytes.LastIndex(tail, []byte("PK\x05\x06"))
	if i < 0 || len(tail)-i < endRecordLen {
		return &Error{Code: ErrCorrupt, Err: fmt.Errorf("open workbook archive: no end record")}
	}
	if entries := binary.LittleEndian.Uint16(tail[i+10:]); entries > maxParts {
		return &Error{Code: ErrTooManyParts, Limit: maxParts}
	}
	return nil
}
