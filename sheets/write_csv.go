package sheets

import (
	"encoding/csv"
	"fmt"
	"io"
)

// WriteCSV writes a header and rows as CSV the way Excel expects to open it: UTF-8 with a
// byte-order mark (without one, Japanese Excel assumes Shift_JIS and shows mojibake), CRLF line
// ends and RFC 4180 quoting. Read recognises the header when it uses one of the names Read
// knows, such as 成果物名称/説明 or Deliverable/Description.
func WriteCSV(w io.Writer, header [2]string, rows []Row) error {
	if _, err := w.Write(bomUTF8); err != nil {
		return fmt.Errorf("sheets: write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(header[:]); err != nil {
		return fmt.Errorf("sheets: write csv header: %w", err)
	}
	for _, r := range rows {
		if err := cw.Write([]string{r.Name, r.Description}); err != nil {
			return fmt.Errorf("sheets: write csv row %q: %w", r.Name, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("sheets: write csv: %w", err)
	}
	return nil
}
