package handlers

import (
	"io"
	"maps"
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"estimator/estimate"
	"estimator/sheets"
)

// quoteFormat is a downloadable form of the quotation and the parts of it the form shows.
type quoteFormat struct {
	ext, contentType string
	parts            quoteParts
}

// quoteWriter writes a quotation in one format.
type quoteWriter func(io.Writer, estimate.Quote) error

var (
	// The workbook has every line's notes, the questions and answers and the revisions; the PDF
	// has the remarks drawn from the notes; the CSV has the lines and totals alone.
	quoteXLSX = quoteFormat{".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", quoteParts{notes: true, history: true}}
	quotePDF  = quoteFormat{".pdf", "application/pdf", quoteParts{notes: true}}
	quoteCSV  = quoteFormat{".csv", "text/csv; charset=utf-8", quoteParts{}}
)

func (h *Handler) quoteXLSX(w http.ResponseWriter, r *http.Request) error {
	return h.quoteDownload(w, r, quoteXLSX, sheets.WriteQuoteXLSX)
}

func (h *Handler) quotePDF(w http.ResponseWriter, r *http.Request) error {
	return h.quoteDownload(w, r, quotePDF, h.pdf.Write)
}

func (h *Handler) quoteCSV(w http.ResponseWriter, r *http.Request) error {
	return h.quoteDownload(w, r, quoteCSV, sheets.WriteQuoteCSV)
}

// quoteDownload writes the quotation of a revision (?rev=n, or the current one) with write in
// format f, as an attachment named 見積書_{number}_{title}. The document goes straight to the
// response, without a copy of it here. Each writer fails, if it must, before its first byte (the
// workbook is laid out whole first; the PDF goes out a page at a time, but its font and
// formatters are checked before): after it only the connection can fail, so a document that
// fails still gets a clean error page, its headers going out with its first byte.
func (h *Handler) quoteDownload(w http.ResponseWriter, r *http.Request, f quoteFormat, write quoteWriter) error {
	_, q, err := h.quoteFromPath(r, f.parts)
	if err != nil {
		return err
	}
	name := h.i18n.T(q.Lang, "quote.file_name", "number", q.Number, "title", q.Title) + f.ext
	dw := &downloadWriter{w: w, header: http.Header{
		"Content-Type":        {f.contentType},
		"Content-Disposition": {attachment(name, "quotation_"+q.Number+f.ext)},
		// A quotation shows prices and the client's name: no shared cache may keep it.
		"Cache-Control": {"private, no-store"},
	}}
	err = write(dw, q)
	if err != nil && dw.started {
		// Part of the file has gone out: an error page after it would only corrupt it further.
		h.log.DebugContext(r.Context(), "quotation download cut short", "path", r.URL.Path, "error", err)
		return nil
	}
	return err
}

// downloadWriter writes a download to the response, setting its headers with the first bytes:
// until then the response is untouched, free for an error page.
type downloadWriter struct {
	w       http.ResponseWriter
	header  http.Header
	started bool
}

func (d *downloadWriter) Write(p []byte) (int, error) {
	if !d.started {
		d.started = true
		maps.Copy(d.w.Header(), d.header)
	}
	return d.w.Write(p)
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
