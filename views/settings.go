package views

// NavSettings is the navigation entry of the settings page.
const NavSettings = "settings"

// SettingsView is the settings form as stored or as last sent, with what the server has to say
// about it. Typed texts come back as typed; files cannot be put back into a file input, so
// FilesDropped asks for them again.
type SettingsView struct {
	Company, Address, Phone, Email, Person string
	Registration, PaymentTerms             string
	ValidityDays, NumberFormat             string
	RemoveSeal, RemoveLogo                 bool

	// SealURL and LogoURL show the stored images; "" when there is none.
	SealURL, LogoURL string
	// NumberExample is the first number the format gives this month.
	NumberExample string

	Errors       map[string]Msg // by field name
	FilesDropped bool
	// Missing are the labels of what a complete quotation shows but the stored settings lack.
	Missing []Msg

	MaxImageMB, MaxImageSide, MaxNumberFormat, MaxValidityDays int
}

// settingsInvalid is the aria-invalid value of a settings field.
func settingsInvalid(v SettingsView, field string) string {
	_, bad := v.Errors[field]
	return boolString(bad)
}

// settingsInput is one text field of the settings form. Max mirrors the server's limit for the
// field (handlers/settingsform.go), so a browser stops typing where the server would refuse.
type settingsInput struct {
	Name, Label, Value, Hint string
	Max, Rows                int
	Autocomplete, InputMode  string
}

// describedBy lists the ids of what describes the field: its hint, when it has one, and its error.
func (in settingsInput) describedBy() string {
	if in.Hint == "" {
		return in.Name + "-error"
	}
	return in.Name + "-hint " + in.Name + "-error"
}
