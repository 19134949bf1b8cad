package sheets

import "strings"

// Image limits in millimetres: a 角印 is usually 21–30 mm square, and a logo must not crowd the
// issuer's address.
const (
	pdfSealMax   = 25.0
	pdfLogoMaxW  = 50.0
	pdfLogoMaxH  = 14.0
	pdfIssuerGap = 1.0
	// pdfSealClearance is how far the seal may rise above the company name: the issuer block
	// starts 5 mm under the dates, so it stays 2 mm clear of them.
	pdfSealClearance = 3.0
)

// drawIssuer draws the right column from y: the logo, the company with its seal over the end of
// its name, and the contact lines. It returns the y below it, seal included.
func (d *pdfDoc) drawIssuer(y float64) float64 {
	is := d.q.Issuer
	if logo, ok := d.pdf.registerPNG(is.Logo); ok {
		w, h := logo.fitted(pdfLogoMaxW, pdfLogoMaxH)
		d.pdf.picture(logo, pdfRightX+pdfPad, y, w, h)
		y += h + 2
	}
	companyTop := y
	if strings.TrimSpace(is.Company) != "" {
		d.bold(pdfSizeCompany, func() {
			y = d.paragraph(pdfRightX, y, pdfRightW, pdfSizeCompany, is.Company)
		})
		y += pdfIssuerGap
	}
	for _, text := range d.q.IssuerLines() {
		y = d.paragraph(pdfRightX, y, pdfRightW, pdfSizeSmall, text)
	}
	return max(y, d.drawSeal(companyTop))
}

// drawSeal stamps the seal at the right end of the company name, overlapping it as a 角印 does,
// and returns its bottom (or top when there is no seal). It is drawn after the text and
// multiplied onto it, like ink: the name shows through, and a white background disappears.
func (d *pdfDoc) drawSeal(companyTop float64) float64 {
	seal, ok := d.pdf.registerPNG(d.q.Issuer.Seal)
	if !ok {
		return companyTop
	}
	w, h := seal.fitted(pdfSealMax, pdfSealMax)
	// Its upper third covers the end of the name, as a stamp lands, clear of the dates above.
	top := max(companyTop+pdfLineH(pdfSizeCompany)/2-h/3, companyTop-pdfSealClearance)
	d.pdf.blend("Multiply")
	d.pdf.picture(seal, pdfRight-w-2, top, w, h)
	d.pdf.blend("Normal")
	return top + h
}
