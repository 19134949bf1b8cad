package sheets

// Limits that bound what reading one upload can cost, whatever the file holds. Each is far above
// what a list of deliverables needs, and each is checked while streaming, before the thing it
// limits is held: memory stays within a few megabytes per read and time within a fraction of a
// second of CPU (TestReadWorstCases measures both). A file over a limit is refused with an
// *Error naming it.
const (
	// maxXMLMB bounds the XML read from a workbook, all parts together, as inflated. Parts that are
	// not needed (other sheets, pictures, charts) are never opened, so they cost nothing.
	maxXMLMB = 8
	// maxParts bounds the entries of a workbook's archive, checked before its directory is read:
	// a workbook has a dozen, one with many sheets and pictures a few hundred.
	maxParts = 2000
	// maxDepth bounds how deeply a workbook's XML nests; SpreadsheetML needs fewer than ten levels.
	maxDepth = 64
	// maxTokenKB bounds one XML tag or text between tags: a cell at Excel's own limit of 32,767
	// characters fits.
	maxTokenKB = 256
	// maxSheetRows bounds the rows read from a sheet or CSV file, empty ones included.
	maxSheetRows = 10_000
	// maxColumns bounds the fields of a CSV record and the columns of a sheet that hold data.
	maxColumns = 256
	// maxCellChars bounds a deliverable's name and description as read: the longest field a
	// deliverable has (its description). Longer text in a column that is not used is dropped.
	maxCellChars = 2_000
	// maxSharedStrings bounds a workbook's table of shared strings (the text of all its sheets).
	maxSharedStrings = 200_000
	// maxStyles bounds a workbook's cell formats (Excel allows 64,000) and custom number formats.
	maxStyles = 65_536
	// maxNumFmtChars bounds one number format code; Excel allows 255 characters.
	maxNumFmtChars = 255
)

// cellCap is the bytes of a cell's text kept while reading: enough for maxCellChars characters
// of any script and one more, so that a cell over the limit is still recognised as one.
const cellCap = (maxCellChars + 1) * 4
