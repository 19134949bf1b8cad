package sheets

import (
	"strconv"
	"strings"
)

// continuePage starts a continuation page and returns where its content starts. A small running
// head names the document and its number, so a page that comes loose still says whose it is.
func (d *pdfDoc) continuePage() float64 {
	d.pdf.AddPage()
	h := pdfLineH(pdfSizeSmall)
	y := pdfMargin - h - 2
	number := pdfJoin(" ", d.q.Labels.Number, d.q.Number)
	d.ink(pdfMuted)
	d.text(pdfMargin, y, pdfContentW/2, h, pdfSizeSmall, d.q.Labels.Heading, "L")
	d.text(pdfPageW/2, y, pdfContentW/2, h, pdfSizeSmall, number, "R")
	d.ink(pdfInk)
	return pdfMargin
}

// drawFooter writes the page number, "1 / 3", centred at the bottom of every page. fpdf calls it
// when it finishes a page, and fills in the page count when it closes the document.
func (d *pdfDoc) drawFooter() {
	format := d.q.Labels.Page
	if !strings.Contains(format, "{page}") {
		format = "{page} / {pages}"
	}
	// The caption is cleaned before the alias goes in: the alias is a code point the cleaner
	// would replace.
	label := strings.NewReplacer("{page}", strconv.Itoa(d.pdf.PageNo()), "{pages}", pdfPagesAlias).
		Replace(d.clean.oneLine(format))
	d.pdf.SetTextRenderingMode(0)
	d.ink(pdfMuted)
	d.pdf.SetFontSize(pdfSizeSmall)
	d.pdf.SetXY(pdfMargin, pdfPageH-pdfMargin+2)
	d.pdf.CellFormat(pdfContentW, pdfLineH(pdfSizeSmall), label, "", 0, "C", false, 0, "")
}
