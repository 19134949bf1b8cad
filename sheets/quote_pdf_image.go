package sheets

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"image/png"
)

// pdfPicture is a PNG registered in the document: its pixels as the PDF stores them (grey or RGB,
// 8 bits, the transparency as a soft mask when there is any) and its natural size in
// millimetres.
type pdfPicture struct {
	index         int // drawn as /I{index}
	w, h          float64
	width, height int // pixels
	gray          bool
	pixels, alpha []byte
}

// registerPNG adds a PNG to the document. Any PNG Go decodes is accepted (interlaced, 16 bits,
// palette): its pixels are converted to 8 bits. One that cannot be decoded is left out rather
// than failing the whole quotation: a quotation without its logo or seal is still a quotation.
func (c *pdfCanvas) registerPNG(data []byte) (pdfPicture, bool) {
	if len(data) == 0 {
		return pdfPicture{}, false
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return pdfPicture{}, false
	}
	b := img.Bounds()
	p := pdfPicture{index: len(c.images) + 1, width: b.Dx(), height: b.Dy()}
	if p.width == 0 || p.height == 0 {
		return pdfPicture{}, false
	}
	switch img.ColorModel() {
	case color.GrayModel, color.Gray16Model:
		p.gray = true
	}
	// Whatever the PNG's format, its pixels as 8-bit RGBA, not premultiplied, as PDF wants them.
	rgba := image.NewNRGBA(image.Rect(0, 0, p.width, p.height))
	draw.Draw(rgba, rgba.Bounds(), img, b.Min, draw.Src)
	channels := 3
	if p.gray {
		channels = 1
	}
	p.pixels = make([]byte, 0, channels*p.width*p.height)
	alpha := make([]byte, 0, p.width*p.height)
	opaque := true
	for i := 0; i < len(rgba.Pix); i += 4 {
		px := rgba.Pix[i : i+4]
		p.pixels = append(p.pixels, px[:channels]...)
		alpha = append(alpha, px[3])
		opaque = opaque && px[3] == 0xFF
	}
	if !opaque {
		p.alpha = alpha
	}
	// The resolution the PNG declares (pHYs) sets its natural size, so a seal scanned at 350 dpi
	// is drawn at its real size; without one, 72 dpi.
	dpi := pdfPNGDPI(data)
	p.w, p.h = float64(p.width)*25.4/dpi, float64(p.height)*25.4/dpi
	c.images = append(c.images, p)
	return p, true
}

// pdfPNGDPI reads the resolution of a PNG from its pHYs chunk when both axes have the same, in
// dots per inch (from dots per metre when the unit is the metre); 72 otherwise.
func pdfPNGDPI(data []byte) float64 {
	for at := 8; at+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[at:]))
		kind := string(data[at+4 : at+8])
		if kind == "IDAT" || n < 0 || at+12+n > len(data) {
			break
		}
		if body := data[at+8 : at+8+n]; kind == "pHYs" && n == 9 {
			x, y := binary.BigEndian.Uint32(body), binary.BigEndian.Uint32(body[4:])
			if x == y && x > 0 {
				if body[8] == 1 {
					return float64(x) / 39.3701
				}
				return float64(x)
			}
		}
		at += 12 + n
	}
	return 72
}

// fitted scales the picture down, keeping its proportions, until it fits maxW × maxH; a smaller
// picture keeps its natural size.
func (p pdfPicture) fitted(maxW, maxH float64) (w, h float64) {
	scale := min(1, maxW/p.w, maxH/p.h)
	return p.w * scale, p.h * scale
}
