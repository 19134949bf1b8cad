package sheets

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Column widths of the sample workbook, in Excel's character units: room for a deliverable name,
// and for a description that wraps rather than running off the screen.
const (
	nameColumnWidth        = 30
	descriptionColumnWidth = 70
)

// WriteXLSX writes a header and rows as a one-sheet workbook ready to fill in: a styled header
// row (bold, shaded, bordered, centred) that stays visible while scrolling, and descriptions that
// wrap. Cells are written as text, so a name such as "=1+1" or "001" stays what it is. Read
// recognises the header when it uses one of the names Read knows, such as 成果物名称/説明 or
// Deliverable/Description.
func WriteXLSX(w io.Writer, sheetName string, header [2]string, rows []Row) error {
	f := excelize.NewFile()
	// The workbook lives in memory; Close only releases excelize's temporary files, of which
	// a new in-memory workbook has none.
	defer func() { _ = f.Close() }()
	if err := fillSheet(f, sheetName, header, rows); err != nil {
		return fmt.Errorf("sheets: write xlsx: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("sheets: write xlsx: %w", err)
	}
	return nil
}

// fillSheet turns the default sheet of a new workbook into the sample sheet.
func fillSheet(f *excelize.File, sheet string, header [2]string, rows []Row) error {
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return fmt.Errorf("name sheet %q: %w", sheet, err)
	}
	styles, err := newSampleStyles(f)
	if err != nil {
		return err
	}
	if err := setCell(f, sheet, "A1", header[0], styles.header); err != nil {
		return err
	}
	if err := setCell(f, sheet, "B1", header[1], styles.header); err != nil {
		return err
	}
	for i, r := range rows {
		row := i + 2
		if err := setCell(f, sheet, fmt.Sprintf("A%d", row), r.Name, styles.name); err != nil {
			return err
		}
		if err := setCell(f, sheet, fmt.Sprintf("B%d", row), r.Description, styles.description); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(sheet, "A", "A", nameColumnWidth); err != nil {
		return fmt.Errorf("set column width: %w", err)
	}
	if err := f.SetColWidth(sheet, "B", "B", descriptionColumnWidth); err != nil {
		return fmt.Errorf("set column width: %w", err)
	}
	err = f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	if err != nil {
		return fmt.Errorf("freeze header row: %w", err)
	}
	return nil
}

// setCell writes text (never a formula or a number) into ref with a style.
func setCell(f *excelize.File, sheet, ref, text string, style int) error {
	if err := f.SetCellStr(sheet, ref, text); err != nil {
		return fmt.Errorf("set cell %s: %w", ref, err)
	}
	if err := f.SetCellStyle(sheet, ref, ref, style); err != nil {
		return fmt.Errorf("style cell %s: %w", ref, err)
	}
	return nil
}

// sampleStyles are the style ids of the sample sheet's cells.
type sampleStyles struct {
	header, name, description int
}

// newSampleStyles registers the sample sheet's styles in f. Data cells align to the top so a
// name lines up with the first line of its wrapped description.
func newSampleStyles(f *excelize.File) (sampleStyles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1},
		{Type: "right", Color: "808080", Style: 1},
		{Type: "bottom", Color: "808080", Style: 1},
	}
	header, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Border:    border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	})
	if err != nil {
		return sampleStyles{}, fmt.Errorf("header style: %w", err)
	}
	name, err := f.NewStyle(&excelize.Style{
		Border:    border,
		Alignment: &excelize.Alignment{Vertical: "top"},
	})
	if err != nil {
		return sampleStyles{}, fmt.Errorf("name style: %w", err)
	}
	description, err := f.NewStyle(&excelize.Style{
		Border:    border,
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	})
	if err != nil {
		return sampleStyles{}, fmt.Errorf("description style: %w", err)
	}
	return sampleStyles{header: header, name: name, description: description}, nil
}
