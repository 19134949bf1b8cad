package sheets

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Byte-order marks that announce a text encoding.
var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Encoding names reported in NoteEncoding.
const (
	encodingShiftJIS = "Shift_JIS"
	encodingUTF16    = "UTF-16"
)

// textSource is the text of a CSV upload, decoded to UTF-8 as it is read, which can be read from
// the start as often as needed (the separator is detected on a first look).
type textSource struct {
	r      io.ReaderAt
	start  int64 // after the byte-order mark
	size   int64
	enc    encoding.Encoding // nil for UTF-8
	name   string            // the encoding's name for NoteEncoding, "" for UTF-8
	strict bool              // a replacement character in the decoded text is an undecodable byte
}

// newTextSource decides the encoding of a CSV upload. A byte-order mark decides; without one,
// valid UTF-8 is UTF-8 and anything else is tried as Shift_JIS, which is what Excel on Japanese
// Windows writes when saving as CSV.
func newTextSource(r io.ReaderAt, size int64) (textSource, error) {
	head := make([]byte, min(size, 3))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return textSource{}, fmt.Errorf("sheets: read upload: %w", err)
	}
	src := textSource{r: r, size: size}
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		src.start = int64(len(bomUTF8))
	case bytes.HasPrefix(head, bomUTF16LE):
		src.start, src.enc, src.name, src.strict = 2, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), encodingUTF16, true
	case bytes.HasPrefix(head, bomUTF16BE):
		src.start, src.enc, src.name, src.strict = 2, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), encodingUTF16, true
	default:
		valid, err := validUTF8(io.NewSectionReader(r, 0, size))
		if err != nil {
			return textSource{}, err
		}
		if !valid {
			src.enc, src.name, src.strict = japanese.ShiftJIS, encodingShiftJIS, true
		}
	}
	return src, nil
}

// open returns the decoded text from its start. Shift_JIS is accepted only when every character
// encodes back to it: its decoder maps some bytes no Shift_JIS file holds to characters rather
// than failing. The check is not a byte-for-byte comparison, because CP932 has two codes for some
// symbols (ⅰ is both FA40 and EEEF) and the encoder picks one, so genuine Windows files would be
// refused.
func (s textSource) open() io.Reader {
	var text io.Reader = io.NewSectionReader(s.r, s.start, s.size-s.start)
	if s.enc == nil {
		return text
	}
	text = transform.NewReader(text, s.enc.NewDecoder())
	if s.enc == japanese.ShiftJIS {
		text = io.TeeReader(text, encodingCheck{transform.NewWriter(io.Discard, s.enc.NewEncoder())})
	}
	return text
}

// encodingCheck turns a failure to encode back into an encoding error of the upload.
type encodingCheck struct{ w io.Writer }

func (c encodingCheck) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	if err != nil {
		return n, &Error{Code: ErrEncoding, Err: fmt.Errorf("encode back to Shift_JIS: %w", err)}
	}
	return n, nil
}

// validUTF8 reports whether r holds valid UTF-8, reading it once in chunks; a character cut at
// the end of a chunk is carried to the next.
func validUTF8(r io.Reader) (bool, error) {
	buf := make([]byte, 64<<10)
	carry := 0
	for {
		n, err := io.ReadFull(r, buf[carry:])
		data := buf[:carry+n]
		end := len(data)
		if err == nil { // more to come: hold back a character that may continue in the next chunk
			for i := 1; i < utf8.UTFMax && i <= end; i++ {
				if utf8.RuneStart(data[end-i]) {
					if !utf8.FullRune(data[end-i:]) {
						end -= i
					}
					break
				}
			}
		}
		if !utf8.Valid(data[:end]) {
			return false, nil
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return true, nil
		}
		if err != nil {
			return false, fmt.Errorf("sheets: read upload: %w", err)
		}
		carry = copy(buf, data[end:])
	}
}
