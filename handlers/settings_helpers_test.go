package handlers

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"slices"
	"testing"
)

// namedFile is a file part of a multipart form, under its own field name.
type namedFile struct {
	field, name string
	content     []byte
}

// postSettings sends the settings form with files as a same-origin browser would: the fields
// first, then the files, each file under its own field name.
func (e *testEnv) postSettings(t *testing.T, fields []field, files []namedFile, headers ...string) (*http.Response, string) {
	t.Helper()
	parts := make([]namedFile, 0, len(fields)+len(files))
	for _, f := range fields {
		parts = append(parts, namedFile{field: f.name, content: []byte(f.value)})
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range append(parts, files...) {
		create := func() (io.Writer, error) { return mw.CreateFormField(p.field) }
		if p.name != "" {
			create = func() (io.Writer, error) { return mw.CreateFormFile(p.field, p.name) }
		}
		pw, err := create()
		if err == nil {
			_, err = pw.Write(p.content)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return e.postRaw(t, "/settings", mw.FormDataContentType(), &buf, headers...)
}

// settingsFields is a valid settings form; extra fields replace those of the same name.
func settingsFields(extra ...field) []field {
	fields := []field{
		{"company", "株式会社サンプル"},
		{"address", "〒100-0001\n東京都千代田区千代田1-1"},
		{"phone", "03-1234-5678"},
		{"email", "sales@example.co.jp"},
		{"person", "山田 太郎"},
		{"registration", "T8000012010038"},
		{"payment_terms", "月末締め翌月末払い"},
		{"validity_days", "45"},
		{"number_format", "Q-YYMM-NNN"},
	}
	for _, x := range extra {
		i := slices.IndexFunc(fields, func(f field) bool { return f.name == x.name })
		if i < 0 {
			fields = append(fields, x)
		} else {
			fields[i] = x
		}
	}
	return fields
}

// testImage is a w×h picture with a gradient, so a re-encoding that lost pixels would show.
func testImage(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{R: uint8(x * 255 / w), G: uint8(y * 255 / h), B: 0x40, A: 0xff})
		}
	}
	return img
}

// encode writes img as format ("png", "jpeg" or "gif").
func encode(t *testing.T, format string, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&buf, img)
	case "jpeg":
		err = jpeg.Encode(&buf, img, nil)
	case "gif":
		err = gif.Encode(&buf, img, nil)
	}
	if err != nil || buf.Len() == 0 {
		t.Fatalf("encode %s: %v", format, err)
	}
	return buf.Bytes()
}

// pngChunk encodes one PNG chunk with its CRC.
func pngChunk(kind string, data []byte) []byte {
	var b bytes.Buffer
	_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
	b.WriteString(kind)
	b.Write(data)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(kind), data...)))
	return b.Bytes()
}

// hugePNGHeader is the start of a PNG claiming w×h pixels: a valid signature and IHDR, then
// nothing. Decoding it would allocate w×h×4 bytes; its header alone must be enough to refuse it.
func hugePNGHeader(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0) // 8-bit RGBA, deflate, no filter method, no interlace
	return append([]byte("\x89PNG\r\n\x1a\n"), pngChunk("IHDR", ihdr)...)
}

// withHiddenText inserts a tEXt chunk after the IHDR of a PNG and appends bytes after IEND: what a
// file may carry besides its pixels.
func withHiddenText(pngData []byte, text string) []byte {
	const afterIHDR = 8 + 4 + 4 + 13 + 4
	out := append([]byte{}, pngData[:afterIHDR]...)
	out = append(out, pngChunk("tEXt", []byte("Comment\x00"+text))...)
	out = append(out, pngData[afterIHDR:]...)
	return append(out, []byte("<script>"+text+"</script>")...)
}

// decodeServedPNG decodes an image the server sent and fails unless it is a PNG.
func decodeServedPNG(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, format, err := image.Decode(bytes.NewReader(data))
	if err != nil || format != "png" {
		t.Fatalf("served image: format %q, %v; want a PNG", format, err)
	}
	return img
}
