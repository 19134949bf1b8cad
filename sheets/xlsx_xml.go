package sheets

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// xmlReader reads the tokens of one workbook part within the read's limits. It uses the
// decoder's raw tokens, which keep no stack of open elements (encoding/xml's Token would hold one
// entry per level, and check namespaces the parts never need), and counts the depth itself.
type xmlReader struct {
	part  string
	dec   *xml.Decoder
	depth int
}

// newXMLReader reads r, the inflated content of the part called name, charging its bytes to
// budget.
func newXMLReader(name string, r io.Reader, budget *int64) *xmlReader {
	return &xmlReader{part: name, dec: xml.NewDecoder(&xmlGuard{r: r, budget: budget})}
}

// next returns the next token, or io.EOF at the end of the part. Element names are compared by
// their local part: some writers prefix SpreadsheetML's elements (<x:row>), none gives a local
// name two meanings.
func (x *xmlReader) next() (xml.Token, error) {
	tok, err := x.dec.RawToken()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, x.fail(err)
	}
	switch tok.(type) {
	case xml.StartElement:
		x.depth++
		if x.depth > maxDepth {
			return nil, &Error{Code: ErrTooDeep, Limit: maxDepth}
		}
	case xml.EndElement:
		x.depth--
	}
	return tok, nil
}

// starts calls fn with each element start from here to the end of the part. fn may read the
// element's content (skip, text, within); what it leaves is read on.
func (x *xmlReader) starts(fn func(xml.StartElement) error) error {
	for {
		tok, err := x.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if start, ok := tok.(xml.StartElement); ok {
			if err := fn(start); err != nil {
				return err
			}
		}
	}
}

// within calls fn with the start of each element inside the element whose start was the last
// token, at any depth, and reads past its end. fn may read an element's content as starts allows.
func (x *xmlReader) within(fn func(xml.StartElement) error) error {
	for end := x.depth - 1; x.depth > end; {
		tok, err := x.next()
		if err != nil {
			return eofIsCorrupt(err, x.part)
		}
		if start, ok := tok.(xml.StartElement); ok {
			if err := fn(start); err != nil {
				return err
			}
		}
	}
	return nil
}

// skip reads past the rest of the element whose start was the last token.
func (x *xmlReader) skip() error {
	return x.within(func(xml.StartElement) error { return nil })
}

// text returns the character data of the element whose start was the last token, up to
// cellCap bytes (the rest is read and dropped), and reads past its end.
func (x *xmlReader) text() (string, error) {
	var b []byte
	for end := x.depth - 1; x.depth > end; {
		tok, err := x.next()
		if err != nil {
			return "", eofIsCorrupt(err, x.part)
		}
		if cd, ok := tok.(xml.CharData); ok {
			b = appendCapped(b, cd)
		}
	}
	return string(b), nil
}

// fail classifies an error met while reading the part: a limit of ours keeps its own code,
// anything else (bad XML, a damaged or truncated archive entry) makes the workbook corrupt.
func (x *xmlReader) fail(err error) error {
	if e, ok := errors.AsType[*Error](err); ok {
		return e
	}
	return &Error{Code: ErrCorrupt, Err: fmt.Errorf("read workbook part %q: %w", x.part, err)}
}

// eofIsCorrupt turns an end of part inside an element into a corrupt workbook.
func eofIsCorrupt(err error, part string) error {
	if err == io.EOF {
		return &Error{Code: ErrCorrupt, Err: fmt.Errorf("read workbook part %q: %w", part, io.ErrUnexpectedEOF)}
	}
	return err
}

// appendCapped appends p to b, keeping at most cellCap bytes and never splitting a character.
func appendCapped(b, p []byte) []byte {
	room := cellCap - len(b)
	if room <= 0 {
		return b
	}
	if len(p) > room {
		for room > 0 && !utf8.RuneStart(p[room]) { // never keep half a character
			room--
		}
		p = p[:room]
	}
	return append(b, p...)
}

// xmlGuard passes a part's bytes to the XML decoder while enforcing what the decoder itself does
// not bound: the bytes of all parts together (budget, shared by the parts of one read) and the
// length of a single tag or text, which the decoder would otherwise buffer whole (a tag with a
// million attributes, or megabytes of text). It tracks only whether it is inside a tag and
// inside a quoted attribute value, which is all it takes to find where tags end.
type xmlGuard struct {
	r      io.Reader
	budget *int64
	inTag  bool
	quote  byte
	token  int // bytes of the current tag or text so far
}

func (g *xmlGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	*g.budget -= int64(n)
	if *g.budget < 0 {
		return 0, &Error{Code: ErrTooLarge, Limit: maxXMLMB}
	}
	for _, c := range p[:n] {
		g.scan(c)
		if g.token > maxTokenKB<<10 {
			return 0, &Error{Code: ErrTokenTooLong, Limit: maxTokenKB}
		}
	}
	return n, err
}

// scan moves the tag tracking past one byte.
func (g *xmlGuard) scan(c byte) {
	switch {
	case g.quote != 0:
		if c == g.quote {
			g.quote = 0
		}
	case g.inTag && (c == '"' || c == '\''):
		g.quote = c
	case g.inTag && c == '>':
		g.inTag, g.token = false, 0
		return
	case c == '<':
		g.inTag, g.token = true, 0
	}
	g.token++
}
