package handlers

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"unicode/utf8"
)

// Bounds on what reading a form body holds in memory. Bodies are read field by field, never
// whole: the part of a field past maxFieldBytes is read and dropped, so what a request costs does
// not grow with what it sends.
const (
	// maxFieldBytes is what is kept of one text field: 4 bytes (the longest UTF-8 character) for
	// each character of the longest field the forms take (the requirements, 20,000 characters),
	// with room to spare. A field cut here is still over its own limit once cleaned, so it comes
	// back cut and marked too long like any other, unless it is mostly control characters that
	// cleaning drops, which nobody types.
	maxFieldBytes = 128 << 10
	// maxFieldNameBytes bounds a field's name. No field of ours comes near it; a longer one is
	// dropped.
	maxFieldNameBytes = 256
	// maxFormFields bounds how many fields, files included, a body may carry: the new-estimate
	// form sends about 2,000 (maxRawRows rows of two fields); net/url stops a query at as many.
	maxFormFields = 10000
)

var (
	// errFormTextTooLarge: the text fields kept add up to more than formFieldsBytes.
	errFormTextTooLarge = errors.New("form text over its limit")
	errTooManyFields    = errors.New("form has too many fields")
)

// formSpec is what one form may carry besides text fields.
type formSpec struct {
	maxBody int64            // the whole body; reading past it fails with *http.MaxBytesError
	files   map[string]int64 // the file fields kept, each with its size limit; other files are read and dropped
}

// formData is what readForm kept besides the text fields, which it leaves in r.PostForm.
type formData struct {
	files map[string]*uploadedFile // the first file chosen in each kept field
}

// done removes the files.
func (d *formData) done() {
	for _, f := range d.files {
		f.done()
	}
}

// readForm reads a multipart or URL-encoded body within spec. It keeps at most maxFieldBytes of
// each text field and formFieldsBytes of text in all, and spools each kept file to a temporary
// file removed when the request ends. The text fields go to r.PostForm and, followed by the URL's
// query values, to r.Form, as ParseForm would leave them; a body of another type is not read.
// r.Body itself is left unlimited, so that the error path can still drain a body over the limit
// (drainBody).
func readForm(w http.ResponseWriter, r *http.Request, spec formSpec) (formData, error) {
	body := http.MaxBytesReader(w, r.Body, spec.maxBody)
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return formData{}, fmt.Errorf("handlers: read form query: %w", err)
	}
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		ct = "application/octet-stream" // what net/http assumes
	}
	mediaType, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return formData{}, fmt.Errorf("handlers: read form: %w", err)
	}
	fields := &formFields{values: url.Values{}}
	var data formData
	switch mediaType {
	case "multipart/form-data":
		data, err = readMultipart(r.Context(), body, params["boundary"], spec, fields)
	case "application/x-www-form-urlencoded":
		err = readURLEncoded(body, fields)
	}
	if err != nil {
		return formData{}, fmt.Errorf("handlers: read form: %w", err)
	}
	r.PostForm = fields.values
	r.Form = make(url.Values, len(fields.values)+len(query))
	for _, vs := range []url.Values{fields.values, query} {
		for k, v := range vs {
			r.Form[k] = append(r.Form[k], v...)
		}
	}
	return data, nil
}

// formFields collects the text fields of a body within maxFormFields and formFieldsBytes.
type formFields struct {
	values url.Values
	count  int   // fields seen, kept or not
	bytes  int64 // names and values kept
}

// next counts one more field of the body, whether it is kept or not.
func (f *formFields) next() error {
	f.count++
	if f.count > maxFormFields {
		return errTooManyFields
	}
	return nil
}

// add keeps a field. A value cut at maxFieldBytes loses the character the cut went through.
func (f *formFields) add(name string, value []byte, cut bool) error {
	if cut {
		value = trimPartialRune(value)
	}
	f.bytes += int64(len(name) + len(value))
	if f.bytes > formFieldsBytes {
		return errFormTextTooLarge
	}
	f.values[name] = append(f.values[name], string(value))
	return nil
}

// trimPartialRune drops the bytes of an unfinished UTF-8 character at the end of b.
func trimPartialRune(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			return b
		}
	}
	return b
}
