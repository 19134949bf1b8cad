package sheets

// Row is one deliverable read from a file. Line is the 1-based row number in the file (the sheet
// row for xlsx, the record's first line for CSV), so messages can point the user at it.
type Row struct {
	Name, Description string
	Line              int
}

// Format of an upload, decided from its name and content.
type Format string

// The formats Read understands.
const (
	FormatXLSX Format = "xlsx"
	FormatCSV  Format = "csv"
)

// DefaultMaxRows caps the deliverables of one upload when Options.MaxRows is not set. Each
// deliverable costs a model call and goes into the question prompt, so the cap protects both
// the bill and the prompt size.
const DefaultMaxRows = 500

// Options tune Read. The zero value reads the first sheet with the default row cap.
type Options struct {
	Sheet   string // xlsx: the sheet to read; "" = the first sheet
	MaxRows int    // deliverables allowed; 0 (or less) = DefaultMaxRows
}

// maxRows returns the cap in force.
func (o Options) maxRows() int {
	if o.MaxRows <= 0 {
		return DefaultMaxRows
	}
	return o.MaxRows
}

// NoteCode says what a Note is about; the HTTP layer turns it into a sentence.
type NoteCode string

// The notes Read can add to a successful result.
const (
	NoteHeaderNotRecognised NoteCode = "header_not_recognised" // Columns: the letters used for name and description
	NoteBlankRowsSkipped    NoteCode = "blank_rows_skipped"    // Count: rows without a name or description inside the table
	NoteExtraColumnsIgnored NoteCode = "extra_columns_ignored" // Count (and Columns: their letters) of ignored columns holding data
	NoteEncoding            NoteCode = "encoding"              // Text: "Shift_JIS" or "UTF-16", only when the text was not UTF-8
	NoteSheetUsed           NoteCode = "sheet_used"            // Text: the sheet read, only when the workbook has several
)

// Note is something the user should know about a successful read. Code says what; the fields
// carry the details.
type Note struct {
	Code    NoteCode
	Count   int      // e.g. rows skipped
	Columns []string // column letters, e.g. ["A","B"]
	Text    string   // e.g. the detected encoding name ("Shift_JIS"), or the sheet name
}

// Result is what Read found in an upload.
type Result struct {
	Format Format
	Rows   []Row
	Notes  []Note
	Sheets []string // xlsx: every sheet name in workbook order, so the user can pick another
	Sheet  string   // xlsx: the sheet read
}
