package handlers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
)

// maxPartHeaderBytes is what the multipart reader may take from the body while it finds the next
// part and reads its headers, which it holds whole: a browser sends a few hundred bytes of them
// and the reader buffers 4 KB, but on its own it would accept 10 MB.
const maxPartHeaderBytes = 64 << 10

var errPartHeaderTooLarge = errors.New("multipart part header too large")

// readMultipart reads a multipart/form-data body part by part: text parts into fields, the files
// spec keeps into temporary files, anything else read and dropped. On an error the files kept so
// far are given up at once.
func readMultipart(ctx context.Context, body io.Reader, boundary string, spec formSpec, fields *formFields) (formData, error) {
	if boundary == "" {
		return formData{}, errors.New("multipart body without a boundary")
	}
	data := formData{files: map[string]*uploadedFile{}}
	guard := &headerGuard{r: body, left: -1}
	mr := multipart.NewReader(guard, boundary)
	var text bytes.Buffer // reused by every text part
	for n := 1; ; n++ {
		guard.left = maxPartHeaderBytes
		p, err := mr.NextPart()
		guard.left = -1
		if err == io.EOF { // the closing boundary; a body cut short fails with a wrapped io.EOF
			return data, nil
		}
		if err == nil {
			err = fields.next()
		}
		if err == nil {
			err = data.readPart(ctx, p, spec, fields, &text)
		}
		if err != nil {
			data.done()
			return formData{}, fmt.Errorf("multipart part %d: %w", n, err)
		}
	}
}

// readPart reads one part to its end, keeping what spec and the limits allow.
func (d *formData) readPart(ctx context.Context, p *multipart.Part, spec formSpec, fields *formFields, text *bytes.Buffer) error {
	name, filename := p.FormName(), p.FileName()
	limit, keepFile := spec.files[name]
	switch {
	case name == "" || len(name) > maxFieldNameBytes:
		return discard(p)
	case filename == "": // a text field, or a file input left empty, which browsers send as one
		text.Reset()
		if _, err := io.CopyN(text, p, maxFieldBytes); err != nil && err != io.EOF {
			return err
		}
		rest, err := io.Copy(io.Discard, p)
		if err != nil {
			return err
		}
		return fields.add(name, text.Bytes(), rest > 0)
	case !keepFile || d.files[name] != nil:
		return discard(p)
	}
	f, err := spoolFile(ctx, p, filename, limit)
	if err != nil {
		return err
	}
	d.files[name] = f
	return nil
}

// discard reads r to its end and drops what it read.
func discard(r io.Reader) error {
	_, err := io.Copy(io.Discard, r)
	return err
}

// headerGuard bounds what the multipart reader takes from the body while left is not negative:
// readMultipart sets it around each search for the next part.
type headerGuard struct {
	r    io.Reader
	left int64
}

func (g *headerGuard) Read(p []byte) (int, error) {
	if g.left < 0 {
		return g.r.Read(p)
	}
	if g.left == 0 {
		return 0, errPartHeaderTooLarge
	}
	if int64(len(p)) > g.left {
		p = p[:g.left]
	}
	n, err := g.r.Read(p)
	g.left -= int64(n)
	return n, err
}
