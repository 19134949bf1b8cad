// Package sheets reads the deliverables (成果物) users upload as .xlsx or .csv, and writes the
// sample files they can start from.
//
// Reading is forgiving about what real exports look like: Shift_JIS or UTF-16 text, tab or
// semicolon separators, headers in either language and in any column, blank rows and extra
// columns. What it cannot interpret comes back as an *Error whose Code the HTTP layer
// translates, which is why this package imports nothing of ours: it never builds a sentence.
package sheets
