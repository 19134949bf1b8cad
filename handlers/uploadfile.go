package handlers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// uploadedFile is a file sent with a form, spooled to a temporary file so that its content never
// sits in memory whole. A file over its limit keeps only its name and size: its content was read
// and dropped.
type uploadedFile struct {
	Filename string
	Size     int64  // bytes sent, counted on past the limit
	path     string // the temporary file
	kept     bool   // the content is in the temporary file: the file was within its limit
	// done removes the temporary file; it runs once, when the file has been read or at the
	// latest when the request ends.
	done func()
}

// Open opens the content for reading; an *os.File can also be read at any offset.
func (u *uploadedFile) Open() (*os.File, error) {
	if !u.kept {
		return nil, errors.New("handlers: open uploaded file: content over the limit was not kept")
	}
	f, err := os.Open(u.path)
	if err != nil {
		return nil, fmt.Errorf("handlers: open uploaded file: %w", err)
	}
	return f, nil
}

// spoolFile copies a file part into a temporary file, at most limit bytes of it: the rest of a
// larger file is read and dropped, and counted, so that the form can say it is too large.
func spoolFile(ctx context.Context, part io.Reader, filename string, limit int64) (*uploadedFile, error) {
	tmp, err := os.CreateTemp("", "upload-*")
	if err != nil {
		return nil, fmt.Errorf("spool upload: %w", err)
	}
	u := &uploadedFile{Filename: filename, path: tmp.Name()}
	u.done = sync.OnceFunc(func() {
		// Nothing is left to do if removal fails; the file is in the temporary directory.
		_ = os.Remove(u.path)
	})
	// The request's end removes the file whatever path the handler took.
	context.AfterFunc(ctx, u.done)
	n, err := io.Copy(tmp, io.LimitReader(part, limit+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		u.done()
		return nil, fmt.Errorf("spool upload: %w", err)
	}
	u.Size, u.kept = n, n <= limit
	if !u.kept {
		u.done() // nothing will read it
		rest, err := io.Copy(io.Discard, part)
		u.Size += rest
		if err != nil {
			return nil, fmt.Errorf("spool upload: %w", err)
		}
	}
	return u, nil
}
