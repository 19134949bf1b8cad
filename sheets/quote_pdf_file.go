package sheets

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strconv"
)

// pdfOutBuffer is how much of the document gathers before it goes to the writer.
const pdfOutBuffer = 32 << 10

// pdfFile writes the objects of a PDF to w as they are made, numbering them and remembering
// where each starts for the cross-reference table, and keeps the first error (the errWriter
// idiom). Streams are compressed through one zlib writer into one reused buffer, so their length
// is known before their dictionary is written.
type pdfFile struct {
	out     *bufio.Writer
	at      int64   // bytes written so far
	offsets []int64 // by object number; 0 is the free-list head
	zw      *zlib.Writer
	packed  bytes.Buffer
	num     []byte // scratch for numbers
	err     error
}

func newPDFFile(w io.Writer, zw *zlib.Writer) *pdfFile {
	f := &pdfFile{out: bufio.NewWriterSize(w, pdfOutBuffer), offsets: []int64{0}, zw: zw}
	// The comment of bytes above 127 tells transfer programs the file is binary.
	f.raw("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	return f
}

// reserve returns the number of an object to be written later.
func (f *pdfFile) reserve() int {
	f.offsets = append(f.offsets, -1)
	return len(f.offsets) - 1
}

// raw writes s as it is.
func (f *pdfFile) raw(s string) {
	if f.err != nil {
		return
	}
	n, err := f.out.WriteString(s)
	f.at += int64(n)
	f.err = err
}

// bytes writes b as it is.
func (f *pdfFile) bytes(b []byte) {
	if f.err != nil {
		return
	}
	n, err := f.out.Write(b)
	f.at += int64(n)
	f.err = err
}

// int writes n in decimal.
func (f *pdfFile) int(n int) {
	f.num = strconv.AppendInt(f.num[:0], int64(n), 10)
	f.bytes(f.num)
}

// ref writes a reference to object n, "n 0 R".
func (f *pdfFile) ref(n int) {
	f.int(n)
	f.raw(" 0 R")
}

// begin starts object n.
func (f *pdfFile) begin(n int) {
	f.offsets[n] = f.at
	f.int(n)
	f.raw(" 0 obj\n")
}

// object writes object n whose content is dict.
func (f *pdfFile) object(n int, dict string) {
	f.begin(n)
	f.raw(dict)
	f.raw("\nendobj\n")
}

// stream writes object n as a stream of data, compressed, its dictionary holding entries besides
// the filter and the length.
func (f *pdfFile) stream(n int, entries string, data []byte) {
	f.streamWith(n, entries, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// streamWith is stream with the data written by write, for data that need not be whole in memory.
func (f *pdfFile) streamWith(n int, entries string, write func(io.Writer) error) {
	if f.err != nil {
		return
	}
	f.packed.Reset()
	f.zw.Reset(&f.packed)
	if err := write(f.zw); err != nil {
		f.err = fmt.Errorf("compress: %w", err)
		return
	}
	if err := f.zw.Close(); err != nil {
		f.err = fmt.Errorf("compress: %w", err)
		return
	}
	f.begin(n)
	f.raw("<<" + entries + "/Filter /FlateDecode /Length ")
	f.int(f.packed.Len())
	f.raw(">>\nstream\n")
	f.bytes(f.packed.Bytes())
	f.raw("\nendstream\nendobj\n")
}

// finish writes the cross-reference table and the trailer, which names the catalog and the
// document information, and flushes the file.
func (f *pdfFile) finish(catalog, info int) error {
	xref := f.at
	f.raw("xref\n0 ")
	f.int(len(f.offsets))
	f.raw("\n0000000000 65535 f \n")
	for n, at := range f.offsets[1:] {
		if at < 0 && f.err == nil {
			f.err = fmt.Errorf("object %d reserved but not written", n+1)
		}
		f.num = fmt.Appendf(f.num[:0], "%010d 00000 n \n", at)
		f.bytes(f.num)
	}
	f.raw("trailer\n<</Size ")
	f.int(len(f.offsets))
	f.raw(" /Root ")
	f.ref(catalog)
	f.raw(" /Info ")
	f.ref(info)
	f.raw(">>\nstartxref\n")
	f.int(int(xref))
	f.raw("\n%%EOF\n")
	if f.err != nil {
		return f.err
	}
	return f.out.Flush()
}
