package handlers

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"estimator/estimate"
	"estimator/sheets"
)

// quoteFormat is a downloadable form of the quotation.
type quoteFormat struct {
	ext, contentType string
	write            func(io.Writer, estimate.Quote) error
}

var (
	quoteXLSX = quoteFormat{".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", sheets.WriteQuoteXLSX}
	quotePDF  = quoteFormat{".pdf", "application/pdf", sheets.WritePDF}
	quoteCSV  = quoteFormat{".csv", "text/csv; charset=utf-8", sheets.WriteQuoteCSV}
)

func (h *Handler) quoteXLSX(w http.ResponseWriter, r *http.Request) error {
	return h.quoteDownload(w, r, quoteXLSX)
}

func (h *Handler) quotePDF(w http.ResponseWriter, r *http.Request) error {
	return h.quoteDownload(w, r, quotePDF)
}

func (h *Handler) quoteCSV(w http.ResponseWriter, r *http.Request) error {
	return h.quoteDownload(w, r, quoteCSV)
}

// quoteDownload writes the quotation of a revision (?rev=n, or the current one) in format f, as an
// attachment named 見積書_{number}_{title}. The document is made whole before anything is sent, so
// a failure is a clean error page rather than half a file.
func (h *Handler) quoteDownload(w http.ResponseWriter, r *http.Request, f quoteFormat) error {
	_, q, err := h.quoteFromPath(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := f.write(&buf, q); err != nil {
		return err
	}
	name := h.i18n.T(q.Lang, "quote.file_name", "number", q.Number, "title", q.Title) + f.ext
	hdr := w.Header()
	hdr.Set("Content-Type", f.contentType)
	hdr.Set("Content-Disposition", attachment(name, "quotation_"+q.Number+f.ext))
	hdr.Set("Content-Length", strconv.Itoa(buf.Len()))
	// A quotation shows prices and the client's name: no shared cache may keep it.
	hdr.Set("Cache-Control", "private, no-store")
	_, err = buf.WriteTo(w)
	return err
}

// attachment is a Content-Disposition naming a download: the name in UTF-8 (RFC 5987
// filename*), and fallback, made ASCII, for clients that read only filename.
func attachment(name, fallback string) string {
	fallback = strings.Map(func(c rune) rune {
		if c > unicode.MaxASCII || c < ' ' || strings.ContainsRune(`"\/:*?<>|;%`, c) {
			return '_'
		}
		return c
	}, fallback)
	return `attachment; filename="` + fallback + `"; filename*=UTF-8''` + url.PathEscape(name)
}
