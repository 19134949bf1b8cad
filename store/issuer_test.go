package store_test

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
	"time"

	"estimator/store"
)

func TestIssuerDefaults(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			iss, err := s.Issuer(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			want := store.Issuer{ValidityDays: 30, NumberFormat: "YYYYMM-NNNN"}
			if !issuerEqual(iss, want) || !iss.UpdatedAt.IsZero() {
				t.Errorf("Issuer before any save = %+v, want %+v", iss, want)
			}
			for _, name := range []string{store.ImageSeal, store.ImageLogo, "other"} {
				if _, _, err := s.IssuerImage(t.Context(), name); !errors.Is(err, store.ErrNotFound) {
					t.Errorf("IssuerImage(%s) error = %v, want ErrNotFound", name, err)
				}
			}
		})
	}
}

func TestSaveIssuer(t *testing.T) {
	seal1, seal2, logo := []byte("\x89PNG seal 1"), []byte("\x89PNG seal 2"), []byte("\x89PNG logo")
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 123456789, jst)
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			full := store.Issuer{
				Company: "株式会社サンプル", Address: "東京都千代田区1-1\n2F", Phone: "03-1234-5678",
				Email: "sales@example.jp", Person: "山田 太郎", Registration: "T8000012010038",
				PaymentTerms: "月末締め翌月末払い", ValidityDays: 45, NumberFormat: "Q-YYMM-NNN",
				Seal: seal1, Logo: logo,
			}
			steps := []struct {
				name       string
				in         store.Issuer
				seal, logo []byte
			}{
				{"First", full, seal1, logo},
				// The form does not send the images again: they are kept.
				{"KeepImages", store.Issuer{Company: "Renamed", ValidityDays: 10, NumberFormat: "YYYY-NNNNN"}, seal1, logo},
				{"ReplaceSeal", store.Issuer{Company: "Renamed", Seal: seal2}, seal2, logo},
				{"RemoveLogo", store.Issuer{Company: "Renamed", RemoveLogo: true}, seal2, nil},
				// New bytes win over the remove flag: the user chose a file.
				{"ReplaceAndRemove", store.Issuer{Company: "Renamed", Seal: seal1, RemoveSeal: true}, seal1, nil},
				{"RemoveSeal", store.Issuer{Company: "Renamed", RemoveSeal: true}, nil, nil},
			}
			for i, step := range steps {
				now := t0.Add(time.Duration(i) * time.Hour)
				if err := s.SaveIssuer(ctx, step.in, now); err != nil {
					t.Fatalf("%s: %v", step.name, err)
				}
				got, err := s.Issuer(ctx)
				if err != nil {
					t.Fatal(err)
				}
				want := step.in
				want.Seal, want.Logo, want.RemoveSeal, want.RemoveLogo = step.seal, step.logo, false, false
				if want.ValidityDays == 0 {
					want.ValidityDays = store.DefaultValidityDays
				}
				if want.NumberFormat == "" {
					want.NumberFormat = store.DefaultQuoteNumberFormat
				}
				if !issuerEqual(got, want) {
					t.Errorf("%s: Issuer = %+v\nwant %+v", step.name, got, want)
				}
				if wantTime := now.UTC().Truncate(time.Microsecond); !got.UpdatedAt.Equal(wantTime) || got.UpdatedAt.Location() != time.UTC {
					t.Errorf("%s: UpdatedAt = %v, want %v in UTC", step.name, got.UpdatedAt, wantTime)
				}
				checkImage(t, s, store.ImageSeal, step.seal)
				checkImage(t, s, store.ImageLogo, step.logo)
			}
		})
	}
}

func TestSaveIssuerRejects(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			for name, in := range map[string]store.Issuer{
				"Registration":    {Registration: "8000012010038"},
				"RegistrationLen": {Registration: "T800001201003"},
				"Validity":        {ValidityDays: 366},
				"Format":          {NumberFormat: "YYYY/MM-NNNN"},
			} {
				if err := s.SaveIssuer(t.Context(), in, time.Now()); err == nil {
					t.Errorf("%s: SaveIssuer(%+v) succeeded", name, in)
				}
			}
			if iss, err := s.Issuer(t.Context()); err != nil || !iss.UpdatedAt.IsZero() {
				t.Errorf("after refused saves: %+v, %v; want the defaults", iss, err)
			}
		})
	}
}

func checkImage(t *testing.T, s *store.Store, name string, want []byte) {
	t.Helper()
	got, _, err := s.IssuerImage(t.Context(), name)
	if want == nil {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("IssuerImage(%s) = %q, %v; want ErrNotFound", name, got, err)
		}
		return
	}
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("IssuerImage(%s) = %q, %v; want %q", name, got, err, want)
	}
}

// issuerEqual compares everything but UpdatedAt; an image and no image differ.
func issuerEqual(a, b store.Issuer) bool {
	a.UpdatedAt, b.UpdatedAt = time.Time{}, time.Time{}
	return reflect.DeepEqual(a, b)
}
