package handlers

import (
	"net/http"
	"strconv"

	"estimator/sheets"
)

// fontLicense serves the licence of the font embedded in the binary for the PDF quotations: whoever
// runs the binary redistributes the font, and its licence must go with it.
func (h *Handler) fontLicense(w http.ResponseWriter, r *http.Request) error {
	text := sheets.PDFFontLicense()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(text)))
	w.WriteHeader(http.StatusOK)
	_, err := w.Write([]byte(text))
	return err
}
