package handlers

import (
	"bytes"
	"image"
	_ "image/jpeg" // registers the JPEG decoder; PNG's comes with image/png
	"image/png"
	"io"

	"estimator/views"
)

// Limits of an uploaded seal or logo. A seal or a logo is small: the byte limit keeps the
// database and every document light, and the side limit bounds the memory a decode takes, which
// the byte limit alone does not (a 1 KB PNG can claim 100000 × 100000 pixels).
const (
	maxImageBytes = 1 << 20
	maxImageSide  = 2000
)

// readImage returns the uploaded image re-encoded as PNG, or a message saying what is wrong with
// it. The type is judged by the content, never by the file name or the Content-Type the browser
// sent, and only PNG and JPEG are taken (image.DecodeConfig would also know GIF: another package
// of the binary registers it). The dimensions are read from the header before any pixel is
// decoded. Re-encoding keeps nothing but the pixels: no metadata, no trailing bytes, no
// polyglot file reaches a document.
func readImage(fh *uploadedFile) ([]byte, *views.Msg) {
	tooLarge := views.M("settings.error.image_too_large", "limit", maxImageBytes>>20)
	if fh.Size > maxImageBytes {
		return nil, &tooLarge
	}
	f, err := fh.Open()
	if err != nil {
		return nil, imageMsg("settings.error.image_corrupt")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxImageBytes+1))
	if err != nil {
		return nil, imageMsg("settings.error.image_corrupt")
	}
	if len(data) > maxImageBytes {
		return nil, &tooLarge
	}
	return cleanImage(data)
}

// cleanImage checks data as described at readImage and re-encodes it.
func cleanImage(data []byte) ([]byte, *views.Msg) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "png" && format != "jpeg") {
		return nil, imageMsg("settings.error.image_type")
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > maxImageSide || cfg.Height > maxImageSide {
		m := views.M("settings.error.image_dimensions", "max", maxImageSide, "width", cfg.Width, "height", cfg.Height)
		return nil, &m
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, imageMsg("settings.error.image_corrupt")
	}
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&out, img); err != nil {
		return nil, imageMsg("settings.error.image_corrupt")
	}
	return out.Bytes(), nil
}

func imageMsg(key string) *views.Msg {
	m := views.M(key)
	return &m
}
