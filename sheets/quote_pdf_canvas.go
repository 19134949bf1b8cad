package sheets

import (
	"slices"
	"strconv"
)

// pdfK converts millimetres, the unit of the layout, to points, the unit of the page.
const pdfK = 1 / pdfPtMM

// pdfUnknown marks a part of the graphics state the stream being drawn has not set.
const pdfUnknown = -1

// pdfCanvas draws the pages of one document: text in the embedded font, rules, shaded boxes and
// pictures, in millimetres from the top left corner. It writes each page's content to the file as
// soon as the next page starts, so a document is never whole in memory, and records which
// characters were drawn: the font embedded at the end has their glyphs alone.
//
// It remembers the graphics state of the stream being drawn (font size, colours, line width,
// text mode) and writes an operator only when the state changes. Everything is grey: a level is
// 0 (black) to 255 (white).
type pdfCanvas struct {
	file   *pdfFile
	font   *pdfFontInfo
	used   pdfGlyphSet
	pages  []pdfPageStreams
	buf    []byte // the content of the stream being drawn
	open   bool   // a page's content is being drawn into buf
	images []pdfPicture
	blends []string // the blend modes used, GS1 on

	size             float64 // points
	lineW            float64 // millimetres
	draw, fill, text int
	mode             int // text rendering mode
}

// pdfPageStreams are the object numbers of a page's content and of its footer, drawn once the
// page count is known (0 for none).
type pdfPageStreams struct{ content, footer int }

func newPDFCanvas(file *pdfFile, font *pdfFontInfo, size float64) *pdfCanvas {
	// A thin line of 0.2 mm until a width is set, as in most PDF writers.
	return &pdfCanvas{file: file, font: font, size: size, lineW: 0.2}
}

// addPage starts a page, writing out the one before. A page starts in the state the drawing has
// reached: its content restates the line width, font size, colours and text mode.
func (c *pdfCanvas) addPage() {
	c.flush()
	c.pages = append(c.pages, pdfPageStreams{})
	c.open = true
	size, lineW, draw, fill, mode := c.size, c.lineW, c.draw, c.fill, c.mode
	c.forget()
	c.setLineWidth(lineW)
	c.setFontSize(size)
	c.setDrawGray(draw)
	c.setFillGray(fill)
	c.setTextMode(mode)
}

// pageCount is the number of pages so far.
func (c *pdfCanvas) pageCount() int { return len(c.pages) }

// footer draws on page (from 1) after its content, once the layout is done. The footer cannot
// know the state the page's content ended in, so it states everything it uses.
func (c *pdfCanvas) footer(page int, draw func()) {
	c.flush()
	c.forget()
	draw()
	c.pages[page-1].footer = c.writeStream()
}

// flush writes the content of the page being drawn.
func (c *pdfCanvas) flush() {
	if c.open {
		c.pages[len(c.pages)-1].content = c.writeStream()
		c.open = false
	}
}

// writeStream writes what has been drawn as a content stream and returns its object number.
func (c *pdfCanvas) writeStream() int {
	n := c.file.reserve()
	c.file.stream(n, "", c.buf)
	c.buf = c.buf[:0]
	return n
}

// forget marks the graphics state as unknown, so the next operators state it. The text colour is
// not part of it: text sets its colour as it is drawn.
func (c *pdfCanvas) forget() {
	c.size, c.lineW, c.draw, c.fill, c.mode = pdfUnknown, pdfUnknown, pdfUnknown, pdfUnknown, pdfUnknown
}

// num writes a coordinate or a length in points, with two decimals, and a space.
func (c *pdfCanvas) num(v float64) {
	c.buf = append(strconv.AppendFloat(c.buf, v, 'f', 2, 64), ' ')
}

// gray writes a grey level as a PDF colour component, 0 to 1, and a space.
func (c *pdfCanvas) gray(level int) {
	c.buf = append(strconv.AppendFloat(c.buf, float64(level)/255, 'f', 3, 64), ' ')
}

// op writes an operator, or any content, as it is.
func (c *pdfCanvas) op(s string) { c.buf = append(c.buf, s...) }

// setFontSize sets the size of the text that follows, in points.
func (c *pdfCanvas) setFontSize(pt float64) {
	if pt == c.size {
		return
	}
	c.size = pt
	c.op("BT /F1 ")
	c.num(pt)
	c.op("Tf ET\n")
}

// setDrawGray sets the colour of lines.
func (c *pdfCanvas) setDrawGray(level int) { c.setGray(&c.draw, level, "G\n") }

// setFillGray sets the colour of shaded boxes.
func (c *pdfCanvas) setFillGray(level int) { c.setGray(&c.fill, level, "g\n") }

// setGray sets the grey of *state, with the operator op, unless it is set already.
func (c *pdfCanvas) setGray(state *int, level int, op string) {
	if level == *state {
		return
	}
	*state = level
	c.gray(level)
	c.op(op)
}

// setTextGray sets the colour of the text that follows.
func (c *pdfCanvas) setTextGray(level int) { c.text = level }

// setLineWidth sets the width of lines in millimetres.
func (c *pdfCanvas) setLineWidth(mm float64) {
	if mm == c.lineW {
		return
	}
	c.lineW = mm
	c.num(mm * pdfK)
	c.op("w\n")
}

// setTextMode sets how text is painted: 0 filled, 2 filled and outlined.
func (c *pdfCanvas) setTextMode(mode int) {
	if mode == c.mode {
		return
	}
	c.mode = mode
	c.buf = strconv.AppendInt(c.buf, int64(mode), 10)
	c.op(" Tr\n")
}

// line draws a line from (x1, y1) to (x2, y2).
func (c *pdfCanvas) line(x1, y1, x2, y2 float64) {
	c.num(x1 * pdfK)
	c.num((pdfPageH - y1) * pdfK)
	c.op("m ")
	c.num(x2 * pdfK)
	c.num((pdfPageH - y2) * pdfK)
	c.op("l S\n")
}

// rect paints a rectangle: "f" filled, "S" outlined.
func (c *pdfCanvas) rect(x, y, w, h float64, paint string) {
	c.num(x * pdfK)
	c.num((pdfPageH - y) * pdfK)
	c.num(w * pdfK)
	c.num(-h * pdfK)
	c.op("re " + paint + "\n")
}

// stringWidth is the width of s, one line, at the current size, in millimetres.
func (c *pdfCanvas) stringWidth(s string) float64 {
	units := 0
	for _, r := range s {
		units += c.font.width(r)
	}
	return float64(units) * c.sizeMM() / 1000
}

// sizeMM is the font size in millimetres.
func (c *pdfCanvas) sizeMM() float64 { return c.size / pdfK }

// cell draws s, a cleaned single line, in the box (x, y, w, h): "L" from pdfPad inside the left
// edge, "R" to pdfPad inside the right one, "C" centred; the baseline is 0.3 of the size below
// the middle of the box.
func (c *pdfCanvas) cell(x, y, w, h float64, s, align string) {
	if s == "" {
		return
	}
	var dx float64
	switch align {
	case "R":
		dx = w - pdfPad - c.stringWidth(s)
	case "C":
		dx = (w - c.stringWidth(s)) / 2
	default:
		dx = pdfPad
	}
	colored := c.text != c.fill
	if colored {
		c.op("q ")
		c.gray(c.text)
		c.op("g ")
	}
	c.op("BT ")
	c.num((x + dx) * pdfK)
	c.num((pdfPageH - (y + 0.5*h + 0.3*c.sizeMM())) * pdfK)
	c.op("Td <")
	for _, r := range s {
		c.used.add(int(r))
		c.buf = append(c.buf, pdfHex[r>>12&0xF], pdfHex[r>>8&0xF], pdfHex[r>>4&0xF], pdfHex[r&0xF])
	}
	c.op(">Tj ET")
	if colored {
		c.op(" Q")
	}
	c.op("\n")
}

// pdfHex are the digits of a hexadecimal string.
const pdfHex = "0123456789ABCDEF"

// blend sets how what follows is painted over what is already there: "Multiply" darkens like
// ink, "Normal" covers.
func (c *pdfCanvas) blend(mode string) {
	n := slices.Index(c.blends, mode)
	if n < 0 {
		c.blends = append(c.blends, mode)
		n = len(c.blends) - 1
	}
	c.op("/GS")
	c.buf = strconv.AppendInt(c.buf, int64(n+1), 10)
	c.op(" gs\n")
}

// picture draws a registered picture with its top left corner at (x, y), w × h millimetres.
func (c *pdfCanvas) picture(p pdfPicture, x, y, w, h float64) {
	c.op("q ")
	c.num(w * pdfK)
	c.op("0 0 ")
	c.num(h * pdfK)
	c.num(x * pdfK)
	c.num((pdfPageH - (y + h)) * pdfK)
	c.op("cm /I")
	c.buf = strconv.AppendInt(c.buf, int64(p.index), 10)
	c.op(" Do Q\n")
}
