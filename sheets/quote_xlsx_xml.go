package sheets

import (
	"encoding/xml"
	"io"
	"strconv"
)

// wbPartFlushAt is how much of a part is gathered before it goes to the archive: the compressor
// then gets large writes, and a part never sits in memory whole.
const wbPartFlushAt = 32 << 10

// wbXML writes the XML of the workbook's parts into one reused buffer, flushed to the part being
// written as it fills, and keeps the first error (the errWriter idiom): a part reads as the markup
// it is rather than a ladder of error checks.
type wbXML struct {
	w       io.Writer
	buf     []byte
	scratch []byte // a text being escaped
	err     error
}

// start directs what follows to the part w.
func (x *wbXML) start(w io.Writer) {
	x.w = w
	x.buf = x.buf[:0]
}

// end writes what is left of the part.
func (x *wbXML) end() error {
	if x.err == nil && len(x.buf) > 0 {
		_, x.err = x.w.Write(x.buf)
	}
	x.buf = x.buf[:0]
	return x.err
}

// maybeFlush writes the buffer out once it is large enough.
func (x *wbXML) maybeFlush() {
	if len(x.buf) < wbPartFlushAt || x.err != nil {
		return
	}
	_, x.err = x.w.Write(x.buf)
	x.buf = x.buf[:0]
}

// raw writes markup as it is.
func (x *wbXML) raw(s string) {
	x.buf = append(x.buf, s...)
	x.maybeFlush()
}

// text writes s escaped for a text node or an attribute value, as encoding/xml escapes it: the
// markup characters, and tab, newline and carriage return as references (so they survive in
// attributes, and a CR is not folded into a newline by the reader); a character XML cannot carry
// (a control character, invalid UTF-8) becomes U+FFFD.
func (x *wbXML) text(s string) {
	x.scratch = append(x.scratch[:0], s...)
	_ = xml.EscapeText(x, x.scratch) // Write never fails
	x.maybeFlush()
}

// Write appends p to the part, for xml.EscapeText.
func (x *wbXML) Write(p []byte) (int, error) {
	x.buf = append(x.buf, p...)
	return len(p), nil
}

// int writes n in decimal.
func (x *wbXML) int(n int64) {
	x.buf = strconv.AppendInt(x.buf, n, 10)
}

// float writes f as encoding/xml would, the shortest form that reads back the same.
func (x *wbXML) float(f float64) {
	x.buf = strconv.AppendFloat(x.buf, f, 'g', -1, 64)
}

// cellRef writes the name of the cell at col, row (1-based), "B10", without a string per cell.
func (x *wbXML) cellRef(col, row int) {
	var letters [4]byte
	i := len(letters)
	for ; col > 0; col = (col - 1) / 26 {
		i--
		letters[i] = byte('A' + (col-1)%26)
	}
	x.buf = strconv.AppendInt(append(x.buf, letters[i:]...), int64(row), 10)
}

// rangeRef writes the name of a range of cells, "A1:G42".
func (x *wbXML) rangeRef(r wbRange) {
	x.cellRef(r.col1, r.row1)
	x.buf = append(x.buf, ':')
	x.cellRef(r.col2, r.row2)
}

// attr writes ` name="value"`, the value escaped.
func (x *wbXML) attr(name, value string) {
	x.attrWith(name, func() { x.text(value) })
}

// intAttr writes ` name="n"`.
func (x *wbXML) intAttr(name string, n int64) {
	x.attrWith(name, func() { x.int(n) })
}

// floatAttr writes ` name="f"`.
func (x *wbXML) floatAttr(name string, f float64) {
	x.attrWith(name, func() { x.float(f) })
}

// attrWith writes an attribute whose value value writes.
func (x *wbXML) attrWith(name string, value func()) {
	x.buf = append(append(append(x.buf, ' '), name...), `="`...)
	value()
	x.buf = append(x.buf, '"')
}
