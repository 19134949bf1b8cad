package handlers

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"estimator/estimate"
	"estimator/i18n"
	"estimator/store"
	"estimator/views"
)

// Bounds of the line form, in characters.
const (
	maxLineName = 200
	maxLineDesc = 2000
	maxLineNote = 300
)

// lineEditForm shows the form that edits line n of revision ?base=: in place of its row for htmx,
// as a page otherwise.
func (h *Handler) lineEditForm(w http.ResponseWriter, r *http.Request) error {
	t, doc, base, err := h.currentForQuery(w, r)
	if err != nil || doc == nil {
		return err
	}
	n, err := pathNumber(r)
	if err != nil || n > len(doc.Lines) {
		return errNotFound
	}
	l := doc.Lines[n-1]
	v := views.LineFormView{TaskID: t.ID, Base: base, N: n, Currency: t.Currency, Name: l.Name, Desc: l.Description,
		UnitCostMinor: l.UnitCostMinor}
	for p, tenths := range l.Effort.Phases {
		v.Phases[p] = i18n.Days(tenths)
	}
	return h.renderLineForm(w, r, http.StatusOK, v)
}

// lineNew shows the form that adds a line to revision ?base=.
func (h *Handler) lineNew(w http.ResponseWriter, r *http.Request) error {
	t, doc, base, err := h.currentForQuery(w, r)
	if err != nil || doc == nil {
		return err
	}
	v := views.LineFormView{TaskID: t.ID, Base: base, Currency: t.Currency, UnitCostMinor: t.UnitCostMinor,
		Name: cleanText(r.URL.Query().Get("name")), Mode: r.URL.Query().Get("mode")}
	if len([]rune(v.Name)) > maxLineName {
		v.Name = string([]rune(v.Name)[:maxLineName])
	}
	return h.renderLineForm(w, r, http.StatusOK, v)
}

// currentForQuery reads the task and its current revision for a form about revision ?base=. A
// base that is not the current revision is answered with the conflict page (doc is nil then).
func (h *Handler) currentForQuery(w http.ResponseWriter, r *http.Request) (store.Task, *estimate.Document, int, error) {
	t, err := h.taskFromPath(r)
	if err != nil {
		return t, nil, 0, err
	}
	rev, lines, err := h.store.LatestRevision(r.Context(), t.ID)
	if err != nil {
		return t, nil, 0, err
	}
	base := queryNumber(r, "base", rev.Number)
	if base != rev.Number {
		return t, nil, 0, h.conflict(w, r, t, base, "")
	}
	doc := rev.Document(lines)
	return t, &doc, base, nil
}

// lineUpdate stores line n as edited as the next revision. Figures typed by hand are labelled as
// such; renaming alone keeps the line's source.
func (h *Handler) lineUpdate(w http.ResponseWriter, r *http.Request) error {
	return h.lineSave(w, r, true)
}

// lineAdd adds a line typed by hand to the current revision.
func (h *Handler) lineAdd(w http.ResponseWriter, r *http.Request) error {
	return h.lineSave(w, r, false)
}

// lineSave validates the line form and stores the next revision with the line changed (edit) or
// appended (add).
func (h *Handler) lineSave(w http.ResponseWriter, r *http.Request, edit bool) error {
	c, ok, err := h.startChange(w, r)
	if !ok {
		return err
	}
	t, base, doc := c.task, c.base, c.doc
	n := 0
	if edit {
		if n, err = pathNumber(r); err != nil || n > len(doc.Lines) {
			return errNotFound
		}
	}
	v := lineFormFromPost(r, t, base, n)
	unitCost := t.UnitCostMinor
	if edit {
		unitCost = doc.Lines[n-1].UnitCostMinor
	}
	v.UnitCostMinor = unitCost
	if !edit && v.Mode == "engine" {
		return h.lineAddByEngine(w, r, t, v)
	}
	line, errs := parseLineForm(v, unitCost)
	if len(errs) > 0 {
		v.Errors = errs
		return h.renderLineForm(w, r, http.StatusUnprocessableEntity, v)
	}
	note := v.Note
	if edit {
		old := doc.Lines[n-1]
		line.Key, line.Confidence, line.Reasoning = old.Key, old.Confidence, old.Reasoning
		line.Assumptions, line.Risks, line.Source, line.Model = old.Assumptions, old.Risks, old.Source, old.Model
		line.Effort = old.Effort.WithPhases(line.Effort.Phases)
		if line.Effort.Phases != old.Effort.Phases {
			line.Source, line.Model = estimate.SourceManual, ""
		}
		doc.Lines[n-1] = line
		if note == "" {
			note = h.note(t, "notes.line_edited", "name", line.Name)
		}
	} else {
		// Figures typed by hand come without a range: it is the days themselves.
		line.Effort = estimate.Effort{}.WithPhases(line.Effort.Phases)
		doc.Lines = append(doc.Lines, line)
		if note == "" {
			note = h.note(t, "notes.line_added", "name", line.Name)
		}
	}
	if _, err := doc.Totals(); err != nil {
		v.Errors = map[string]views.Msg{"form": views.M("lines.error_totals")}
		return h.renderLineForm(w, r, http.StatusUnprocessableEntity, v)
	}
	return h.saveRevision(w, r, t, base, store.NewRevision{
		Reason: store.RevisionManualEdit, Note: note, BaseNumber: base,
		ContingencyBP: doc.ContingencyBP, DiscountMinor: doc.DiscountMinor, Lines: store.LinesOf(doc),
	})
}

// lineAddByEngine queues a new deliverable for the task's engine to estimate; the page shows it
// being estimated and, when it is done, the revision that adds it.
func (h *Handler) lineAddByEngine(w http.ResponseWriter, r *http.Request, t store.Task, v views.LineFormView) error {
	errs := lineTextErrors(v)
	if len(errs) > 0 {
		v.Errors = errs
		return h.renderLineForm(w, r, http.StatusUnprocessableEntity, v)
	}
	err := h.jobs.QueueNewLine(r.Context(), t.ID, v.Base, strings.TrimSpace(v.Name), strings.TrimSpace(v.Desc), h.engine.Offline)
	if errors.Is(err, store.ErrStale) {
		return h.conflict(w, r, t, v.Base, "")
	}
	if err != nil {
		return err
	}
	return showTask(w, r, t.ID, "result")
}

// lineAddingRetry estimates again a deliverable whose estimate failed; with ?engine=offline, or
// without a model, by the offline engine.
func (h *Handler) lineAddingRetry(w http.ResponseWriter, r *http.Request) error {
	return h.retry(w, r, h.jobs.RetryNewLine, "result")
}

// lineDelete removes line n from the current revision as the next revision; restoring the
// previous revision brings it back.
func (h *Handler) lineDelete(w http.ResponseWriter, r *http.Request) error {
	n, err := pathNumber(r)
	if err != nil {
		return err
	}
	c, ok, err := h.startChange(w, r)
	if !ok {
		return err
	}
	t, base, doc := c.task, c.base, c.doc
	if n > len(doc.Lines) {
		return errNotFound
	}
	name := doc.Lines[n-1].Name
	changed, err := doc.Without([]string{doc.Lines[n-1].Key})
	switch {
	case errors.Is(err, estimate.ErrNoLines):
		return &httpError{status: http.StatusUnprocessableEntity, titleKey: "error.bad_request_title", bodyKey: "lines.error_last"}
	case errors.Is(err, estimate.ErrNegativeSubtotal):
		return &httpError{status: http.StatusUnprocessableEntity, titleKey: "error.bad_request_title", bodyKey: "adjust.error_remove_discount"}
	case err != nil:
		return err
	}
	return h.saveRevision(w, r, t, base, store.NewRevision{
		Reason: store.RevisionManualEdit, Note: h.note(t, "notes.line_deleted", "name", name), BaseNumber: base,
		ContingencyBP: changed.ContingencyBP, DiscountMinor: changed.DiscountMinor, Lines: store.LinesOf(changed),
	})
}

// lineFormFromPost is the line form as posted, cleaned but otherwise as typed.
func lineFormFromPost(r *http.Request, t store.Task, base, n int) views.LineFormView {
	f := r.PostForm
	// Each field is cut one character past its limit: enough for the check to say it is too long,
	// and the page never repeats a huge field.
	field := func(name string, limit int) string {
		s, _ := clip(cleanText(f.Get(name)), limit+1)
		return s
	}
	v := views.LineFormView{TaskID: t.ID, Base: base, N: n, Currency: t.Currency,
		Name: field("name", maxLineName), Desc: field("description", maxLineDesc),
		UnitCost: field("unit_cost", maxAdjustField), Note: field("note", maxLineNote), Mode: f.Get("mode")}
	for p := range v.Phases {
		v.Phases[p] = field(estimate.Phase(p).Key(), maxAdjustField)
	}
	return v
}

// lineTextErrors checks the line form's texts: a name, and lengths within bounds.
func lineTextErrors(v views.LineFormView) map[string]views.Msg {
	errs := map[string]views.Msg{}
	name := strings.TrimSpace(v.Name)
	switch {
	case name == "":
		errs["name"] = views.M("lines.error_name")
	case len([]rune(name)) > maxLineName:
		errs["name"] = views.M("lines.error_too_long", "max", maxLineName)
	}
	if len([]rune(v.Desc)) > maxLineDesc {
		errs["description"] = views.M("lines.error_too_long", "max", maxLineDesc)
	}
	if len([]rune(v.Note)) > maxLineNote {
		errs["note"] = views.M("lines.error_too_long", "max", maxLineNote)
	}
	return errs
}

// parseLineForm checks the line form and returns the line it describes, priced at unitCost unless
// the form names another, or the errors by field.
func parseLineForm(v views.LineFormView, unitCost int64) (estimate.Line, map[string]views.Msg) {
	errs := lineTextErrors(v)
	name := strings.TrimSpace(v.Name)
	line := estimate.Line{Name: name, Description: strings.TrimSpace(v.Desc), UnitCostMinor: unitCost, Source: estimate.SourceManual}
	for p, text := range v.Phases {
		key := estimate.Phase(p).Key()
		tenths, ok := parseDays(text)
		if !ok {
			errs[key] = views.M("lines.error_days", "max", estimate.MaxPhaseTenths/10)
			continue
		}
		line.Effort.Phases[p] = tenths
	}
	if len(errs) == 0 && line.Effort.Days() == 0 {
		errs["phases"] = views.M("lines.error_no_effort")
	}
	if strings.TrimSpace(v.UnitCost) != "" {
		minor, err := parseMoneyField("unit_cost", v.UnitCost, v.Currency)
		var fe *fieldError
		if errors.As(err, &fe) {
			errs["unit_cost"] = fe.msg
		}
		line.UnitCostMinor = minor
	}
	return line, errs
}

// parseDays reads person-days with at most one decimal ("1.5", "１．５", "" for none) into
// tenths within 0..MaxPhaseTenths.
func parseDays(text string) (int64, bool) {
	s := strings.TrimSpace(norm.NFKC.String(text))
	if s == "" {
		return 0, true
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(whole) > 4 || len(frac) > 1 || !digits(whole) || !digits(frac) {
		return 0, false
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt(frac+"0", 10, 64)
	tenths := w*10 + f/10
	return tenths, tenths <= estimate.MaxPhaseTenths
}

// renderLineForm shows the line form: in place of its row when htmx asked from the table, its
// section when htmx asked from the form's page, or the whole page.
func (h *Handler) renderLineForm(w http.ResponseWriter, r *http.Request, status int, v views.LineFormView) error {
	if wantsFragment(r) && r.Header.Get("HX-Target") == "row-"+strconv.Itoa(v.N) {
		return h.render(w, r, status, views.LineEditRow(v), nil)
	}
	_, tv, err := h.loadTask(r)
	if err != nil {
		return err
	}
	titleKey := "lines.add_title"
	if v.N > 0 {
		titleKey = "lines.edit_title"
	}
	s := h.shell(r, i18n.T(r.Context(), titleKey, "n", v.N)+" – "+tv.Title, "")
	return h.render(w, r, status, views.LineFormPage(s, tv, v), views.LineFormSection(v))
}
