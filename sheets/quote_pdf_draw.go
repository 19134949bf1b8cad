package sheets

import "strings"

// pdfDoc is one quotation being laid out: the canvas it is drawn on, the quote, and the cleaner
// every text goes through (in text or wrap) before it is drawn.
type pdfDoc struct {
	pdf   *pdfCanvas
	q     Quote
	clean pdfCleaner
}

// Type sizes in points, and the spacing of lines as a multiple of the size: Japanese text needs
// more leading than Latin text to stay readable.
const (
	pdfSizeHeading   = 20.0
	pdfSizeAddressee = 14.0
	pdfSizeHeadline  = 16.0
	pdfSizeCompany   = 10.5
	pdfSizeBody      = 9.0
	pdfSizeSmall     = 8.0
	pdfSizeNote      = 7.5
	pdfLineSpacing   = 1.45
	pdfPtMM          = 25.4 / 72
	pdfPad           = 1.5
)

// Grey levels (0 black – 255 white).
const (
	pdfInk      = 30
	pdfMuted    = 90
	pdfRuleGray = 170
	pdfStrong   = 60
	pdfFill     = 232
	pdfZebra    = 246
)

// Rule widths in millimetres.
const (
	pdfRuleThin  = 0.2
	pdfRuleThick = 0.5
)

// pdfLineH is the height of a line of text at size points, in millimetres.
func pdfLineH(size float64) float64 { return size * pdfPtMM * pdfLineSpacing }

// text draws s on one line in the box (x, y, w, h), aligned "L", "C" or "R", at size points.
func (d *pdfDoc) text(x, y, w, h, size float64, s, align string) {
	d.pdf.setFontSize(size)
	d.pdf.cell(x, y, w, h, d.clean.oneLine(s), align)
}

// textLines draws lines from (x, y) in a column w wide at size points and returns the y below.
func (d *pdfDoc) textLines(x, y, w, size float64, lines []string, align string) float64 {
	for _, l := range lines {
		d.text(x, y, w, pdfLineH(size), size, l, align)
		y += pdfLineH(size)
	}
	return y
}

// pdfParagraphMaxLines bounds the texts above the lines (addressee, subject, conditions, issuer):
// a pasted essay must not push the table off the first page.
const pdfParagraphMaxLines = 4

// paragraph draws s wrapped to a column w wide from (x, y) at size points, cut after
// pdfParagraphMaxLines lines, and returns the y below it.
func (d *pdfDoc) paragraph(x, y, w, size float64, s string) float64 {
	lines := d.wrap(s, size, w)
	if len(lines) > pdfParagraphMaxLines {
		lines = lines[:pdfParagraphMaxLines]
		d.ellipsize(lines, size, w)
	}
	return d.textLines(x, y, w, size, lines, "L")
}

// wrap breaks s into the lines that fit a cell w wide (padding included) at size points.
func (d *pdfDoc) wrap(s string, size, w float64) []string {
	scale := size * pdfPtMM / 1000
	return pdfWrap(d.clean.clean(s), w-2*pdfPad, func(r rune) float64 {
		return float64(d.glyphWidth(r)) * scale
	})
}

// width is the width of s on one line at size points, without padding.
func (d *pdfDoc) width(s string, size float64) float64 {
	units := 0
	for _, r := range d.clean.oneLine(s) {
		units += d.glyphWidth(r)
	}
	return float64(units) * size * pdfPtMM / 1000
}

// glyphWidth is the advance of r in 1/1000 em.
func (d *pdfDoc) glyphWidth(r rune) int {
	return d.pdf.font.width(r)
}

// bold draws with the fill-then-stroke text mode: the font has no bold face, and a thin outline
// in the text's colour thickens the strokes the way a bold weight would.
func (d *pdfDoc) bold(size float64, draw func()) {
	d.pdf.setDrawGray(pdfInk)
	d.pdf.setLineWidth(size * 0.012)
	d.pdf.setTextMode(2)
	draw()
	d.pdf.setTextMode(0)
}

// rule draws a horizontal line from x1 to x2 at y.
func (d *pdfDoc) rule(x1, x2, y, width float64, gray int) {
	d.pdf.setDrawGray(gray)
	d.pdf.setLineWidth(width)
	d.pdf.line(x1, y, x2, y)
}

// frame outlines a rectangle with a line of width in a grey.
func (d *pdfDoc) frame(x, y, w, h, width float64, gray int) {
	d.pdf.setDrawGray(gray)
	d.pdf.setLineWidth(width)
	d.pdf.rect(x, y, w, h, "S")
}

// fillRect paints a rectangle without a border.
func (d *pdfDoc) fillRect(x, y, w, h float64, gray int) {
	d.pdf.setFillGray(gray)
	d.pdf.rect(x, y, w, h, "f")
}

// ink sets the colour of the text that follows.
func (d *pdfDoc) ink(gray int) { d.pdf.setTextGray(gray) }

// pdfJoin joins the parts that are not blank.
func pdfJoin(sep string, parts ...string) string {
	kept := parts[:0:0]
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
