package sheets

import (
	"errors"
	"fmt"
	"io"

	"github.com/go-pdf/fpdf"
)

// Page geometry in millimetres: A4 portrait with 15 mm margins, as Japanese business documents
// are printed. Everything below pdfBottom belongs to the footer.
const (
	pdfPageW    = 210.0
	pdfPageH    = 297.0
	pdfMargin   = 15.0
	pdfContentW = pdfPageW - 2*pdfMargin
	pdfRight    = pdfPageW - pdfMargin
	pdfBottom   = pdfPageH - pdfMargin - 3
)

// pdfPagesAlias stands for the page count until fpdf knows it; fpdf then replaces its bytes,
// both as UTF-8 and as UTF-16, anywhere in a page's content. U+F8E1 is chosen so that nothing
// else can match: it is a private-use code point the font lacks, so the cleaner replaces it in
// any text (a remark cannot contain it), and its byte pairs (F8 E1, and A3 A1 inside its UTF-8
// form) could only come from other code points the font lacks (U+E1xx, U+A3xx), never from two
// neighbouring characters. A simpler alias such as U+E000 would match ム or à followed by a
// Latin letter (30 E0 00 41).
const pdfPagesAlias = "\uF8E1"

// pdfCompressMaxLines is the longest quote whose pages are compressed. fpdf compresses each page
// with a new zlib writer, about 1 MB of allocation per page: a 500-line quote (23 pages) would
// allocate 50 MB instead of 24 MB. Up to 100 lines (5 pages) compression keeps the file small
// (96 KB instead of 206 KB); beyond, the file grows (700 KB for 500 lines) but memory stays
// bounded. The font subset and the images are compressed either way.
const pdfCompressMaxLines = 100

var errPDFNoFormatter = errors.New("quote has no Money or Days formatter")

// WritePDF writes the quotation as an A4 PDF: heading, number and dates, addressee, subject and
// conditions, the headline total, the issuer with its seal, the lines (the table header repeats
// on every page and a row is never split), the totals, the remarks and page numbers. The
// Japanese font is embedded in the binary and subset into the document, so it needs nothing
// installed and opens anywhere. Texts and figures are written as given: the quote is already
// translated and computed.
func WritePDF(w io.Writer, q Quote) error {
	if err := writePDF(w, q); err != nil {
		return fmt.Errorf("sheets: write pdf: %w", err)
	}
	return nil
}

func writePDF(w io.Writer, q Quote) error {
	if q.Money == nil || q.Days == nil {
		return errPDFNoFormatter
	}
	glyphs, err := pdfFontGlyphs()
	if err != nil {
		return err
	}
	d := newPDFDoc(q, newPDFCleaner(glyphs, q.Lang))
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("load font: %w", err)
	}
	d.pdf.AddPage()
	y := d.drawTop()
	y = d.drawLines(y)
	d.drawRemarks(y)
	// Output closes the document, which draws the last footer and fills in the page count.
	return d.pdf.Output(w)
}

// newPDFDoc prepares an empty document: page setup, font, metadata and the footer.
func newPDFDoc(q Quote, clean pdfCleaner) *pdfDoc {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	d := &pdfDoc{pdf: pdf, q: q, clean: clean, widths: map[rune]int{}}
	// Pages break where the layout decides (a row is never split), never where fpdf would.
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCompression(len(q.Lines) <= pdfCompressMaxLines)
	pdf.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	pdf.SetCellMargin(pdfPad)
	pdf.AliasNbPages(pdfPagesAlias)
	// fpdf parses the 6 MB font for each document (7–9 ms and 4.5 MB on the 2-core server, and
	// subsetting it at the end costs about as much again): it keeps the parsed font inside the
	// document and rewrites its state while subsetting, so one parse cannot be shared.
	pdf.AddUTF8FontFromBytes(pdfFontFamily, "", pdfFont)
	pdf.SetFont(pdfFontFamily, "", pdfSizeBody)
	pdf.SetTitle(clean.oneLine(pdfJoin(" ", q.Labels.Heading, q.Number)), true)
	pdf.SetSubject(clean.oneLine(q.Title), true)
	pdf.SetAuthor(clean.oneLine(q.Issuer.Company), true)
	pdf.SetCreator("estimator", false)
	pdf.SetLang(q.Lang)
	pdf.SetFooterFunc(d.drawFooter)
	return d
}
