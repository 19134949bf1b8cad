package handlers

import (
	"errors"
	"net/http"
	"net/mail"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"estimator/store"
	"estimator/views"
)

// Limits of the settings form, in characters; views/settings.templ repeats them as maxlength.
const (
	maxCompany      = 200
	maxAddress      = 500
	maxPhone        = 40
	maxEmail        = 254 // the longest address SMTP can carry (RFC 5321 path limit)
	maxPerson       = 100
	maxRegistration = 40 // T and 13 digits, with room for the separators people type
	maxPaymentTerms = 500
	maxValidityDays = 365
	// settingsBodyBytes is what a settings request may carry: far more than two images under their
	// limit, so that an image over it is refused beside its field (422) rather than by a bare 413.
	settingsBodyBytes = 16 << 20
)

// settingsForm is what the settings form sent, trimmed.
type settingsForm struct {
	company, address, phone, email, person, registration, paymentTerms string
	validityDays, numberFormat                                         string
	removeSeal, removeLogo                                             bool
	seal, logo                                                         *uploadedFile // nil when none was chosen
}

// issuerForm is the form showing the stored settings.
func issuerForm(iss store.Issuer) settingsForm {
	return settingsForm{
		company: iss.Company, address: iss.Address, phone: iss.Phone, email: iss.Email, person: iss.Person,
		registration: iss.Registration, paymentTerms: iss.PaymentTerms,
		validityDays: strconv.Itoa(iss.ValidityDays), numberFormat: iss.NumberFormat,
	}
}

// parseSettingsForm reads the form from a multipart (or, without files, URL-encoded) body.
func (h *Handler) parseSettingsForm(w http.ResponseWriter, r *http.Request) (settingsForm, error) {
	data, err := readForm(w, r, formSpec{
		maxBody: settingsBodyBytes,
		files:   map[string]int64{"seal": maxImageBytes, "logo": maxImageBytes},
	})
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		// The limit worth telling is the images': nothing else comes near the body's.
		return settingsForm{}, &httpError{status: http.StatusRequestEntityTooLarge, titleKey: "error.too_large_title",
			bodyKey: "error.too_large_body", args: []any{"limit", maxImageBytes >> 20}, err: err}
	}
	if err != nil {
		return settingsForm{}, h.bodyError(err)
	}
	// Each text is cut one character past its limit: enough for the check to say it is too long,
	// and the page never repeats a huge field.
	text := func(name string, limit int) string {
		s, _ := clip(cleanText(r.PostForm.Get(name)), limit+1)
		return s
	}
	return settingsForm{
		company:      text("company", maxCompany),
		address:      text("address", maxAddress),
		phone:        text("phone", maxPhone),
		email:        text("email", maxEmail),
		person:       text("person", maxPerson),
		registration: text("registration", maxRegistration),
		paymentTerms: text("payment_terms", maxPaymentTerms),
		validityDays: text("validity_days", len(strconv.Itoa(maxValidityDays))),
		numberFormat: text("number_format", store.MaxQuoteNumberFormat),
		removeSeal:   r.PostForm.Get("remove_seal") != "",
		removeLogo:   r.PostForm.Get("remove_logo") != "",
		seal:         data.files["seal"],
		logo:         data.files["logo"],
	}, nil
}

// validate checks every field and returns the issuer to store, or the errors by field. Values are
// normalised as people type them (full-width digits, a registration number in groups).
func (f settingsForm) validate() (store.Issuer, map[string]views.Msg) {
	errs := map[string]views.Msg{}
	tooLong := func(field, value string, limit int) {
		if n := utf8.RuneCountInString(value); n > limit {
			errs[field] = views.M("form.too_long", "max", limit, "count", n)
		}
	}
	iss := store.Issuer{
		Company: f.company, Address: f.address, Person: f.person, PaymentTerms: f.paymentTerms,
		Phone: width.Fold.String(f.phone), Email: width.Fold.String(f.email),
		RemoveSeal: f.removeSeal, RemoveLogo: f.removeLogo,
	}
	tooLong("company", f.company, maxCompany)
	tooLong("address", f.address, maxAddress)
	tooLong("person", f.person, maxPerson)
	tooLong("payment_terms", f.paymentTerms, maxPaymentTerms)
	if strings.Trim(iss.Phone, "0123456789+-() ") != "" {
		errs["phone"] = views.M("settings.error.phone")
	}
	tooLong("phone", iss.Phone, maxPhone)
	if iss.Email != "" && !plainEmail(iss.Email) {
		errs["email"] = views.M("settings.error.email")
	}
	tooLong("email", iss.Email, maxEmail)
	var err error
	if iss.Registration, err = normalizeRegistration(f.registration); errors.Is(err, errRegistrationCheck) {
		errs["registration"] = views.M("settings.error.registration_check")
	} else if err != nil {
		errs["registration"] = views.M("settings.error.registration_shape")
	}
	if iss.ValidityDays, err = validityDays(f.validityDays); err != nil {
		errs["validity_days"] = views.M("settings.error.validity_days", "max", maxValidityDays)
	}
	iss.NumberFormat = width.Fold.String(f.numberFormat)
	if msg, bad := numberFormatMsg(iss.NumberFormat); bad {
		errs["number_format"] = msg
	}
	for field, fh := range map[string]*uploadedFile{"seal": f.seal, "logo": f.logo} {
		if fh == nil {
			continue
		}
		png, msg := readImage(fh)
		if msg != nil {
			errs[field] = *msg
			continue
		}
		if field == "seal" {
			iss.Seal = png
		} else {
			iss.Logo = png
		}
	}
	return iss, errs
}

// plainEmail reports whether s is one bare address such as info@example.co.jp: no display name,
// no angle brackets, nothing a document would print oddly.
func plainEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Name == "" && addr.Address == s && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}

// validityDays reads the validity in days; empty means the default.
func validityDays(s string) (int, error) {
	s = width.Fold.String(s)
	if s == "" {
		return store.DefaultValidityDays, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxValidityDays {
		return 0, errors.New("validity out of range")
	}
	return n, nil
}

// numberFormatMsg explains why the quotation number format is refused; empty means the default.
func numberFormatMsg(format string) (views.Msg, bool) {
	switch err := store.CheckQuoteNumberFormat(format); {
	case err == nil:
		return views.Msg{}, false
	case errors.Is(err, store.ErrFormatTooLong):
		return views.M("form.too_long", "max", store.MaxQuoteNumberFormat, "count", utf8.RuneCountInString(format)), true
	case errors.Is(err, store.ErrFormatSerials):
		return views.M("settings.error.number_format_serials"), true
	}
	return views.M("settings.error.number_format_chars"), true
}
