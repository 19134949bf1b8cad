package handlers

import (
	"bytes"
	"errors"
	"io"
)

var (
	errBadEscape = errors.New("invalid URL escape")
	// errSemicolon: net/url no longer takes ';' as a separator and refuses a pair holding one.
	errSemicolon = errors.New("invalid semicolon separator")
)

// readURLEncoded reads an application/x-www-form-urlencoded body a buffer at a time, unescaping
// as it goes as url.QueryUnescape would ('+' is a space), so that only one pair, cut to
// maxFieldNameBytes and maxFieldBytes, is held at once. Pairs are split as url.ParseQuery splits
// them: on '&', then on the first '='; empty pairs are skipped.
func readURLEncoded(body io.Reader, fields *formFields) error {
	var p pairDecoder
	buf := make([]byte, 8<<10)
	for {
		n, err := body.Read(buf)
		for _, c := range buf[:n] {
			if c != '&' {
				if perr := p.write(c); perr != nil {
					return perr
				}
				continue
			}
			if perr := p.end(fields); perr != nil {
				return perr
			}
		}
		if err == io.EOF {
			return p.end(fields)
		}
		if err != nil {
			return err
		}
	}
}

// pairDecoder unescapes one name=value pair byte by byte.
type pairDecoder struct {
	name, value bytes.Buffer
	started     bool // a byte of the pair has been seen: an empty pair is skipped
	inValue     bool // past the first '='
	hexLeft     int  // hex digits still due after a '%'
	high        byte // the first of them
	nameCut     bool // the name was longer than maxFieldNameBytes
	valueCut    bool // the value was longer than maxFieldBytes
}

// write takes the next byte of the pair.
func (p *pairDecoder) write(c byte) error {
	p.started = true
	switch {
	case p.hexLeft > 0:
		d, ok := unhex(c)
		if !ok {
			return errBadEscape
		}
		p.hexLeft--
		if p.hexLeft == 1 {
			p.high = d
			return nil
		}
		c = p.high<<4 | d
	case c == '%':
		p.hexLeft = 2
		return nil
	case c == ';':
		return errSemicolon
	case c == '=' && !p.inValue:
		p.inValue = true
		return nil
	case c == '+':
		c = ' '
	}
	switch {
	case !p.inValue && p.name.Len() < maxFieldNameBytes:
		p.name.WriteByte(c)
	case !p.inValue:
		p.nameCut = true
	case p.value.Len() < maxFieldBytes:
		p.value.WriteByte(c)
	default:
		p.valueCut = true
	}
	return nil
}

// end finishes the pair: it is kept unless it was empty or its name too long, and the decoder is
// ready for the next one.
func (p *pairDecoder) end(fields *formFields) error {
	if !p.started {
		return nil
	}
	if p.hexLeft > 0 {
		return errBadEscape
	}
	err := fields.next()
	if err == nil && !p.nameCut {
		err = fields.add(p.name.String(), p.value.Bytes(), p.valueCut)
	}
	p.name.Reset()
	p.value.Reset()
	p.started, p.inValue, p.hexLeft, p.nameCut, p.valueCut = false, false, 0, false, false
	return err
}

// unhex is the value of a hexadecimal digit.
func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
