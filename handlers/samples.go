package handlers

import (
	"bytes"
	"net/http"
	"strconv"

	"estimator/i18n"
	"estimator/sheets"
)

// sampleRows is the standard deliverable list in the UI language, as rows of a sample file.
func (h *Handler) sampleRows(lang string) ([2]string, []sheets.Row) {
	header := [2]string{h.i18n.T(lang, "sample.header_name"), h.i18n.T(lang, "sample.header_description")}
	var rows []sheets.Row
	for i, r := range h.standardDeliverables(lang) {
		rows = append(rows, sheets.Row{Name: r.Name, Description: r.Description, Line: i + 2})
	}
	return header, rows
}

// sampleXLSX serves a workbook of the standard deliverables that imports back as it is.
func (h *Handler) sampleXLSX(w http.ResponseWriter, r *http.Request) error {
	lang := i18n.Lang(r.Context())
	header, rows := h.sampleRows(lang)
	var buf bytes.Buffer
	if err := sheets.WriteXLSX(&buf, h.i18n.T(lang, "sample.sheet_name"), header, rows); err != nil {
		return err
	}
	return sendFile(w, &buf, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "deliverables.xlsx")
}

// sampleCSV serves the same list as CSV in UTF-8 with a BOM, which Excel opens correctly.
func (h *Handler) sampleCSV(w http.ResponseWriter, r *http.Request) error {
	header, rows := h.sampleRows(i18n.Lang(r.Context()))
	var buf bytes.Buffer
	if err := sheets.WriteCSV(&buf, header, rows); err != nil {
		return err
	}
	return sendFile(w, &buf, "text/csv; charset=utf-8", "deliverables.csv")
}

func sendFile(w http.ResponseWriter, body *bytes.Buffer, contentType, name string) error {
	hdr := w.Header()
	hdr.Set("Content-Type", contentType)
	hdr.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	hdr.Set("Content-Length", strconv.Itoa(body.Len()))
	hdr.Set("Cache-Control", "private, no-cache")
	_, err := body.WriteTo(w)
	return err
}
