package sheets

import (
	"slices"
	"strings"

	"golang.org/x/text/width"
)

// Header names that mark a column, in order of preference: when a header row has several
// matches ("項目" and "成果物名"), the earlier entry wins, so the most specific name is used.
// Entries are written as headerKey leaves them: folded width, lower case, no spaces.
var (
	nameHeaders = []string{
		"成果物名称", "成果物名", "成果物", "deliverablename", "deliverable", "deliverables",
		"名称", "項目名", "項目", "name", "item",
	}
	descriptionHeaders = []string{
		"説明", "description", "概要", "summary", "内容", "詳細", "details", "備考",
	}
)

// headerKey normalises a header cell so that "Deliverable Name", "ＤＥＬＩＶＥＲＡＢＬＥ＿ＮＡＭＥ" and
// "deliverable-name" compare equal: width folded (full-width Latin to half-width, half-width
// kana to full-width), lower-cased, and stripped of spaces and the separators people put
// between words.
func headerKey(cell string) string {
	return strings.Map(func(r rune) rune {
		if isPadding(r) || r == '_' || r == '-' || r == '・' {
			return -1
		}
		return r
	}, strings.ToLower(width.Fold.String(cell)))
}

// columns says where a table's deliverable fields are.
type columns struct {
	name, description int  // 0-based; description is -1 when no column holds it
	header            bool // the first non-blank row named the columns and is not data
}

// findColumns decides the columns from a table's first non-blank row. A row that names the
// name column is a header; without that it is data, and the name is taken from its first
// non-blank cell with the description beside it (so a sheet with an empty margin column still
// reads naturally).
func findColumns(cells []string) columns {
	keys := make([]string, len(cells))
	for i, c := range cells {
		keys[i] = headerKey(c)
	}
	if name := bestMatch(keys, nameHeaders, -1); name >= 0 {
		return columns{name: name, description: bestMatch(keys, descriptionHeaders, name), header: true}
	}
	first := slices.IndexFunc(cells, func(c string) bool { return c != "" })
	return columns{name: first, description: first + 1}
}

// bestMatch returns the index of the key naming the most preferred header in names, the leftmost
// on a tie, skipping index skip; -1 when none matches.
func bestMatch(keys, names []string, skip int) int {
	best, bestRank := -1, len(names)
	for i, k := range keys {
		if rank := slices.Index(names, k); i != skip && rank >= 0 && rank < bestRank {
			best, bestRank = i, rank
		}
	}
	return best
}
