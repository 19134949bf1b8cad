package sheets

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"

	"github.com/go-pdf/fpdf"
)

// pdfImage is a PNG registered in the document, with its natural size in millimetres.
type pdfImage struct {
	name string
	w, h float64
}

// registerPNG adds a PNG to the document. fpdf rejects interlaced PNGs and mangles the
// transparency of 16-bit ones (a logo turns invisible), so those are re-encoded as plain 8-bit
// RGBA first, as is any other PNG fpdf refuses. One that still fails is left out rather than
// failing the whole quotation: a quotation without its logo or seal is still a quotation.
func (d *pdfDoc) registerPNG(name string, data []byte) (pdfImage, bool) {
	if len(data) == 0 {
		return pdfImage{}, false
	}
	if !pdfPlainPNG(data) {
		plain, err := pdfReencodePNG(data)
		if err != nil {
			return pdfImage{}, false
		}
		data = plain
	}
	if img, ok := d.tryPNG(name, data); ok {
		return img, true
	}
	plain, err := pdfReencodePNG(data)
	if err != nil {
		return pdfImage{}, false
	}
	return d.tryPNG(name+"-rgba", plain)
}

// pdfPlainPNG reports whether the PNG header announces at most 8 bits per sample and no
// interlacing, the PNGs fpdf reads correctly. The header (IHDR) is always the first chunk:
// 8 bytes of signature, length and type, width and height, then bit depth (byte 24) and
// interlace method (byte 28).
func pdfPlainPNG(data []byte) bool {
	return len(data) > 28 && string(data[12:16]) == "IHDR" && data[24] <= 8 && data[28] == 0
}

// tryPNG registers data under name, clearing fpdf's error if it refuses it so the document
// goes on.
func (d *pdfDoc) tryPNG(name string, data []byte) (pdfImage, bool) {
	info := d.pdf.RegisterImageOptionsReader(name, pdfImageOptions(), bytes.NewReader(data))
	if d.pdf.Err() || info == nil || info.Width() <= 0 || info.Height() <= 0 {
		d.pdf.ClearError()
		return pdfImage{}, false
	}
	return pdfImage{name: name, w: info.Width(), h: info.Height()}, true
}

// pdfImageOptions reads the resolution a PNG declares (pHYs), so a seal scanned at 350 dpi is
// drawn at its real size; without one fpdf assumes 72 dpi.
func pdfImageOptions() fpdf.ImageOptions {
	return fpdf.ImageOptions{ImageType: "PNG", ReadDpi: true}
}

// pdfReencodePNG decodes a PNG and encodes it again as non-interlaced 8-bit RGBA.
func pdfReencodePNG(data []byte) ([]byte, error) {
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	dst := image.NewNRGBA(src.Bounds())
	draw.Draw(dst, dst.Bounds(), src, src.Bounds().Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, dst); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fitted scales the image down, keeping its proportions, until it fits maxW × maxH; a smaller
// image keeps its natural size.
func (img pdfImage) fitted(maxW, maxH float64) (w, h float64) {
	scale := min(1, maxW/img.w, maxH/img.h)
	return img.w * scale, img.h * scale
}

// drawAt draws the image with its top left corner at (x, y), w × h millimetres.
func (d *pdfDoc) drawAt(img pdfImage, x, y, w, h float64) {
	d.pdf.ImageOptions(img.name, x, y, w, h, false, pdfImageOptions(), 0, "")
}
