package sheets

import (
	"strings"
	"unicode"
)

// cleanCell returns a cell's text as a deliverable field: line breaks normalised to \n (Excel
// writes \r\n inside cells, old Macs a bare \r), control characters other than \n and \t dropped
// (they are invisible in the UI but would reach prompts and documents), and padding trimmed.
func cleanCell(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimFunc(s, isPadding)
}

// isPadding reports runes that only pad a cell: every Unicode space (which includes the
// ideographic space U+3000 and NBSP) plus the zero-width space and a stray byte-order mark,
// both of which survive copy and paste from web pages and other tools.
func isPadding(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200B' || r == '\uFEFF'
}

// columnLetter names a 0-based column the way spreadsheets do: 0 → "A", 25 → "Z", 26 → "AA".
func columnLetter(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}
