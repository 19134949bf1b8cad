package sheets

import (
	"encoding/csv"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
)

// qxFormulaPrefixes are the first characters that make Excel, LibreOffice or Google Sheets read a
// CSV field as a formula (OWASP "CSV Injection"): = + - @, and tab or carriage return, which
// some of them skip before looking at the next character.
const qxFormulaPrefixes = "=+-@\t\r"

// WriteQuoteCSV writes the lines and totals of a quotation as CSV the way Excel expects to open
// it: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting, a header in the document's
// language. Figures are plain numbers in major units (no thousands separators; yen without
// decimals, dollars with two, person-days with one) so a spreadsheet or a script can add them
// up. Under the lines come contingency and discount (when not zero, the discount negative),
// subtotal, tax and total, each with its caption in the name column and its figure in the amount
// column.
//
// Every text field is defused: names and descriptions come from users, and one starting with a
// formula character would run as a formula when the file is opened, so it gets a leading
// apostrophe, which spreadsheets read as "this is text" (OWASP's advice).
func WriteQuoteCSV(w io.Writer, q Quote) error {
	cur, err := qxCurrencyOf(q.Currency)
	if err != nil {
		return fmt.Errorf("sheets: write quote csv: %w", err)
	}
	if _, err := w.Write(bomUTF8); err != nil {
		return fmt.Errorf("sheets: write quote csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	for record := range qxQuoteRecords(q, cur) {
		if err := cw.Write(record); err != nil {
			return fmt.Errorf("sheets: write quote csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("sheets: write quote csv: %w", err)
	}
	return nil
}

// qxQuoteRecords yields the CSV records of q: header, lines, then the summary rows. The records
// share one slice, refilled for each, since the CSV writer keeps none: a 500-line quotation then
// needs no copy of itself as strings.
func qxQuoteRecords(q Quote, cur qxQuoteCurrency) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		l := q.Labels
		record := []string{l.No, l.Name, l.Description}
		record = append(record, l.Phases[:]...)
		record = append(record, l.Quantity, l.UnitPrice, l.Amount)
		for i, s := range record {
			record[i] = qxDefuseFormula(s)
		}
		if !yield(record) {
			return
		}
		for _, line := range q.Lines {
			record = append(record[:0], strconv.Itoa(line.No), qxDefuseFormula(line.Name), qxDefuseFormula(line.Description))
			for _, phase := range line.Phases {
				record = append(record, qxDecimalText(phase, qxDaysScale))
			}
			record = append(record,
				qxDecimalText(line.DaysTenths, qxDaysScale),
				qxDecimalText(line.UnitCostMinor, cur.scale),
				qxDecimalText(line.AmountMinor, cur.scale))
			if !yield(record) {
				return
			}
		}
		for _, s := range qxQuoteSummary(q) {
			clear(record)
			record[1] = qxDefuseFormula(s.label)
			record[len(record)-1] = qxDecimalText(s.minor, cur.scale)
			if !yield(record) {
				return
			}
		}
	}
}

// qxDefuseFormula returns s with a leading apostrophe when a spreadsheet would read it as a
// formula; see qxFormulaPrefixes.
func qxDefuseFormula(s string) string {
	if s != "" && strings.ContainsRune(qxFormulaPrefixes, rune(s[0])) {
		return "'" + s
	}
	return s
}
