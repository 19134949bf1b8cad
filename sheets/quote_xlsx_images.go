package sheets

import (
	"bytes"
	"fmt"
	"image/png"

	"github.com/xuri/excelize/v2"
)

// wbPointsToPixels converts row heights to the pixels pictures are measured in (96 dpi).
const wbPointsToPixels = 4.0 / 3.0

// wbPlaceSeal stamps the seal (社印) at its natural size over the end of the company name, the way
// a 角印 is pressed half over the name, without leaving the issuer block.
func wbPlaceSeal(g *wbGrid, d *wbQuoteDoc, w wbWidths) {
	is := d.q.Issuer
	if len(is.Seal) == 0 || g.err != nil {
		return
	}
	width, _, err := wbPngSize(is.Seal)
	if err != nil {
		g.fail("seal", err)
		return
	}
	block := int(wbSpanWidth(w, wbQcUnit, wbQcAmount) * wbPixelsPerChar)
	nameEnd := int(wbTextWidth(is.Company) * wbLargeSize / wbBaseSize * wbPixelsPerChar)
	// A third of the seal over the last characters of the name, the rest beside them.
	x := max(0, min(nameEnd-width/3, block-width))
	wbAddPicture(g, wbQcUnit, wbRowInfo, is.Seal, x, 1, is.Company)
}

// wbPlaceLogo puts the logo in the top left corner, scaled down to the height of the heading row
// and the width of the captions so that it never covers the heading.
func wbPlaceLogo(g *wbGrid, d *wbQuoteDoc, w wbWidths) {
	logo := d.q.Issuer.Logo
	if len(logo) == 0 || g.err != nil {
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
	wbAddPicture(g, wbQcNo, wbRowHeading, logo, 0, scale, d.q.Issuer.Company)
}

// wbPngSize returns the natural size of a PNG image in pixels.
func wbPngSize(data []byte) (width, height int, err error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, 0, fmt.Errorf("decode png: %w", err)
	}
	return cfg.Width, cfg.Height, nil
}

// wbAddPicture anchors a PNG at a cell, x pixels to the right, scaled, printed with the sheet and
// moving with its cell without being stretched by it.
func wbAddPicture(g *wbGrid, col, row int, data []byte, x int, scale float64, alt string) {
	if g.err != nil {
		return
	}
	printed := true
	g.fail("picture", g.f.AddPictureFromBytes(g.sheet, wbCellRef(col, row), &excelize.Picture{
		Extension: ".png",
		File:      data,
		Format: &excelize.GraphicOptions{
			AltText: alt, PrintObject: &printed, LockAspectRatio: true, Positioning: "oneCell",
			OffsetX: x, ScaleX: scale, ScaleY: scale,
		},
	}))
}
