package handlers

import (
	"crypto/rand"
	"net/http"
	"time"

	"estimator/i18n"
	"estimator/sheets"
	"estimator/store"
	"estimator/views"
)

// home shows the landing page with an empty new-estimate form.
func (h *Handler) home(w http.ResponseWriter, r *http.Request) error {
	f := newTaskForm(i18n.Lang(r.Context()))
	return h.renderForm(w, r, http.StatusOK, h.formView(r, f, nil, nil))
}

// formAction carries out a form-editing action without JavaScript (add or remove rows, apply a
// template, fill the standard list, switch the language) and re-renders the form with everything
// typed kept. htmx uses it for the standard list too.
func (h *Handler) formAction(w http.ResponseWriter, r *http.Request) error {
	f, err := h.parseTaskForm(w, r, false)
	if err != nil {
		return err
	}
	var notes []views.Msg
	var pending *views.TemplateConfirm
	switch {
	case f.remove > 0 && f.remove <= len(f.rows):
		f.rows = append(f.rows[:f.remove-1], f.rows[f.remove:]...)
	case f.action == "add_rows":
		f.rows = append(f.rows, make([]views.FormRow, emptyRows)...)
	case f.action == "standard_deliverables":
		std := h.standardDeliverables(f.language)
		f.rows = append(f.filledRows(), std...)
		notes = append(notes, views.M("form.note_standard_added", "count", len(std)))
	case f.action == "apply_template" && knownTemplate(f.template):
		if f.requirements == "" {
			f.requirements = h.templateContent(f.template, f.language)
		} else {
			pending = &views.TemplateConfirm{Key: f.template, Label: h.i18n.T(i18n.Lang(r.Context()), "templates."+f.template+".label")}
		}
	case f.action == "replace_template" && knownTemplate(f.pendingTemplate):
		f.requirements = h.templateContent(f.pendingTemplate, f.language)
	case f.action == "relang":
		h.rememberLang(w, r, r.URL.Query().Get("lang"))
	}
	if !i18n.Supported(f.language) {
		f.language = i18n.Lang(r.Context())
	}
	vm := h.formView(r, f, nil, notes)
	markDuplicates(vm.Rows)
	vm.Pending = pending
	return h.renderForm(w, r, http.StatusOK, vm)
}

// formRow is one empty deliverable row, appended by htmx.
func (h *Handler) formRow(w http.ResponseWriter, r *http.Request) error {
	id := "n" + rand.Text()[:8] // unique element ids for rows the server did not number
	return h.render(w, r, http.StatusOK, views.DeliverableRow(id, views.FormRow{}), nil)
}

// formTemplate returns the requirements field filled with a template, in the estimate's
// language; htmx swaps it in after asking before replacing typed text.
func (h *Handler) formTemplate(w http.ResponseWriter, r *http.Request) error {
	key, lang := r.URL.Query().Get("template"), r.URL.Query().Get("language")
	if !knownTemplate(key) {
		return errNotFound
	}
	if !i18n.Supported(lang) {
		lang = i18n.Lang(r.Context())
	}
	f := newTaskForm(lang)
	f.requirements = h.templateContent(key, lang)
	vm := h.formView(r, f, nil, nil)
	page := views.HomePage(h.shell(r, "", views.NavNew), vm)
	return h.render(w, r, http.StatusOK, page, views.RequirementsField(vm))
}

// formImport reads the uploaded spreadsheet into the editable rows (after any rows already typed)
// and re-renders the form with notes on what was read.
func (h *Handler) formImport(w http.ResponseWriter, r *http.Request) error {
	f, err := h.parseTaskForm(w, r, true)
	if err != nil {
		return err
	}
	if !i18n.Supported(f.language) {
		f.language = i18n.Lang(r.Context())
	}
	if f.file == nil {
		vm := h.formView(r, f, map[string]views.Msg{"file": views.M("form.file_required")}, nil)
		return h.renderForm(w, r, http.StatusUnprocessableEntity, vm)
	}
	res, status, fileErr := h.readUpload(w, r, f)
	if fileErr != nil {
		vm := h.formView(r, f, map[string]views.Msg{"file": *fileErr}, nil)
		return h.renderForm(w, r, status, vm)
	}
	existing := f.filledRows()
	notes := append([]views.Msg{views.M("import.note.rows_read", "count", len(res.rows), "file", f.file.Filename)}, res.notes...)
	switch {
	case f.importMode == importReplace:
		f.rows = res.rows
		if len(existing) > 0 {
			notes = append(notes, views.M("import.note.replaced", "existing", len(existing), "count", len(res.rows)))
		}
	default:
		f.rows = append(existing, res.rows...)
		if len(existing) > 0 {
			notes = append(notes, views.M("import.note.appended", "existing", len(existing), "count", len(res.rows)))
		}
	}
	vm := h.formView(r, f, nil, notes)
	markDuplicates(vm.Rows)
	if n := countDuplicates(vm.Rows); n > 0 {
		vm.Notes = append(vm.Notes, views.M("import.note.duplicates", "count", n))
	}
	vm.Sheets, vm.Sheet = res.sheets, res.sheet
	return h.renderForm(w, r, http.StatusOK, vm)
}

// taskCreate validates the form, adds the rows of an uploaded file after the typed ones, and
// creates the task; errors re-render the form with everything kept.
func (h *Handler) taskCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := h.parseTaskForm(w, r, true)
	if err != nil {
		return err
	}
	status := http.StatusUnprocessableEntity
	var fileErr *views.Msg
	var upload uploadResult
	if f.file != nil {
		upload, status, fileErr = h.readUpload(w, r, f)
		if fileErr == nil {
			f.rows = append(f.filledRows(), upload.rows...)
			status = http.StatusUnprocessableEntity
		}
	}
	errs := f.validate(h.maxRows)
	if fileErr != nil {
		errs["file"] = *fileErr
	}
	if len(errs) > 0 || hasRowErrors(f.rows) {
		if !i18n.Supported(f.language) {
			f.language = i18n.Lang(r.Context())
		}
		vm := h.formView(r, f, errs, upload.notes)
		vm.Sheets, vm.Sheet = upload.sheets, upload.sheet
		return h.renderForm(w, r, status, vm)
	}
	t := h.newTask(f)
	t.QuestionsJobAttempts = h.jobs.MaxAttempts()
	id, err := h.store.CreateTask(r.Context(), t, time.Now().UTC())
	if err != nil {
		return err
	}
	h.jobs.Kick() // the questions job was queued with the task: start on it now
	return redirectAfterPost(w, r, "/tasks/"+id)
}

func hasRowErrors(rows []views.FormRow) bool {
	for _, r := range rows {
		if !r.Error.IsZero() {
			return true
		}
	}
	return false
}

// newTask is what gets stored: the currency's unit cost and the document language's tax rate
// are copied now, so a later configuration change never alters this estimate.
func (h *Handler) newTask(f taskForm) store.NewTask {
	t := store.NewTask{
		Title:           f.title,
		ClientName:      f.clientName,
		ClientHonorific: f.honorific,
		Language:        f.language,
		Currency:        f.currency,
		TaxRateBP:       h.taxRates[f.language],
		TaxRounding:     "down",
		UnitCostMinor:   h.unitCosts[f.currency],
		Requirements:    f.requirements,
		QuestionCount:   h.questionCount,
	}
	for _, row := range f.filledRows() {
		t.Lines = append(t.Lines, store.NewLine{Name: row.Name, Description: row.Description})
	}
	return t
}

// uploadResult is what an upload contributed to the form.
type uploadResult struct {
	rows   []views.FormRow
	notes  []views.Msg
	sheets []string
	sheet  string
}

// readUpload reads the uploaded file within an import slot, then removes it. A problem with it
// comes back as a message for the file field and the status to answer with: 400 for a type we
// do not read, 413 for a file over the limit, 422 for a file we could not use, and 503 with
// Retry-After when no import slot freed up in time.
func (h *Handler) readUpload(w http.ResponseWriter, r *http.Request, f taskForm) (uploadResult, int, *views.Msg) {
	defer f.file.done()
	if f.file.Size > h.maxUploadBytes {
		m := views.M("import.error.file_too_large", "limit", h.maxUploadBytes>>20)
		return uploadResult{}, http.StatusRequestEntityTooLarge, &m
	}
	release, err := h.imports.take(r.Context())
	if err != nil {
		// Busy, or the client left while waiting, when whatever is answered is not seen.
		w.Header().Set("Retry-After", h.imports.retryAfter())
		m := views.M("import.error.busy")
		return uploadResult{}, http.StatusServiceUnavailable, &m
	}
	defer release()
	file, err := f.file.Open()
	if err != nil {
		m := views.M("import.error.corrupt")
		return uploadResult{}, http.StatusUnprocessableEntity, &m
	}
	defer file.Close()
	res, err := sheets.Read(f.file.Filename, file, f.file.Size, sheets.Options{Sheet: f.sheet, MaxRows: h.maxRows})
	if err != nil {
		return uploadResult{}, uploadErrorStatus(err), uploadErrorMsg(err, f.file.Filename)
	}
	out := uploadResult{sheets: res.Sheets, sheet: res.Sheet}
	for _, row := range res.Rows {
		out.rows = append(out.rows, views.FormRow{Name: row.Name, Description: row.Description})
	}
	for _, n := range res.Notes {
		out.notes = append(out.notes, noteMsg(n))
	}
	return out, http.StatusOK, nil
}

// importReplace is the import mode that replaces the rows already in the form; any other value
// adds the imported rows after them, so nothing typed is lost unless the user asks.
const importReplace = "replace"

// countDuplicates counts the rows flagged by markDuplicates.
func countDuplicates(rows []views.FormRow) int {
	n := 0
	for _, r := range rows {
		if r.Duplicate {
			n++
		}
	}
	return n
}
