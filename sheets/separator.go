package sheets

import (
	"encoding/csv"
	"io"
	"strings"
)

// separators are the field separators CSV exports use, in order of preference on a tie: comma
// (the standard), tab (copy from Excel, .tsv), semicolon (Excel where the comma is the decimal
// sign).
var separators = []rune{',', '\t', ';'}

// separatorSample is how many non-blank records the detection looks at: enough to see a pattern,
// few enough that the cost does not grow with the file.
const separatorSample = 10

// detectSeparator picks the separator under which the first records of text split into a
// consistent number of columns, two or more. Splitting with a real CSV reader means separators
// inside quoted fields are not counted. When no candidate gives two columns the file is a single
// column of names, and comma reads it as such.
func detectSeparator(text string) rune {
	best, bestFit := separators[0], separatorFit{}
	for _, sep := range separators {
		if fit := fitSeparator(text, sep); fit.betterThan(bestFit) {
			best, bestFit = sep, fit
		}
	}
	return best
}

// separatorFit measures how well a separator splits the sample: the most common column count
// and the number of records having it, out of sampled.
type separatorFit struct {
	columns, agreeing, sampled int
}

// betterThan prefers a fit that yields columns at all, then the more consistent one. Ties keep
// the earlier separator.
func (f separatorFit) betterThan(other separatorFit) bool {
	if f.columns < 2 {
		return false
	}
	if other.columns < 2 {
		return true
	}
	return f.agreeing*other.sampled > other.agreeing*f.sampled
}

// fitSeparator splits the first records of text with sep. A quoting error inside the sample
// disqualifies sep, since the real parse would fail the same way.
func fitSeparator(text string, sep rune) separatorFit {
	r := newCSVReader(text, sep)
	counts := map[int]int{}
	var fit separatorFit
	for fit.sampled < separatorSample {
		record, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return separatorFit{}
		}
		if strings.TrimFunc(strings.Join(record, ""), isPadding) == "" {
			continue
		}
		fit.sampled++
		counts[len(record)]++
		if n := counts[len(record)]; n > fit.agreeing || n == fit.agreeing && len(record) > fit.columns {
			fit.columns, fit.agreeing = len(record), n
		}
	}
	return fit
}

// newCSVReader returns the reader both detection and parsing use. Ragged rows are fine
// (FieldsPerRecord -1); quotes must be well formed (LazyQuotes off), so a broken file is reported
// rather than silently misread. Leading spaces are skipped so `a, "b, c"` still reads as two
// fields, except with tabs, where skipping whitespace would swallow empty fields.
func newCSVReader(text string, sep rune) *csv.Reader {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = sep != '\t'
	return r
}
