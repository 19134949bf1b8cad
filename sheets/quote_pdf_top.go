package sheets

import "strings"

// The first page is split in two columns above the lines, as Japanese quotations are: the client
// side (addressee, subject, conditions, amount) on the left, the issuer on the right.
const (
	pdfLeftW  = 104.0
	pdfRightX = pdfMargin + pdfLeftW + 6
	pdfRightW = pdfRight - pdfRightX
)

// drawTop draws the first page above the lines and returns where the lines start.
func (d *pdfDoc) drawTop() float64 {
	d.ink(pdfInk)
	y := d.drawHeading(pdfMargin)
	metaBottom := d.drawMeta(y)
	left := d.drawClient(y + 3)
	right := d.drawIssuer(metaBottom + 5)
	return max(left, right) + 7
}

// drawHeading centres the document's title, the largest text, over a rule.
func (d *pdfDoc) drawHeading(y float64) float64 {
	h := pdfLineH(pdfSizeHeading)
	heading := d.q.Labels.Heading
	d.bold(pdfSizeHeading, func() {
		d.text(pdfMargin, y, pdfContentW, h, pdfSizeHeading, heading, "C")
	})
	half := d.width(heading, pdfSizeHeading)/2 + 12
	d.rule(pdfPageW/2-half, pdfPageW/2+half, y+h+1, pdfRuleThick, pdfStrong)
	return y + h + 6
}

// pdfField is a caption and its value, for the blocks that pair them.
type pdfField struct{ label, value string }

// pdfFields drops the pairs whose value is blank: a field left empty is left out.
func pdfFields(pairs ...pdfField) []pdfField {
	kept := pairs[:0]
	for _, p := range pairs {
		if strings.TrimSpace(p.value) != "" {
			kept = append(kept, p)
		}
	}
	return kept
}

// drawMeta draws the number and the dates at the top right and returns the y below them.
func (d *pdfDoc) drawMeta(y float64) float64 {
	l := d.q.Labels
	rows := pdfFields(
		pdfField{l.Number, d.q.Number},
		pdfField{l.IssueDate, d.q.IssueDate},
		pdfField{l.ValidUntil, d.q.ValidUntil},
	)
	labelW, valueW := 0.0, 0.0
	for _, r := range rows {
		labelW = max(labelW, d.width(r.label, pdfSizeBody)+2*pdfPad+2)
		valueW = max(valueW, d.width(r.value, pdfSizeBody)+2*pdfPad)
	}
	x := pdfRight - max(labelW+valueW, pdfRightW)
	h := pdfLineH(pdfSizeBody) + 1
	for _, r := range rows {
		d.text(x, y, labelW, h, pdfSizeBody, r.label, "L")
		d.text(x+labelW, y, pdfRight-x-labelW, h, pdfSizeBody, r.value, "R")
		d.rule(x, pdfRight, y+h, pdfRuleThin, pdfRuleGray)
		y += h
	}
	return y
}

// drawClient draws the left column: addressee, greeting, subject and conditions, and the
// headline amount. It returns the y below it.
func (d *pdfDoc) drawClient(y float64) float64 {
	if strings.TrimSpace(d.q.Addressee) != "" {
		y = d.paragraph(pdfMargin, y, pdfLeftW, pdfSizeAddressee, d.q.Addressee)
		d.rule(pdfMargin, pdfMargin+pdfLeftW, y+0.5, pdfRuleThick, pdfStrong)
		y += 4
	}
	if strings.TrimSpace(d.q.Labels.Greeting) != "" {
		y = d.paragraph(pdfMargin, y, pdfLeftW, pdfSizeBody, d.q.Labels.Greeting) + 2
	}
	l := d.q.Labels
	y = d.drawFields(y, pdfFields(
		pdfField{l.Title, d.q.Title},
		pdfField{l.Delivery, d.q.Delivery},
		pdfField{l.Payment, d.q.Payment},
	))
	return d.drawHeadline(y + 5)
}

// drawFields draws captioned values, each on its own ruled row, values wrapped.
func (d *pdfDoc) drawFields(y float64, fields []pdfField) float64 {
	labelW := 18.0
	for _, f := range fields {
		labelW = max(labelW, d.width(f.label, pdfSizeBody)+2*pdfPad+3)
	}
	for _, f := range fields {
		top := y
		d.text(pdfMargin, top+0.5, labelW, pdfLineH(pdfSizeBody), pdfSizeBody, f.label, "L")
		y = d.paragraph(pdfMargin+labelW, top+0.5, pdfLeftW-labelW, pdfSizeBody, f.value) + 0.5
		d.rule(pdfMargin, pdfMargin+pdfLeftW, y, pdfRuleThin, pdfRuleGray)
	}
	return y
}

// drawHeadline draws the boxed tax-inclusive total, 「御見積金額 ¥7,396,400（税込）」, and the tax it
// contains beneath. It returns the y below.
func (d *pdfDoc) drawHeadline(y float64) float64 {
	l := d.q.Labels
	const boxH = 13.0
	labelW := max(30, d.width(l.Headline, pdfSizeCompany)+8)
	d.fillRect(pdfMargin, y, labelW, boxH, pdfFill)
	d.text(pdfMargin, y, labelW, boxH, pdfSizeCompany, l.Headline, "C")

	amount, suffix := d.q.Money(d.q.Totals.TotalMinor), l.TaxIncluded
	room := pdfLeftW - labelW - 2*pdfPad - 2
	size := pdfSizeHeadline
	// A long amount shrinks rather than overflowing the box.
	for size > pdfSizeBody && d.width(amount, size)+d.width(suffix, pdfSizeBody) > room {
		size--
	}
	// The suffix sits on the amount's baseline: a cell centres each size on its own, with the
	// baseline 0.3 of the size below the middle.
	suffixW := d.width(suffix, pdfSizeBody) + 2*pdfPad
	amountW := pdfLeftW - labelW - suffixW
	baseline := (size - pdfSizeBody) * pdfPtMM * 0.3
	d.bold(size, func() { d.text(pdfMargin+labelW, y, amountW, boxH, size, amount, "R") })
	d.text(pdfMargin+labelW+amountW-pdfPad, y+baseline, suffixW, boxH, pdfSizeBody, suffix, "L")

	d.frame(pdfMargin, y, pdfLeftW, boxH, pdfRuleThick, pdfStrong)
	d.pdf.line(pdfMargin+labelW, y, pdfMargin+labelW, y+boxH)
	y += boxH + 0.5
	if d.q.Totals.TaxMinor != 0 && strings.TrimSpace(l.TaxInside) != "" {
		inside := strings.ReplaceAll(l.TaxInside, "{amount}", d.q.Money(d.q.Totals.TaxMinor))
		d.text(pdfMargin, y, pdfLeftW, pdfLineH(pdfSizeSmall), pdfSizeSmall, inside, "R")
		y += pdfLineH(pdfSizeSmall)
	}
	return y
}
