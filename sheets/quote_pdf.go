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
	clean := newPDFCleaner(glyphs, q.Lang)
	d, err := drawPDF(q, clean, pdfQuoteRunes(q, clean))
	if err == nil && d.short {
		// A text had a character the subset left out: the whole font has it.
		d, err = drawPDF(q, clean, nil)
	}
	if err != nil {
		return err
	}
	return d.pdf.Output(w)
}

// drawPDF lays out the whole quotation in the embedded font cut down to runes (see
// pdfSubsetFont), or in the whole font when runes is nil or too many for a subset.
func drawPDF(q Quote, clean pdfCleaner, runes *pdfGlyphSet) (*pdfDoc, error) {
	font := pdfFont
	if runes != nil {
		subset, err := pdfSubsetFont(pdfFont, runes)
		switch {
		case errors.Is(err, errPDFTooManyRunes):
			runes = nil
		case err != nil:
			return nil, fmt.Errorf("subset font: %w", err)
		default:
			font = subset
		}
	}
	d := newPDFDoc(q, clean, font, runes)
	if err := d.pdf.Error(); err != nil {
		return nil, fmt.Errorf("load font: %w", err)
	}
	d.pdf.AddPage()
	y := d.drawTop()
	y = d.drawLines(y)
	d.drawRemarks(y)
	d.drawFooters()
	return d, nil
}

// newPDFDoc prepares an empty document in font, which has the characters of runes (all of the
// embedded font's if nil): page setup, font and metadata.
func newPDFDoc(q Quote, clean pdfCleaner, font []byte, runes *pdfGlyphSet) *pdfDoc {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	d := &pdfDoc{pdf: pdf, q: q, clean: clean, runes: runes, widths: map[rune]int{}}
	// Pages break where the layout decides (a row is never split), never where fpdf would.
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCompression(len(q.Lines) <= pdfCompressMaxLines)
	pdf.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	pdf.SetCellMargin(pdfPad)
	pdf.AddUTF8FontFromBytes(pdfFontFamily, "", font)
	pdf.SetFont(pdfFontFamily, "", pdfSizeBody)
	pdf.SetTitle(clean.oneLine(pdfJoin(" ", q.Labels.Heading, q.Number)), true)
	pdf.SetSubject(clean.oneLine(q.Title), true)
	pdf.SetAuthor(clean.oneLine(q.Issuer.Company), true)
	pdf.SetCreator("estimator", false)
	pdf.SetLang(q.Lang)
	return d
}
