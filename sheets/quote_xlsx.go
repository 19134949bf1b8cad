package sheets

import (
	"fmt"
	"io"
	"strings"
)

// wbQuoteDoc is what every part of the workbook needs: the quotation, its currency, the registered
// styles and the document's font.
type wbQuoteDoc struct {
	q    Quote
	cur  qxQuoteCurrency
	st   wbQuoteStyles
	font wbQuoteFont
}

// WriteQuoteXLSX writes a quotation as a workbook of four sheets named by q.Labels: the 見積書
// itself, laid out and set up to print on A4 like the quotation a Japanese company sends; the
// breakdown of every line by phase with its range and reasoning; the questions and answers the
// estimate rests on; and the history of revisions, newest first.
//
// Every amount and quantity is a number cell with a number format, so the reader can compute
// with them; the figures are those of the Quote, never recomputed. Every text is a string cell,
// so a name typed as "=HYPERLINK(…)" is shown, not run.
//
// The workbook is laid out whole in memory, compactly (a 500-line quotation is about 15,000
// cells), and only then written: an error can only come before the first byte or from w. The
// parts are written by this package rather than by a general spreadsheet library, which would
// keep a model of every cell several times larger and marshal it again on save.
func WriteQuoteXLSX(w io.Writer, q Quote) error {
	b, err := wbLayoutQuote(q)
	if err == nil {
		err = b.write(w)
	}
	if err != nil {
		return fmt.Errorf("sheets: write quote xlsx: %w", err)
	}
	return nil
}

// wbLayoutQuote lays out the four sheets of q.
func wbLayoutQuote(q Quote) (*wbBook, error) {
	cur, err := qxCurrencyOf(q.Currency)
	if err != nil {
		return nil, err
	}
	l := q.Labels
	names := []string{l.SheetQuote, l.SheetBreakdown, l.SheetQA, l.SheetRevisions}
	if err := wbCheckSheetNames(names); err != nil {
		return nil, err
	}
	// The default font sets the unit of column widths and the look of any cell left unstyled.
	font := wbFontFor(q.Lang)
	// About four distinct texts a line: name, description, reasoning, notes.
	b := &wbBook{strings: newWBStrings(4*len(q.Lines) + 64), styles: newWBStyleSheet(font.family)}
	taxBefore, taxAfter := wbTaxCaption(q)
	d := &wbQuoteDoc{q: q, cur: cur, st: wbNewQuoteStyles(b.styles, q, cur, taxBefore, taxAfter), font: font}
	writers := []func(*wbGrid, *wbQuoteDoc){wbWriteQuoteSheet, wbWriteBreakdownSheet, wbWriteQASheet, wbWriteRevisionsSheet}
	for i, write := range writers {
		g := &wbGrid{strings: &b.strings, sheet: &wbSheet{name: names[i]}}
		write(g, d)
		if g.err != nil {
			return nil, g.err
		}
		b.sheets = append(b.sheets, g.sheet)
	}
	b.sheets[0].selected = true
	return b, nil
}

// wbMaxSheetName is the longest name a sheet may have, in UTF-16 code units.
const wbMaxSheetName = 31

// wbCheckSheetNames refuses names Excel refuses: empty, too long, quoted at either end, with a
// character that references use, or used twice (Excel compares names case-insensitively).
func wbCheckSheetNames(names []string) error {
	seen := make(map[string]bool, len(names))
	for _, name := range names {
		key := strings.ToLower(name)
		switch {
		case name == "" || wbUTF16Len(name) > wbMaxSheetName || strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"),
			strings.ContainsAny(name, `:\/?*[]`):
			return fmt.Errorf("sheet name %q is not one Excel accepts", name)
		case seen[key]:
			return fmt.Errorf("sheet name %q used twice", name)
		}
		seen[key] = true
	}
	return nil
}

// wbTaxCaption splits the 「内消費税 …」 caption around its amount, so that the amount can be a number
// cell whose format carries the words. The caption either still holds the {amount} placeholder or
// already has the amount filled in by q.Money; a caption with neither is put before the figure.
func wbTaxCaption(q Quote) (before, after string) {
	caption := q.Labels.TaxInside
	if b, a, ok := strings.Cut(caption, "{amount}"); ok {
		return b, a
	}
	if q.Money != nil {
		if b, a, ok := strings.Cut(caption, q.Money(q.Totals.TaxMinor)); ok {
			return b, a
		}
	}
	if caption == "" {
		return "", ""
	}
	return caption + " ", ""
}
