package sheets

import (
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"time"
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

// pdfCompressorsKept is how many compressors a PDFWriter keeps between documents, about as many
// as documents are written at once. A compressor allocates about 1 MB when it is made, as much as
// the rest of a 500-line document; a sync.Pool would drop them at every garbage collection, which
// is when they are needed again.
const pdfCompressorsKept = 4

var errPDFNoFormatter = errors.New("quote has no Money or Days formatter")

// PDFWriter writes quotations as PDF. It reads the embedded font once and keeps the compressors
// its documents used, so a document allocates only what is its own: make one for the process and
// share it. It is safe for concurrent use.
type PDFWriter struct {
	font        *pdfFontInfo
	compressors chan *zlib.Writer
}

// NewPDFWriter reads the embedded font for the documents to come.
func NewPDFWriter() (*PDFWriter, error) {
	font, err := pdfReadFont(pdfFont)
	if err != nil {
		return nil, fmt.Errorf("sheets: read the pdf font: %w", err)
	}
	return &PDFWriter{font: font, compressors: make(chan *zlib.Writer, pdfCompressorsKept)}, nil
}

// WritePDF writes one quotation with a PDFWriter of its own, which reads the font again: a
// caller that writes many keeps a PDFWriter instead.
func WritePDF(w io.Writer, q Quote) error {
	p, err := NewPDFWriter()
	if err != nil {
		return err
	}
	return p.Write(w, q)
}

// Write writes the quotation as an A4 PDF: heading, number and dates, addressee, subject and
// conditions, the headline total, the issuer with its seal, the lines (the table header repeats
// on every page and a row is never split), the totals, the remarks and page numbers. The
// Japanese font is embedded, cut down to the characters the document draws, so it needs nothing
// installed and opens anywhere. Texts and figures are written as given: the quote is already
// translated and computed.
//
// Each page goes to w as soon as the next one starts; only a failing w can make Write fail after
// its first byte.
func (p *PDFWriter) Write(w io.Writer, q Quote) error {
	if err := p.write(w, q); err != nil {
		return fmt.Errorf("sheets: write pdf: %w", err)
	}
	return nil
}

func (p *PDFWriter) write(w io.Writer, q Quote) error {
	if q.Money == nil || q.Days == nil {
		return errPDFNoFormatter
	}
	zw := p.compressor()
	defer p.keep(zw)
	file := newPDFFile(w, zw)
	pagesObj, resourcesObj := file.reserve(), file.reserve()
	clean := newPDFCleaner(p.font.glyphs, q.Lang)
	d := &pdfDoc{pdf: newPDFCanvas(file, p.font, pdfSizeBody), q: q, clean: clean}
	// Pages break where the layout decides: a row is never split.
	d.pdf.addPage()
	y := d.drawTop()
	y = d.drawLines(y)
	d.drawRemarks(y)
	d.drawFooters()
	return d.pdf.finish(pagesObj, resourcesObj, pdfMeta{
		title:   clean.oneLine(pdfJoin(" ", q.Labels.Heading, q.Number)),
		subject: clean.oneLine(q.Title),
		author:  clean.oneLine(q.Issuer.Company),
		lang:    q.Lang,
		created: time.Now(),
	})
}

// compressor returns a compressor kept from an earlier document, or a new one.
func (p *PDFWriter) compressor() *zlib.Writer {
	select {
	case zw := <-p.compressors:
		return zw
	default:
		return zlib.NewWriter(io.Discard)
	}
}

// keep keeps a compressor for the next document, unless enough are kept.
func (p *PDFWriter) keep(zw *zlib.Writer) {
	select {
	case p.compressors <- zw:
	default:
	}
}
