package sheets

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
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

// decodeText returns the text of a CSV upload, and the name of its encoding when that was not
// UTF-8. A byte-order mark decides; without one, valid UTF-8 is UTF-8 and anything else is tried
// as Shift_JIS, which is what Excel on Japanese Windows writes when saving as CSV.
func decodeText(data []byte) (text, name string, err error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		text, err = checkUTF8(data[len(bomUTF8):])
	case bytes.HasPrefix(data, bomUTF16LE):
		text, err = decodeUTF16(unicode.LittleEndian, data[len(bomUTF16LE):])
		name = encodingUTF16
	case bytes.HasPrefix(data, bomUTF16BE):
		text, err = decodeUTF16(unicode.BigEndian, data[len(bomUTF16BE):])
		name = encodingUTF16
	case utf8.Valid(data):
		text = string(data)
	default:
		text, err = decodeShiftJIS(data)
		name = encodingShiftJIS
	}
	if err == nil && strings.ContainsRune(text, 0) {
		// No text export contains NUL; its presence means binary content (or UTF-16 that lost
		// its byte-order mark), which would otherwise come out as garbage deliverables.
		err = &Error{Code: ErrEncoding, Err: errors.New("NUL character in text")}
	}
	return text, name, err
}

func checkUTF8(data []byte) (string, error) {
	if !utf8.Valid(data) {
		return "", &Error{Code: ErrEncoding, Err: errors.New("invalid UTF-8 after a UTF-8 byte-order mark")}
	}
	return string(data), nil
}

// decodeUTF16 decodes the text after a UTF-16 byte-order mark. The decoder replaces an odd
// trailing byte or an unpaired surrogate with U+FFFD rather than failing, so a replacement
// character in the result is the sign of a broken file.
func decodeUTF16(order unicode.Endianness, data []byte) (string, error) {
	text, err := unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder().Bytes(data)
	if err != nil {
		return "", &Error{Code: ErrEncoding, Err: fmt.Errorf("decode UTF-16: %w", err)}
	}
	if bytes.ContainsRune(text, utf8.RuneError) {
		return "", &Error{Code: ErrEncoding, Err: errors.New("invalid UTF-16")}
	}
	return string(text), nil
}

// decodeShiftJIS decodes CP932 text (x/text's ShiftJIS covers the Windows extensions). The
// decoder never fails; it replaces what it cannot map with U+FFFD, so the text is accepted only
// without replacements and when every character encodes back to Shift_JIS. The check is not a
// byte-for-byte comparison: CP932 has two codes for some symbols (ⅰ is both FA40 and EEEF), and
// the encoder picks one, so genuine Windows files would be refused.
func decodeShiftJIS(data []byte) (string, error) {
	text, err := japanese.ShiftJIS.NewDecoder().Bytes(data)
	if err == nil && bytes.ContainsRune(text, utf8.RuneError) {
		err = errors.New("bytes that are neither UTF-8 nor Shift_JIS")
	}
	if err == nil {
		_, err = japanese.ShiftJIS.NewEncoder().Bytes(text)
	}
	if err != nil {
		return "", &Error{Code: ErrEncoding, Err: fmt.Errorf("decode Shift_JIS: %w", err)}
	}
	return string(text), nil
}
