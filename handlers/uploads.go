package handlers

import (
	"errors"
	"net/http"
	"path/filepath"
	"strings"

	"estimator/i18n"
	"estimator/sheets"
	"estimator/views"
)

// uploadErrorStatus is the status for a file that could not be read: 400 when its type is not one
// we read, 422 when it is but its content cannot be used.
func uploadErrorStatus(err error) int {
	var se *sheets.Error
	if errors.As(err, &se) && (se.Code == sheets.ErrUnsupportedType || se.Code == sheets.ErrLegacyXLS) {
		return http.StatusBadRequest
	}
	return http.StatusUnprocessableEntity
}

// uploadErrorMsg explains, in the user's language, what is wrong with the file and how to fix it.
func uploadErrorMsg(err error, filename string) *views.Msg {
	var se *sheets.Error
	if !errors.As(err, &se) {
		m := views.M("import.error.corrupt")
		return &m
	}
	ext := strings.ToLower(filepath.Ext(filename))
	if ext == "" {
		ext = filename
	}
	key := "import.error." + string(se.Code)
	if se.Code == sheets.ErrCorrupt && se.Line > 0 {
		key = "import.error.corrupt_at_line"
	}
	m := views.M(key,
		"line", se.Line, "limit", i18n.Count(int64(se.Limit)), "sheet", se.Text, "ext", ext)
	return &m
}

// noteMsg turns a note from the reader into a message.
func noteMsg(n sheets.Note) views.Msg {
	return views.M("import.note."+string(n.Code),
		"count", n.Count, "columns", strings.Join(n.Columns, ", "), "text", n.Text)
}
