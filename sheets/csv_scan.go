package sheets

import (
	"bufio"
	"errors"
	"io"
	"unicode"
	"unicode/utf8"
)

// csvScanner splits decoded CSV text into records, RFC 4180 style with the settings every CSV
// export needs: the separator detected, ragged rows, quotes that must be well formed, and leading
// spaces skipped except with tabs (where skipping whitespace would swallow empty fields). Line
// breaks of every convention (\r\n, \r, \n) count as one, inside quoted fields too, where they
// come out as \n. Unlike encoding/csv, it never holds more than the limits allow: at most
// maxColumns fields a record and cellCap bytes a field, the rest read and dropped.
type csvScanner struct {
	in      *bufio.Reader
	sep     rune
	trim    bool
	strict  bool // a replacement character comes from a decoder, not from the file
	line    int  // the line the next rune is on
	back    rune // a rune read one too far, or -1
	content bool // whether anything but padding has been seen
}

func newCSVScanner(text io.Reader, sep rune, strict bool) *csvScanner {
	return &csvScanner{in: bufio.NewReader(text), sep: sep, trim: sep != '\t', strict: strict, line: 1, back: -1}
}

// errBadQuote is a quote where RFC 4180 allows none; the *Error made of it carries the line.
var errBadQuote = errors.New("misplaced quote")

// next returns the next record and the lines it starts and ends on, or io.EOF after the last.
// Empty lines hold no record and are skipped; the line numbers show where they were.
func (s *csvScanner) next() (record []string, start, end int, err error) {
	c, err := s.read()
	for skipped := 0; err == nil && c == '\n'; skipped++ {
		if skipped == maxSheetRows {
			return nil, 0, 0, &Error{Code: ErrTooManyLines, Limit: maxSheetRows}
		}
		c, err = s.read()
	}
	if err != nil {
		return nil, 0, 0, err
	}
	s.unread(c)
	start = s.line
	for {
		if len(record) == maxColumns {
			return nil, 0, 0, &Error{Code: ErrTooManyColumns, Line: start, Limit: maxColumns}
		}
		field, last, err := s.field()
		if err == errBadQuote {
			return nil, 0, 0, &Error{Code: ErrCorrupt, Line: start, Err: err}
		}
		if err != nil && err != io.EOF {
			return nil, 0, 0, err
		}
		record = append(record, field)
		if last != s.sep {
			// The record ends at a line break or at the end of the text.
			end = s.line
			if last == '\n' {
				end--
			}
			return record, start, end, nil
		}
	}
}

// field reads one field and returns it with the rune that ended it: the separator, '\n', or 0 at
// the end of the text (with io.EOF).
func (s *csvScanner) field() (string, rune, error) {
	c, err := s.read()
	for s.trim && err == nil && c != s.sep && c != '\n' && unicode.IsSpace(c) {
		c, err = s.read()
	}
	if err != nil {
		return "", 0, err
	}
	if c == '"' {
		return s.quoted()
	}
	var b []byte
	for ; err == nil; c, err = s.read() {
		switch c {
		case s.sep, '\n':
			return string(b), c, nil
		case '"':
			return "", 0, errBadQuote
		}
		b = appendRune(b, c)
	}
	return string(b), 0, err
}

// quoted reads the rest of a quoted field, whose opening quote has been read.
func (s *csvScanner) quoted() (string, rune, error) {
	var b []byte
	for {
		c, err := s.read()
		if err == io.EOF {
			return "", 0, errBadQuote // the quote is never closed
		}
		if err != nil {
			return "", 0, err
		}
		if c != '"' {
			b = appendRune(b, c)
			continue
		}
		c, err = s.read()
		switch {
		case err == io.EOF:
			return string(b), 0, io.EOF
		case err != nil:
			return "", 0, err
		case c == '"':
			b = appendRune(b, '"')
		case c == s.sep || c == '\n':
			return string(b), c, nil
		default:
			return "", 0, errBadQuote
		}
	}
}

// read returns the next rune with line breaks made '\n', keeping the line count.
func (s *csvScanner) read() (rune, error) {
	if c := s.back; c >= 0 {
		s.back = -1
		if c == '\n' {
			s.line++
		}
		return c, nil
	}
	c, size, err := s.in.ReadRune()
	if err != nil {
		return 0, err
	}
	switch {
	case c == '\r':
		if next, _, err := s.in.ReadRune(); err == nil && next != '\n' {
			_ = s.in.UnreadRune() // cannot fail right after ReadRune
		}
		c = '\n'
	case c == 0 || c == utf8.RuneError && (size == 1 || s.strict):
		// No text export contains NUL: it means binary content, or UTF-16 without its
		// byte-order mark. Invalid UTF-8, or a replacement character a decoder put in, means
		// bytes that are not in the encoding assumed.
		return 0, &Error{Code: ErrEncoding, Err: errors.New("NUL or undecodable bytes in text")}
	}
	if c == '\n' {
		s.line++
	} else if !s.content && !isPadding(c) {
		s.content = true
	}
	return c, nil
}

// unread gives back the rune just read.
func (s *csvScanner) unread(c rune) {
	if c == '\n' {
		s.line--
	}
	s.back = c
}

// appendRune appends c to a field's bytes unless the field already has cellCap bytes.
func appendRune(b []byte, c rune) []byte {
	if len(b)+utf8.RuneLen(c) > cellCap {
		return b
	}
	return utf8.AppendRune(b, c)
}
