package sheets

import (
	"strconv"
	"strings"
)

// continuePage starts a continuation page and returns where its content starts. A small running
// head names the document and its number, so a page that comes loose still says whose it is.
func (d *pdfDoc) continuePage() float64 {
	d.pdf.addPage()
	h := pdfLineH(pdfSizeSmall)
	y := pdfMargin - h - 2
	number := pdfJoin(" ", d.q.Labels.Number, d.q.Number)
	d.ink(pdfMuted)
	d.text(pdfMargin, y, pdfContentW/2, h, pdfSizeSmall, d.q.Labels.Heading, "L")
	d.text(pdfPageW/2, y, pdfContentW/2, h, pdfSizeSmall, number, "R")
	d.ink(pdfInk)
	return pdfMargin
}

// drawFooters writes the page number, "1 / 3", centred at the bottom of every page, once the
// layout is done and the page count known: each page's footer is a content stream of its own,
// drawn after the page's.
func (d *pdfDoc) drawFooters() {
	format := d.q.Labels.Page
	if !strings.Contains(format, "{page}") {
		format = "{page} / {pages}"
	}
	pages := d.pdf.pageCount()
	for page := 1; page <= pages; page++ {
		d.pdf.footer(page, func() {
			d.pdf.setTextMode(0)
			d.ink(pdfMuted)
			label := strings.NewReplacer("{page}", strconv.Itoa(page), "{pages}", strconv.Itoa(pages)).Replace(format)
			d.text(pdfMargin, pdfPageH-pdfMargin+2, pdfContentW, pdfLineH(pdfSizeSmall), pdfSizeSmall, label, "C")
		})
	}
}
