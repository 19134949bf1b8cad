package sheets

import "reflect"

// pdfQuoteRunes are the characters the PDF of q draws, as the cleaner leaves them, for the font
// subset: printable ASCII (figures, page numbers), the marks the layout adds, every label, the
// texts of the head, the lines and the remarks, and the figures as Money and Days write them. A
// text drawn with a character left out here is caught as it is drawn (pdfDoc.covers), and the
// document is laid out again with the whole font.
func pdfQuoteRunes(q Quote, clean pdfCleaner) *pdfGlyphSet {
	set := new(pdfGlyphSet)
	for r := ' '; r <= '~'; r++ {
		set.add(int(r))
	}
	add := func(s string) {
		for _, r := range clean.clean(s) {
			if r < 0x10000 {
				set.add(int(r))
			}
		}
	}
	add(pdfLayoutMarks)
	add(clean.replacement)
	pdfEachString(reflect.ValueOf(q.Labels), add)
	for _, s := range [...]string{q.Number, q.IssueDate, q.ValidUntil, q.Title, q.Addressee, q.Delivery, q.Payment, q.Issuer.Company} {
		add(s)
	}
	for _, s := range q.IssuerLines() {
		add(s)
	}
	for _, s := range q.Remarks {
		add(s)
	}
	for _, l := range q.Lines {
		add(l.Name)
		add(l.Description)
		add(q.Days(l.DaysTenths))
		add(q.Money(l.UnitCostMinor))
		add(q.Money(l.AmountMinor))
	}
	t := q.Totals
	for _, minor := range [...]int64{t.ContingencyMinor, t.DiscountMinor, -t.DiscountMinor, t.SubtotalMinor, t.TaxMinor, t.TotalMinor} {
		add(q.Money(minor))
	}
	return set
}

// pdfLayoutMarks are the characters the layout draws of its own: the ellipsis of a text cut
// short, the mark of a discount, the bullets of the remarks.
const pdfLayoutMarks = "…▲・•"

// pdfEachString calls add with every string in v, a struct of strings and arrays of them.
func pdfEachString(v reflect.Value, add func(string)) {
	switch v.Kind() {
	case reflect.String:
		add(v.String())
	case reflect.Struct:
		for i := range v.NumField() {
			pdfEachString(v.Field(i), add)
		}
	case reflect.Array, reflect.Slice:
		for i := range v.Len() {
			pdfEachString(v.Index(i), add)
		}
	}
}
