package views

// TaskFormView is the new-estimate form as the user last sent it, with what the server has to
// say about it. Everything typed comes back, so nothing is lost when the form is re-rendered.
type TaskFormView struct {
	Title, ClientName, ClientHonorific string
	Language, Currency                 string
	Requirements                       string
	Rows                               []FormRow
	ImportMode                         string // append (default) or replace: what an import does with the rows already there

	Errors  map[string]Msg // by field name: title, client_name, requirements, rows, file, …
	Notes   []Msg          // what an import or an action did
	Pending *TemplateConfirm

	Templates []Option // requirement templates
	Sheets    []string // sheets of the last imported workbook, when it has several
	Sheet     string

	MaxRows     int
	MaxUploadMB int64
}

// FormRow is one deliverable row of the form.
type FormRow struct {
	Name, Description string
	Error             Msg  // what is wrong with this row
	Duplicate         bool // the name appears on another row too (allowed, but flagged)
}

// TemplateConfirm asks, without JavaScript, before a template replaces text already typed.
type TemplateConfirm struct {
	Key, Label string
}

// Option is a choice in a select.
type Option struct {
	Value, Label, Hint string
}

// HasErrors reports whether the form has any error to show.
func (f TaskFormView) HasErrors() bool {
	if len(f.Errors) > 0 {
		return true
	}
	for _, r := range f.Rows {
		if !r.Error.IsZero() {
			return true
		}
	}
	return false
}
