package sheets

import (
	"errors"
	"io"
	"strings"
)

// separators are the field separators CSV exports use, in order of preference on a tie: comma
// (the standard), tab (copy from Excel, .tsv), semicolon (Excel where the comma is the decimal
// sign).
var separators = []rune{',', '\t', ';'}

// separatorSample is how many non-blank records the detection looks at, within the first
// separatorSampleBytes of the text: enough to see a pattern, few enough that the cost does not
// grow with the file.
const (
	separatorSample      = 10
	separatorSampleBytes = 64 << 10
)

// detectSeparator picks the separator under which the first records of the text split into a
// consistent number of columns, two or more. Splitting with the real scanner means separators
// inside quoted fields are not counted. When no candidate gives two columns the file is a single
// column of names, and comma reads it as such. A limit of the read met in the sample stops the
// read: the real parse would meet it too.
func detectSeparator(src textSource) (rune, error) {
	best, bestFit := separators[0], separatorFit{}
	for _, sep := range separators {
		sample := &sampleReader{r: src.open(), left: separatorSampleBytes}
		fit, err := fitSeparator(newCSVScanner(sample, sep, src.strict), sample)
		if err != nil {
			return 0, err
		}
		if fit.betterThan(bestFit) {
			best, bestFit = sep, fit
		}
	}
	return best, nil
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

// fitSeparator splits the first records with the scanner s, which reads sample. A quoting error
// inside the sample disqualifies its separator, since the real parse would fail the same way;
// other errors (an encoding error, a limit) are returned. Where the sample was cut, in the middle
// of a record or even of a character, the record is not counted and what went wrong is not held
// against the separator.
func fitSeparator(s *csvScanner, sample *sampleReader) (separatorFit, error) {
	counts := map[int]int{}
	var fit separatorFit
	for fit.sampled < separatorSample {
		record, _, _, err := s.next()
		if err == io.EOF || sample.cut {
			break
		}
		if e, ok := errors.AsType[*Error](err); ok && (e.Code == ErrCorrupt || e.Code == ErrTooManyColumns) {
			return separatorFit{}, nil
		}
		if err != nil {
			return separatorFit{}, err
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
	return fit, nil
}

// sampleReader reads the first left bytes of r and says whether it cut r there.
type sampleReader struct {
	r    io.Reader
	left int64
	cut  bool
}

func (s *sampleReader) Read(p []byte) (int, error) {
	if s.left <= 0 {
		s.cut = true
		return 0, io.EOF
	}
	n, err := s.r.Read(p[:min(int64(len(p)), s.left)])
	s.left -= int64(n)
	return n, err
}
