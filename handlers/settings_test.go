package handlers

import (
	"bytes"
	"crypto/rand"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// placeholder is a catalog placeholder left unfilled on a page.
var placeholder = regexp.MustCompile(`\{[a-z_]+\}`)

// formProperties are names of properties of a form element (and of elements in general) that a
// control named the same would hide from scripts, htmx included.
var formProperties = []string{"action", "method", "enctype", "encoding", "target", "submit", "reset",
	"elements", "length", "name", "id", "title", "lang", "dir", "style", "hidden", "autocomplete"}

func TestSettingsPage(t *testing.T) {
	e := newTestEnv(t, nil)
	for _, tc := range []struct{ lang, title, company string }{
		{"ja", "設定", "会社名"},
		{"en", "Settings", "Company name"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			resp, body := e.get(t, "/settings?lang="+tc.lang)
			wantStatus(t, resp, http.StatusOK)
			doc := parseHTML(t, body)
			if got := doc.Find("h1").Text(); got != tc.title {
				t.Errorf("h1 = %q, want %q", got, tc.title)
			}
			if doc.Find(`.site-nav a[href="/settings"][aria-current="page"]`).Length() != 1 {
				t.Error("the navigation does not mark Settings as the current page")
			}
			form := doc.Find("form#settings-form")
			if form.AttrOr("method", "") != "post" || form.AttrOr("action", "") != "/settings" ||
				form.AttrOr("enctype", "") != "multipart/form-data" || form.AttrOr("hx-post", "") != "/settings" {
				t.Fatal("the settings form is not a real multipart POST to /settings enhanced by htmx")
			}
			if got := form.Find(`label[for="company"]`).Text(); got != tc.company {
				t.Errorf("company label = %q, want %q", got, tc.company)
			}
			form.Find("[name]").Each(func(_ int, s *goquery.Selection) {
				if name := s.AttrOr("name", ""); slices.Contains(formProperties, name) {
					t.Errorf("a control is named %q, like a property of the form", name)
				}
			})
			if v := form.Find("#validity_days").AttrOr("value", ""); v != "30" {
				t.Errorf("validity days before any save = %q, want the default 30", v)
			}
			if v := form.Find("#number_format").AttrOr("value", ""); v != "YYYYMM-NNNN" {
				t.Errorf("number format before any save = %q, want the default", v)
			}
			var missing []string
			doc.Find("#settings-missing [data-missing]").Each(func(_ int, s *goquery.Selection) {
				missing = append(missing, s.AttrOr("data-missing", ""))
			})
			want := []string{"settings.company", "settings.address", "settings.contact", "settings.person",
				"settings.registration", "settings.seal"}
			if !slices.Equal(missing, want) {
				t.Errorf("missing items = %v, want %v", missing, want)
			}
			if doc.Find("#seal-current, #logo-current, [name=remove_seal], [name=remove_logo]").Length() != 0 {
				t.Error("images or remove boxes are shown although none is stored")
			}
			if strings.Contains(body, "⟦") || placeholder.MatchString(body) {
				t.Errorf("the page shows an untranslated key or an unfilled placeholder: %q", placeholder.FindString(body))
			}
		})
	}
	for _, path := range []string{"/settings/seal.png", "/settings/logo.png"} {
		resp, _ := e.get(t, path)
		wantStatus(t, resp, http.StatusNotFound)
	}
}

func TestSettingsSave(t *testing.T) {
	e := newTestEnv(t, nil)
	sealPNG := withHiddenText(encode(t, "png", testImage(120, 80)), "secret")
	logoJPEG := encode(t, "jpeg", testImage(300, 100))
	fields := settingsFields(
		field{"registration", "Ｔ８－００００－１２０１－００３８"},
		field{"phone", "０３－１２３４－５６７８"},
		field{"validity_days", "４５"},
	)
	resp, _ := e.postSettings(t, fields, []namedFile{{"seal", "seal.png", sealPNG}, {"logo", "logo.jpg", logoJPEG}})
	wantStatus(t, resp, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/settings" {
		t.Fatalf("Location = %q, want /settings", loc)
	}

	iss, err := e.store.Issuer(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if iss.Company != "株式会社サンプル" || iss.Address != "〒100-0001\n東京都千代田区千代田1-1" ||
		iss.Registration != "T8000012010038" || iss.Phone != "03-1234-5678" || iss.Email != "sales@example.co.jp" ||
		iss.Person != "山田 太郎" || iss.PaymentTerms != "月末締め翌月末払い" || iss.ValidityDays != 45 ||
		iss.NumberFormat != "Q-YYMM-NNN" {
		t.Errorf("stored issuer = %+v", iss)
	}
	if bytes.Contains(iss.Seal, []byte("secret")) {
		t.Error("the stored seal kept the text chunk or the bytes after IEND: it was not re-encoded")
	}

	_, body := e.get(t, "/settings")
	doc := parseHTML(t, body)
	if got := doc.Find("#flash .flash-message").Text(); got != "設定を保存しました。" {
		t.Errorf("flash = %q, want the saved message", got)
	}
	if doc.Find("#settings-missing [data-missing]").Length() != 0 {
		t.Errorf("missing items after a complete save: %q", doc.Find("#settings-missing").Text())
	}
	if v := doc.Find("#registration").AttrOr("value", ""); v != "T8000012010038" {
		t.Errorf("registration shown = %q, want the normalised number", v)
	}
	for _, img := range []struct {
		id   string
		w, h int
	}{{"seal", 120, 80}, {"logo", 300, 100}} {
		src := doc.Find("#"+img.id+"-current").AttrOr("src", "")
		if !strings.HasPrefix(src, "/settings/"+img.id+".png?v=") {
			t.Fatalf("%s src = %q", img.id, src)
		}
		if doc.Find("[name=remove_"+img.id+"]").Length() != 1 {
			t.Errorf("no remove box for the %s", img.id)
		}
		resp, served := e.get(t, src)
		wantStatus(t, resp, http.StatusOK)
		if ct, nosniff := resp.Header.Get("Content-Type"), resp.Header.Get("X-Content-Type-Options"); ct != "image/png" || nosniff != "nosniff" {
			t.Errorf("%s: Content-Type %q, X-Content-Type-Options %q", img.id, ct, nosniff)
		}
		if b := decodeServedPNG(t, []byte(served)).Bounds(); b.Dx() != img.w || b.Dy() != img.h {
			t.Errorf("%s: served %v, want %d×%d", img.id, b, img.w, img.h)
		}
	}

	t.Run("HTMX", func(t *testing.T) {
		resp, body := e.postSettings(t, settingsFields(field{"company", "株式会社ほか"}), nil, "HX-Request: true")
		wantStatus(t, resp, http.StatusOK)
		if resp.Header.Get("HX-Redirect") != "/settings" || body != "" {
			t.Errorf("HX-Redirect %q, body %q; want /settings and no body", resp.Header.Get("HX-Redirect"), body)
		}
		iss, _ := e.store.Issuer(t.Context())
		if iss.Company != "株式会社ほか" || iss.Seal == nil || iss.Logo == nil {
			t.Errorf("after a save without files: company %q, seal kept %v, logo kept %v", iss.Company, iss.Seal != nil, iss.Logo != nil)
		}
	})

	t.Run("Remove", func(t *testing.T) {
		resp, _ := e.postSettings(t, settingsFields(field{"remove_seal", "1"}), nil)
		wantStatus(t, resp, http.StatusSeeOther)
		resp, _ = e.get(t, "/settings/seal.png")
		wantStatus(t, resp, http.StatusNotFound)
		resp, _ = e.get(t, "/settings/logo.png")
		wantStatus(t, resp, http.StatusOK)
		_, body := e.get(t, "/settings")
		doc := parseHTML(t, body)
		if doc.Find(`#settings-missing [data-missing="settings.seal"]`).Length() != 1 {
			t.Error("the removed seal is not listed as missing")
		}
		if doc.Find("#seal-current").Length() != 0 || doc.Find("#logo-current").Length() != 1 {
			t.Error("after removing the seal the page should show the logo only")
		}
	})

	t.Run("Empty", func(t *testing.T) {
		// Everything is optional: clearing the form stores empty texts and the defaults.
		resp, _ := e.postSettings(t, []field{{"company", ""}, {"validity_days", ""}, {"number_format", ""}}, nil)
		wantStatus(t, resp, http.StatusSeeOther)
		iss, _ := e.store.Issuer(t.Context())
		if iss.Company != "" || iss.Registration != "" || iss.ValidityDays != 30 || iss.NumberFormat != "YYYYMM-NNNN" {
			t.Errorf("after clearing: %+v", iss)
		}
	})
}

func TestSettingsInvalid(t *testing.T) {
	img := testImage(40, 40)
	huge := make([]byte, 1536<<10) // 1.5 MB
	if _, err := rand.Read(huge); err != nil {
		t.Fatal(err)
	}
	copy(huge, encode(t, "png", img))
	for _, tc := range []struct {
		name   string
		fields []field
		files  []namedFile
		field  string // the one with the error
		want   string // part of the message, in Japanese
	}{
		{"CompanyTooLong", settingsFields(field{"company", strings.Repeat("株", 201)}), nil, "company", "200文字以内"},
		{"AddressTooLong", settingsFields(field{"address", strings.Repeat("a", 501)}), nil, "address", "500文字以内"},
		{"Phone", settingsFields(field{"phone", "03-1234-5678 内線12"}), nil, "phone", "電話番号"},
		{"PhoneTooLong", settingsFields(field{"phone", strings.Repeat("0", 41)}), nil, "phone", "40文字以内"},
		{"Email", settingsFields(field{"email", "Sales <sales@example.co.jp>"}), nil, "email", "メールアドレス"},
		{"EmailNoDomain", settingsFields(field{"email", "sales@"}), nil, "email", "メールアドレス"},
		{"PersonTooLong", settingsFields(field{"person", strings.Repeat("山", 101)}), nil, "person", "100文字以内"},
		{"RegistrationShape", settingsFields(field{"registration", "T800001201003"}), nil, "registration", "13桁"},
		{"RegistrationCheck", settingsFields(field{"registration", "T9000012010038"}), nil, "registration", "検査用数字"},
		{"PaymentTermsTooLong", settingsFields(field{"payment_terms", strings.Repeat("a", 501)}), nil, "payment_terms", "500文字以内"},
		{"ValidityZero", settingsFields(field{"validity_days", "0"}), nil, "validity_days", "1〜365"},
		{"ValidityTooLong", settingsFields(field{"validity_days", "366"}), nil, "validity_days", "1〜365"},
		{"ValidityText", settingsFields(field{"validity_days", "30日"}), nil, "validity_days", "1〜365"},
		{"FormatChars", settingsFields(field{"number_format", "YYYY/MM-NNNN"}), nil, "number_format", "英数字"},
		{"FormatSerials", settingsFields(field{"number_format", "NN-YYYY-NN"}), nil, "number_format", "1か所"},
		{"FormatTooLong", settingsFields(field{"number_format", strings.Repeat("A", 33)}), nil, "number_format", "32文字以内"},
		{"SealGIF", settingsFields(), []namedFile{{"seal", "seal.gif", encode(t, "gif", img)}}, "seal", "PNGまたはJPEG"},
		{"SealGIFNamedPNG", settingsFields(), []namedFile{{"seal", "seal.png", encode(t, "gif", img)}}, "seal", "PNGまたはJPEG"},
		{"SealText", settingsFields(), []namedFile{{"seal", "seal.png", []byte("not an image at all\n")}}, "seal", "PNGまたはJPEG"},
		{"SealTooLarge", settingsFields(), []namedFile{{"seal", "seal.png", huge}}, "seal", "1 MBまで"},
		{"SealHugeDimensions", settingsFields(), []namedFile{{"seal", "seal.png", hugePNGHeader(10000, 10000)}}, "seal", "10000×10000"},
		{"SealCorrupt", settingsFields(), []namedFile{{"seal", "seal.png", encode(t, "png", img)[:100]}}, "seal", "読み取れません"},
		{"LogoText", settingsFields(), []namedFile{{"logo", "logo.jpg", []byte("GIF89a, or so it says")}}, "logo", "PNGまたはJPEG"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEnv(t, nil)
			// A valid image sent beside the wrong one is not kept either: nothing is stored.
			files := append([]namedFile{}, tc.files...)
			if tc.field != "seal" {
				files = append(files, namedFile{"seal", "seal.png", encode(t, "png", img)})
			}
			resp, body := e.postSettings(t, tc.fields, files)
			wantStatus(t, resp, http.StatusUnprocessableEntity)
			doc := parseHTML(t, body)
			if doc.Find("html").Length() == 0 {
				t.Error("a plain POST should get the whole page back")
			}
			msg := doc.Find("#" + tc.field + "-error").Text()
			if !strings.Contains(msg, tc.want) {
				t.Errorf("error of %s = %q, want it to mention %q", tc.field, msg, tc.want)
			}
			if n := doc.Find(".field-error").Length(); n != 1 {
				t.Errorf("%d field errors shown, want 1: %q", n, doc.Find(".field-error").Text())
			}
			if doc.Find("#"+tc.field).AttrOr("aria-invalid", "") != "true" {
				t.Errorf("%s is not marked aria-invalid", tc.field)
			}
			// Everything typed comes back as typed.
			for _, f := range tc.fields {
				if got := fieldValue(doc, f.name); got != f.value {
					t.Errorf("%s shown back as %q, want %q", f.name, got, f.value)
				}
			}
			if doc.Find("#files-again").Length() != 1 {
				t.Error("files were sent, but the page does not ask to choose them again")
			}
			if iss, err := e.store.Issuer(t.Context()); err != nil || !iss.UpdatedAt.IsZero() {
				t.Errorf("an invalid form stored something: %+v, %v", iss, err)
			}
		})
	}

	t.Run("HTMX", func(t *testing.T) {
		e := newTestEnv(t, nil)
		resp, body := e.postSettings(t, settingsFields(field{"email", "nope"}), nil, "HX-Request: true", "Accept-Language: en")
		wantStatus(t, resp, http.StatusUnprocessableEntity)
		if strings.Contains(body, "<html") || !strings.Contains(body, `id="settings-form"`) {
			t.Fatal("htmx should get the form alone")
		}
		doc := parseHTML(t, body)
		if got := doc.Find("#email-error").Text(); !strings.Contains(got, "e-mail address") {
			t.Errorf("English error = %q", got)
		}
		if doc.Find("#files-again").Length() != 0 {
			t.Error("no file was sent, yet the page asks to choose files again")
		}
		if !slices.Contains(resp.Header.Values("Vary"), "HX-Request") {
			t.Error("the fragment is sent without Vary: HX-Request")
		}
	})
}

// fieldValue is what the form shows in the input or textarea named name.
func fieldValue(doc *goquery.Document, name string) string {
	s := doc.Find(`#settings-form [name="` + name + `"]`)
	if goquery.NodeName(s) == "textarea" {
		return s.Text()
	}
	return s.AttrOr("value", "")
}

// TestSettingsNumberFormat stores a format of its own and shows this month's first number of it.
func TestSettingsNumberFormat(t *testing.T) {
	e := newTestEnv(t, nil)
	resp, _ := e.postSettings(t, settingsFields(field{"number_format", "EST-YYYY-NNNNN"}), nil)
	wantStatus(t, resp, http.StatusSeeOther)
	iss, err := e.store.Issuer(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	_, body := e.get(t, "/settings")
	hint := parseHTML(t, body).Find("#number_format-hint").Text()
	if !strings.Contains(hint, "EST-") || !strings.Contains(hint, "-00001") {
		t.Errorf("number format hint = %q, want an example of the stored format", hint)
	}
	if iss.NumberFormat != "EST-YYYY-NNNNN" {
		t.Errorf("stored format = %q", iss.NumberFormat)
	}
}

// TestSettingsHugeField shows that a field far over its limit comes back cut, never whole.
func TestSettingsHugeField(t *testing.T) {
	e := newTestEnv(t, nil)
	resp, body := e.postSettings(t, settingsFields(field{"address", strings.Repeat("住", 100000)}), nil)
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	doc := parseHTML(t, body)
	if got := []rune(fieldValue(doc, "address")); len(got) != maxAddress+1 {
		t.Errorf("address shown back with %d characters, want %d", len(got), maxAddress+1)
	}
	if !strings.Contains(doc.Find("#address-error").Text(), "500文字以内") {
		t.Errorf("address error = %q", doc.Find("#address-error").Text())
	}
}
