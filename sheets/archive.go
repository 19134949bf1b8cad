package sheets

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
)

// checkArchive inflates every part of an archive excelize has accepted, discarding the output,
// to catch what excelize lets through: it ignores read errors, so a part that is truncated, fails
// its checksum or inflates past its declared size (a zip bomb that lies about its size) would
// otherwise be read as whatever came out before the failure. excelize has already checked the
// declared sizes against the budget, and archive/zip enforces them, so the work is bounded.
func checkArchive(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return &Error{Code: ErrCorrupt, Err: fmt.Errorf("open workbook archive: %w", err)}
	}
	for _, part := range zr.File {
		if err := checkPart(part); err != nil {
			return &Error{Code: ErrCorrupt, Err: fmt.Errorf("read workbook part %q: %w", part.Name, err)}
		}
	}
	return nil
}

// checkPart inflates one part to nowhere, returning what archive/zip found wrong with it.
func checkPart(part *zip.File) error {
	rc, err := part.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	_, err = io.Copy(io.Discard, rc)
	return err
}
