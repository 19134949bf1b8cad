package sheets

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
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
func WriteQuoteXLSX(w io.Writer, q Quote) error {
	f := excelize.NewFile()
	// The workbook lives in memory; Close only releases excelize's temporary files, of which a
	// new in-memory workbook has none.
	defer func() { _ = f.Close() }()
	if err := wbFillQuoteWorkbook(f, q); err != nil {
		return fmt.Errorf("sheets: write quote xlsx: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("sheets: write quote xlsx: %w", err)
	}
	return nil
}

// wbFillQuoteWorkbook writes the four sheets of q into a new workbook.
func wbFillQuoteWorkbook(f *excelize.File, q Quote) error {
	cur, err := qxCurrencyOf(q.Currency)
	if err != nil {
		return err
	}
	font := wbFontFor(q.Lang)
	// The default font sets the unit of column widths and the look of any cell left unstyled.
	if err := f.SetDefaultFont(font.family); err != nil {
		return fmt.Errorf("set default font: %w", err)
	}
	l := q.Labels
	names := []string{l.SheetQuote, l.SheetBreakdown, l.SheetQA, l.SheetRevisions}
	if err := wbAddSheets(f, names); err != nil {
		return err
	}
	taxBefore, taxAfter := wbTaxCaption(q)
	st, err := wbNewQuoteStyles(f, q, cur, taxBefore, taxAfter)
	if err != nil {
		return err
	}
	d := &wbQuoteDoc{q: q, cur: cur, st: st, font: font}
	writers := []func(*wbGrid, *wbQuoteDoc){wbWriteQuoteSheet, wbWriteBreakdownSheet, wbWriteQASheet, wbWriteRevisionsSheet}
	for i, write := range writers {
		g := &wbGrid{f: f, sheet: names[i]}
		write(g, d)
		if g.err != nil {
			return g.err
		}
	}
	f.SetActiveSheet(0)
	return nil
}

// wbAddSheets names the default sheet and adds the others. excelize would silently reuse a sheet
// whose name repeats, and Excel compares names case-insensitively, so repeats are refused here.
func wbAddSheets(f *excelize.File, names []string) error {
	seen := make(map[string]bool, len(names))
	for i, name := range names {
		key := strings.ToLower(name)
		if seen[key] {
			return fmt.Errorf("sheet name %q used twice", name)
		}
		seen[key] = true
		var err error
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return fmt.Errorf("add sheet %q: %w", name, err)
		}
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
