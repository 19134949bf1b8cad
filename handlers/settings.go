package handlers

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"estimator/i18n"
	"estimator/store"
	"estimator/views"
)

// settingsShow shows the issuer settings as stored.
func (h *Handler) settingsShow(w http.ResponseWriter, r *http.Request) error {
	iss, err := h.store.Issuer(r.Context())
	if err != nil {
		return err
	}
	s := h.shell(r, i18n.T(r.Context(), "settings.title"), views.NavSettings)
	s.Flash = h.popFlash(w, r)
	return h.render(w, r, http.StatusOK, views.SettingsPage(s, h.settingsView(r, issuerForm(iss), iss, nil)), nil)
}

// settingsSave validates the form and stores it whole; errors re-render the form with every
// typed value kept (files must be chosen again) and nothing stored.
func (h *Handler) settingsSave(w http.ResponseWriter, r *http.Request) error {
	f, err := h.parseSettingsForm(w, r)
	if err != nil {
		return err
	}
	iss, errs := f.validate()
	if len(errs) > 0 {
		stored, err := h.store.Issuer(r.Context())
		if err != nil {
			return err
		}
		v := h.settingsView(r, f, stored, errs)
		v.FilesDropped = f.seal != nil || f.logo != nil
		s := h.shell(r, i18n.T(r.Context(), "settings.title"), views.NavSettings)
		return h.render(w, r, http.StatusUnprocessableEntity, views.SettingsPage(s, v), views.SettingsForm(v))
	}
	if err := h.store.SaveIssuer(r.Context(), iss, time.Now()); err != nil {
		return err
	}
	h.addFlash(w, r, i18n.T(r.Context(), "settings.saved"))
	return redirectAfterPost(w, r, "/settings")
}

// settingsView builds the page's view model from the form f and the stored settings, which
// decide the images shown and what the list of missing items says.
func (h *Handler) settingsView(r *http.Request, f settingsForm, stored store.Issuer, errs map[string]views.Msg) views.SettingsView {
	l, _ := i18n.LocaleFrom(r.Context())
	format := stored.NumberFormat
	if store.CheckQuoteNumberFormat(f.numberFormat) == nil {
		format = f.numberFormat
	}
	v := views.SettingsView{
		Company: f.company, Address: f.address, Phone: f.phone, Email: f.email, Person: f.person,
		Registration: f.registration, PaymentTerms: f.paymentTerms,
		ValidityDays: f.validityDays, NumberFormat: f.numberFormat,
		RemoveSeal: f.removeSeal, RemoveLogo: f.removeLogo,
		NumberExample:   store.FormatQuoteNumber(format, time.Now().In(l.Zone()), 1),
		Errors:          errs,
		Missing:         missingForQuote(stored),
		MaxImageMB:      maxImageBytes >> 20,
		MaxImageSide:    maxImageSide,
		MaxNumberFormat: store.MaxQuoteNumberFormat,
		MaxValidityDays: maxValidityDays,
	}
	// The version in the address makes a browser fetch the image again after every save.
	version := "?v=" + strconv.FormatInt(stored.UpdatedAt.UnixMilli(), 10)
	if stored.Seal != nil {
		v.SealURL = "/settings/seal.png" + version
	}
	if stored.Logo != nil {
		v.LogoURL = "/settings/logo.png" + version
	}
	return v
}

// missingForQuote names what docs/field.md §2 expects of the issuer on a 見積書 but the settings
// lack. The logo is a matter of taste and stays off the list.
func missingForQuote(iss store.Issuer) []views.Msg {
	var out []views.Msg
	for _, item := range []struct {
		missing bool
		label   string
	}{
		{iss.Company == "", "settings.company"},
		{iss.Address == "", "settings.address"},
		{iss.Phone == "" && iss.Email == "", "settings.contact"},
		{iss.Person == "", "settings.person"},
		{iss.Registration == "", "settings.registration"},
		{iss.Seal == nil, "settings.seal"},
	} {
		if item.missing {
			out = append(out, views.M(item.label))
		}
	}
	return out
}

// settingsSeal and settingsLogo serve the stored images.
func (h *Handler) settingsSeal(w http.ResponseWriter, r *http.Request) error {
	return h.serveIssuerImage(w, r, store.ImageSeal)
}

func (h *Handler) settingsLogo(w http.ResponseWriter, r *http.Request) error {
	return h.serveIssuerImage(w, r, store.ImageLogo)
}

// serveIssuerImage serves a stored image as PNG; 404 when there is none. Only images this
// application re-encoded are ever stored, and nosniff keeps a browser from reading them as
// anything else.
func (h *Handler) serveIssuerImage(w http.ResponseWriter, r *http.Request, name string) error {
	png, updated, err := h.store.IssuerImage(r.Context(), name)
	if err != nil {
		return err
	}
	hdr := w.Header()
	hdr.Set("Content-Type", "image/png")
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Cache-Control", "private, no-cache")
	// ServeContent answers HEAD, ranges and If-Modified-Since from the time of the last save.
	http.ServeContent(w, r, "", updated, bytes.NewReader(png))
	return nil
}
