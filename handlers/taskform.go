package handlers

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"estimator/i18n"
	"estimator/views"
)

// Limits of the new-estimate form, in characters.
const (
	maxTitle       = 200
	maxClientName  = 200
	maxRequirement = 20000
	maxRowName     = 200
	maxRowDesc     = 2000
	// maxRawRows bounds how many rows a request may carry at all, empty ones included, so a
	// crafted request cannot make the re-rendered form huge. Real forms stay far below it.
	maxRawRows = 1000
	// emptyRows is how many blank rows a new form shows and "add rows" adds without JavaScript.
	emptyRows = 3
	// formFieldsBytes is what the text fields may add to a request on top of the file: 500 rows of
	// 2,200 characters of up to 3 bytes each, the requirements and some slack. It also bounds the
	// text of all fields kept together while a body is read.
	formFieldsBytes = 4 << 20
)

// taskForm is what the new-estimate form sent, trimmed.
type taskForm struct {
	title, clientName, honorific, language, currency, requirements string
	rows                                                           []views.FormRow
	template, pendingTemplate, action, sheet, importMode           string
	remove                                                         int
	file                                                           *uploadedFile // nil when none was chosen or kept
}

// newTaskForm is the empty form: document language and currency follow the UI language.
func newTaskForm(lang string) taskForm {
	f := taskForm{language: lang, currency: defaultCurrency(lang)}
	if lang == i18n.Japanese {
		f.honorific = "onchu" // an English document addresses the client without one
	}
	f.rows = make([]views.FormRow, emptyRows)
	return f
}

func defaultCurrency(lang string) string {
	if lang == i18n.English {
		return "USD"
	}
	return "JPY"
}

// parseTaskForm reads the form from a multipart or URL-encoded body within the upload limit and
// the form text's. The file is kept only when withFile is set: the actions that only edit the
// form read it and drop it.
func (h *Handler) parseTaskForm(w http.ResponseWriter, r *http.Request, withFile bool) (taskForm, error) {
	spec := formSpec{maxBody: h.maxUploadBytes + formFieldsBytes}
	if withFile {
		spec.files = map[string]int64{"file": h.maxUploadBytes}
	}
	data, err := readForm(w, r, spec)
	if err != nil {
		return taskForm{}, h.bodyError(err)
	}
	v := r.PostForm
	f := taskForm{
		title:           clipped(v.Get("title"), maxTitle),
		clientName:      clipped(v.Get("client_name"), maxClientName),
		honorific:       v.Get("client_honorific"),
		language:        v.Get("language"),
		currency:        v.Get("currency"),
		requirements:    clipped(v.Get("requirements"), maxRequirement),
		template:        v.Get("template"),
		pendingTemplate: v.Get("pending_template"),
		action:          v.Get("op"),
		sheet:           v.Get("sheet"),
		importMode:      v.Get("import_mode"),
		file:            data.files["file"],
	}
	f.remove, _ = strconv.Atoi(v.Get("remove_row"))
	names, descs := v["name"], v["description"]
	n := min(max(len(names), len(descs)), maxRawRows)
	for i := range n {
		var row views.FormRow
		if i < len(names) {
			row.Name = clipped(names[i], maxRowName)
		}
		if i < len(descs) {
			row.Description = clipped(descs[i], maxRowDesc)
		}
		f.rows = append(f.rows, row)
	}
	return f, nil
}

// clip keeps the first n characters of s and reports whether it had more: a field over its
// limit is shown back cut, with a message, never whole.
func clip(s string, n int) (string, bool) {
	if utf8.RuneCountInString(s) <= n {
		return s, false
	}
	return string([]rune(s)[:n]), true
}

// clipped is a field as typed, cleaned and cut one character past its limit: the check still
// says it is too long, and the form that comes back never repeats a huge field.
func clipped(s string, limit int) string {
	s, _ = clip(cleanText(s), limit+1)
	return s
}

// cleanText makes typed text safe to store and show: valid UTF-8, \n line ends, no control
// characters but tab and newline (PostgreSQL refuses NUL in text), no surrounding spaces.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || !unicode.IsControl(r) {
			return r
		}
		return -1
	}, s)
	return strings.TrimSpace(s)
}

// bodyError turns a failure to read a request body into what the user is told.
func (h *Handler) bodyError(err error) error {
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return h.tooLarge(err)
	}
	if errors.Is(err, errFormTextTooLarge) {
		return formTextTooLarge(err)
	}
	return &httpError{status: http.StatusBadRequest, titleKey: "error.bad_request_title", bodyKey: "error.bad_form", err: err}
}

// parseTextForm reads a form that carries no file, within the form's text limit, into r.PostForm.
func (h *Handler) parseTextForm(w http.ResponseWriter, r *http.Request) error {
	if _, err := readForm(w, r, formSpec{maxBody: formFieldsBytes}); err != nil {
		return h.formBodyError(err)
	}
	return nil
}

// formBodyError is bodyError for the forms that carry no file: their limit is the form text's,
// and the message says so rather than speak of files.
func (h *Handler) formBodyError(err error) error {
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return formTextTooLarge(err)
	}
	return h.bodyError(err)
}

// formTextTooLarge is the 413 of a form whose text is over formFieldsBytes.
func formTextTooLarge(err error) error {
	return &httpError{status: http.StatusRequestEntityTooLarge, titleKey: "error.too_large_title", bodyKey: "error.form_too_large_body",
		args: []any{"limit", formFieldsBytes >> 20}, err: err}
}

func (h *Handler) tooLarge(err error) error {
	return &httpError{status: http.StatusRequestEntityTooLarge, titleKey: "error.too_large_title", bodyKey: "error.too_large_body",
		args: []any{"limit", h.maxUploadBytes >> 20}, err: err}
}

// filledRows are the rows with something typed in them.
func (f taskForm) filledRows() []views.FormRow {
	var out []views.FormRow
	for _, r := range f.rows {
		if r.Name != "" || r.Description != "" {
			out = append(out, r)
		}
	}
	return out
}

// validate checks the fields and returns the errors by field; row errors are set on the rows.
// Nothing is dropped: the caller re-renders exactly what was sent.
func (f *taskForm) validate(maxRows int) map[string]views.Msg {
	errs := map[string]views.Msg{}
	tooLong := func(field, value string, limit int) {
		if utf8.RuneCountInString(value) > limit {
			errs[field] = views.M("form.too_long", "max", limit, "count", utf8.RuneCountInString(value))
		}
	}
	if f.title == "" {
		errs["title"] = views.M("form.title_required")
	}
	tooLong("title", f.title, maxTitle)
	tooLong("client_name", f.clientName, maxClientName)
	tooLong("requirements", f.requirements, maxRequirement)
	if f.honorific != "onchu" && f.honorific != "sama" && f.honorific != "" {
		errs["client_name"] = views.M("form.invalid_choice")
	}
	if !i18n.Supported(f.language) {
		errs["language"] = views.M("form.invalid_choice")
	}
	if f.currency != "JPY" && f.currency != "USD" {
		errs["currency"] = views.M("form.invalid_choice")
	}
	filled := 0
	for i := range f.rows {
		row := &f.rows[i]
		row.Error = views.Msg{}
		switch {
		case row.Name == "" && row.Description != "":
			row.Error = views.M("form.row_name_required")
		case utf8.RuneCountInString(row.Name) > maxRowName:
			row.Error = views.M("form.too_long", "max", maxRowName, "count", utf8.RuneCountInString(row.Name))
		case utf8.RuneCountInString(row.Description) > maxRowDesc:
			row.Error = views.M("form.too_long", "max", maxRowDesc, "count", utf8.RuneCountInString(row.Description))
		}
		if row.Name != "" {
			filled++
		}
	}
	switch {
	case filled == 0:
		errs["rows"] = views.M("form.rows_required")
	case filled > maxRows:
		errs["rows"] = views.M("form.rows_too_many", "max", maxRows, "count", filled)
	}
	markDuplicates(f.rows)
	return errs
}

// markDuplicates flags rows whose name appears more than once (ignoring case): allowed, since two
// deliverables may share a name, but usually a slip worth pointing out.
func markDuplicates(rows []views.FormRow) {
	seen := map[string]int{}
	for _, r := range rows {
		if r.Name != "" {
			seen[strings.ToLower(r.Name)]++
		}
	}
	for i := range rows {
		rows[i].Duplicate = rows[i].Name != "" && seen[strings.ToLower(rows[i].Name)] > 1
	}
}

// formView turns the form into its view model.
func (h *Handler) formView(r *http.Request, f taskForm, errs map[string]views.Msg, notes []views.Msg) views.TaskFormView {
	rows := f.rows
	if len(rows) == 0 {
		rows = make([]views.FormRow, 1)
	}
	return views.TaskFormView{
		Title:           f.title,
		ClientName:      f.clientName,
		ClientHonorific: f.honorific,
		Language:        f.language,
		Currency:        f.currency,
		Requirements:    f.requirements,
		Rows:            rows,
		ImportMode:      f.importMode,
		Errors:          errs,
		Notes:           notes,
		Templates:       h.templateOptions(i18n.Lang(r.Context())),
		MaxRows:         h.maxRows,
		MaxUploadMB:     h.maxUploadBytes >> 20,
	}
}

// renderForm answers with the home page around the form, or the form alone for htmx.
func (h *Handler) renderForm(w http.ResponseWriter, r *http.Request, status int, vm views.TaskFormView) error {
	s := h.shell(r, "", views.NavNew)
	s.LangForm = "task-form"
	return h.render(w, r, status, views.HomePage(s, vm), views.TaskForm(vm))
}
