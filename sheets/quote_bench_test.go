package sheets

import (
	"io"
	"strconv"
	"testing"
)

// benchmarkQuoteWriter measures write on the sample quotation made n lines long, for each n: the
// nine lines of a small task, and larger ones. The PDF has its own, BenchmarkWritePDF9 and on.
func benchmarkQuoteWriter(b *testing.B, write func(io.Writer, Quote) error, sizes ...int) {
	for _, n := range sizes {
		q := manyLines(sampleQuote(b, "ja"), n)
		b.Run(strconv.Itoa(n)+"_lines", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := write(io.Discard, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWriteQuoteXLSX measures the workbook of a large quotation. The target is 100 ms
// for 100 lines; allocations must grow with the lines, not faster.
func BenchmarkWriteQuoteXLSX(b *testing.B) {
	benchmarkQuoteWriter(b, WriteQuoteXLSX, 9, 100, 500)
}

func BenchmarkWriteQuoteCSV(b *testing.B) {
	benchmarkQuoteWriter(b, WriteQuoteCSV, 9, 500)
}
