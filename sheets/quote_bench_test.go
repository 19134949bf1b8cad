package sheets

import (
	"io"
	"strconv"
	"testing"
)

// BenchmarkWriteQuoteXLSX measures the workbook of a large quotation. The target is 100 ms
// for 100 lines; allocations must grow with the lines, not faster.
func BenchmarkWriteQuoteXLSX(b *testing.B) {
	for _, n := range []int{9, 100, 500} {
		q := manyLines(sampleQuote(b, "ja"), n)
		b.Run(strconv.Itoa(n)+"_lines", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := WriteQuoteXLSX(io.Discard, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWriteQuoteCSV(b *testing.B) {
	q := manyLines(sampleQuote(b, "ja"), 500)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteQuoteCSV(io.Discard, q); err != nil {
			b.Fatal(err)
		}
	}
}
