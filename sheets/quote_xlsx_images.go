package sheets

import (
	"bytes"
	"fmt"
	"image/png"
)

// wbPointsToPixels converts row heights to the pixels pictures are measured in (96 dpi).
const wbPointsToPixels = 4.0 / 3.0

// wbPlaceSeal stamps the seal (社印) at its natural size over the end of the company name, the way
// a 角印 is pressed half over the name, without leaving the issuer block.
func wbPlaceSeal(g *wbGrid, d *wbQuoteDoc, w wbWidths) {
	is := d.q.Issuer
	if len(is.Seal) == 0 {
		return
	}
	width, height, err := wbPngSize(is.Seal)
	if err != nil {
		g.fail("seal", err)
		return
	}
	block := int(wbSpanWidth(w, wbQcUnit, wbQcAmount) * wbPixelsPerChar)
	nameEnd := int(wbTextWidth(is.Company) * wbLargeSize / wbBaseSize * wbPixelsPerChar)
	// A third of the seal over the last characters of the name, the rest beside them.
	x := max(0, min(nameEnd-width/3, block-width))
	g.sheet.pictures = append(g.sheet.pictures, wbPicture{col: wbQcUnit, row: wbRowInfo, data: is.Seal,
		offsetX: x, width: width, height: height, alt: is.Company})
}

// wbPlaceLogo puts the logo in the top left corner, scaled down to the height of the heading row
// and the width of the captions so that it never covers the heading.
func wbPlaceLogo(g *wbGrid, d *wbQuoteDoc, w wbWidths) {
	logo := d.q.Issuer.Logo
	if len(logo) == 0 {
		return
	}
	width, height, err := wbPngSize(logo)
	if err != nil {
		g.fail("logo", err)
		return
	}
	maxHeight := (d.font.lineHeight(wbHeadingSize)+wbRowPadding)*wbPointsToPixels - 4
	maxWidth := wbSpanWidth(w, wbQcNo, wbQcLabel) * wbPixelsPerChar
	scale := min(1, maxHeight/float64(height), maxWidth/float64(width))
	g.sheet.pictures = append(g.sheet.pictures, wbPicture{col: wbQcNo, row: wbRowHeading, data: logo,
		width: int(float64(width) * scale), height: int(float64(height) * scale), alt: d.q.Issuer.Company})
}

// wbPngSize returns the natural size of a PNG image in pixels.
func wbPngSize(data []byte) (width, height int, err error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, 0, fmt.Errorf("decode png: %w", err)
	}
	return cfg.Width, cfg.Height, nil
}
