package sheets

import "strings"

const (
	pdfRemarksGap    = 7.0
	pdfRemarksHeadH  = 6.5
	pdfBulletIndent  = 4.5
	pdfRemarkSpacing = 0.8
	pdfRemarkW       = pdfContentW - pdfBulletIndent
)

// drawRemarks draws the remarks under a captioned bar, one bullet each, wrapped with a hanging
// indent. Pages break between remarks; the caption stays with the first one.
func (d *pdfDoc) drawRemarks(y float64) {
	var remarks [][]string
	// A remark longer than a page is cut, as a row is: it could not be placed otherwise.
	maxLines := int((pdfBottom - pdfMargin - pdfRemarksHeadH - 2) / pdfLineH(pdfSizeSmall))
	for _, r := range d.q.Remarks {
		if strings.TrimSpace(r) == "" {
			continue
		}
		lines := d.wrap(r, pdfSizeSmall, pdfRemarkW)
		if len(lines) > maxLines {
			lines = lines[:maxLines]
			d.ellipsize(lines, pdfSizeSmall, pdfRemarkW)
		}
		remarks = append(remarks, lines)
	}
	if len(remarks) == 0 {
		return
	}
	y += pdfRemarksGap
	if y+pdfRemarksHeadH+pdfRemarkHeight(remarks[0]) > pdfBottom {
		y = d.continuePage()
	}
	d.fillRect(pdfMargin, y, pdfContentW, pdfRemarksHeadH, pdfFill)
	d.rule(pdfMargin, pdfRight, y, pdfRuleThick, pdfStrong)
	d.text(pdfMargin, y, pdfContentW, pdfRemarksHeadH, pdfSizeBody, d.q.Labels.Remarks, "L")
	y += pdfRemarksHeadH + 1.5
	bullet := "•"
	if d.q.Lang == "ja" {
		bullet = "・"
	}
	for _, lines := range remarks {
		if y+pdfRemarkHeight(lines) > pdfBottom {
			y = d.continuePage()
		}
		d.text(pdfMargin, y, pdfBulletIndent+pdfPad, pdfLineH(pdfSizeSmall), pdfSizeSmall, bullet, "L")
		y = d.textLines(pdfMargin+pdfBulletIndent, y, pdfRemarkW, pdfSizeSmall, lines, "L")
		y += pdfRemarkSpacing
	}
}

func pdfRemarkHeight(lines []string) float64 {
	return float64(len(lines))*pdfLineH(pdfSizeSmall) + pdfRemarkSpacing
}
