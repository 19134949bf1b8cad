package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// DefaultValidityDays is how long a quotation holds when the issuer has set nothing else: 30 days
// is the most common choice of the tools in docs/field.md §2.
const DefaultValidityDays = 30

// Issuer is the company that sends the quotations (発行者). Empty texts are simply left out of the
// documents: a missing setting never blocks anything.
type Issuer struct {
	Company, Address, Phone, Email string
	Person                         string // 担当者
	Registration                   string // 適格請求書発行事業者登録番号: "T" and 13 digits, or ""
	PaymentTerms                   string // 支払条件 of a quotation that says none of its own
	ValidityDays                   int    // a quotation's validity from its issue date, 1–365
	NumberFormat                   string // see FormatQuoteNumber
	// Seal (社印) and Logo are PNG images that the caller has checked and re-encoded; nil when
	// there is none. SaveIssuer keeps the stored image when the field is nil, so a form that does
	// not send the image again does not lose it; RemoveSeal and RemoveLogo delete it instead.
	Seal, Logo             []byte
	RemoveSeal, RemoveLogo bool
	UpdatedAt              time.Time // zero until the settings are first saved
}

// issuerRow is the issuer row as sqlx scans it.
type issuerRow struct {
	Company      string    `db:"company"`
	Address      string    `db:"address"`
	Phone        string    `db:"phone"`
	Email        string    `db:"email"`
	Person       string    `db:"person"`
	Registration string    `db:"registration"`
	PaymentTerms string    `db:"payment_terms"`
	ValidityDays int       `db:"validity_days"`
	NumberFormat string    `db:"number_format"`
	Seal         []byte    `db:"seal"`
	Logo         []byte    `db:"logo"`
	UpdatedAt    time.Time `db:"updated_at"`
}

const issuerQuery = `SELECT company, address, phone, email, person, registration, payment_terms,
	validity_days, number_format, seal, logo, updated_at FROM issuer WHERE id = 1`

// Issuer returns the issuer settings. Before they are first saved it returns empty texts with
// DefaultValidityDays and DefaultQuoteNumberFormat, and no error.
func (s *Store) Issuer(ctx context.Context) (Issuer, error) {
	var r issuerRow
	err := s.db.GetContext(ctx, &r, issuerQuery)
	if errors.Is(err, sql.ErrNoRows) {
		return Issuer{ValidityDays: DefaultValidityDays, NumberFormat: DefaultQuoteNumberFormat}, nil
	}
	if err != nil {
		return Issuer{}, fmt.Errorf("store: get issuer: %w", err)
	}
	return Issuer{
		Company:      r.Company,
		Address:      r.Address,
		Phone:        r.Phone,
		Email:        r.Email,
		Person:       r.Person,
		Registration: r.Registration,
		PaymentTerms: r.PaymentTerms,
		ValidityDays: r.ValidityDays,
		NumberFormat: r.NumberFormat,
		Seal:         r.Seal,
		Logo:         r.Logo,
		UpdatedAt:    r.UpdatedAt.UTC(),
	}, nil
}

// saveIssuerQuery writes the one issuer row. Each image comes with a flag: 1 writes the value
// given (new bytes, or NULL to remove it), 0 keeps what is stored. On the first save there is
// nothing to keep, so the value given (NULL when kept) is inserted either way.
const saveIssuerQuery = `INSERT INTO issuer (id, company, address, phone, email, person, registration,
	payment_terms, validity_days, number_format, seal, logo, updated_at)
VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET company = excluded.company, address = excluded.address,
	phone = excluded.phone, email = excluded.email, person = excluded.person,
	registration = excluded.registration, payment_terms = excluded.payment_terms,
	validity_days = excluded.validity_days, number_format = excluded.number_format,
	seal = CASE WHEN ? = 1 THEN excluded.seal ELSE issuer.seal END,
	logo = CASE WHEN ? = 1 THEN excluded.logo ELSE issuer.logo END,
	updated_at = excluded.updated_at`

// SaveIssuer stores the issuer settings, replacing the previous ones. An image is replaced when
// its field holds bytes, deleted when its Remove flag is set (and no bytes are given), and kept
// otherwise. A zero ValidityDays or an empty NumberFormat stores the default. The database
// refuses a malformed registration number or a validity outside 1–365 days.
func (s *Store) SaveIssuer(ctx context.Context, iss Issuer, now time.Time) error {
	if iss.ValidityDays == 0 {
		iss.ValidityDays = DefaultValidityDays
	}
	if iss.NumberFormat == "" {
		iss.NumberFormat = DefaultQuoteNumberFormat
	}
	if err := CheckQuoteNumberFormat(iss.NumberFormat); err != nil {
		return fmt.Errorf("store: save issuer: %w", err)
	}
	seal, writeSeal := imageChange(iss.Seal, iss.RemoveSeal)
	logo, writeLogo := imageChange(iss.Logo, iss.RemoveLogo)
	_, err := s.db.ExecContext(ctx, s.db.Rebind(saveIssuerQuery), iss.Company, iss.Address, iss.Phone,
		iss.Email, iss.Person, iss.Registration, iss.PaymentTerms, iss.ValidityDays, iss.NumberFormat,
		seal, logo, now.UTC().Truncate(time.Microsecond), writeSeal, writeLogo)
	if err != nil {
		return fmt.Errorf("store: save issuer: %w", err)
	}
	return nil
}

// imageChange is the value and write flag of saveIssuerQuery for one image. The value is an
// untyped nil rather than a nil []byte for "no image", so both drivers bind SQL NULL.
func imageChange(png []byte, remove bool) (value any, write int) {
	switch {
	case png != nil:
		return png, 1
	case remove:
		return nil, 1
	}
	return nil, 0
}

// Issuer images, for IssuerImage.
const (
	ImageSeal = "seal"
	ImageLogo = "logo"
)

// issuerImageQueries read one image each; the column is never built from input.
var issuerImageQueries = map[string]string{
	ImageSeal: `SELECT seal, updated_at FROM issuer WHERE id = 1 AND seal IS NOT NULL`,
	ImageLogo: `SELECT logo, updated_at FROM issuer WHERE id = 1 AND logo IS NOT NULL`,
}

// IssuerImage returns one stored image (ImageSeal or ImageLogo) as PNG bytes and when the settings
// were last saved, without reading the rest of the settings; ErrNotFound when there is none.
func (s *Store) IssuerImage(ctx context.Context, name string) ([]byte, time.Time, error) {
	q, ok := issuerImageQueries[name]
	if !ok {
		return nil, time.Time{}, fmt.Errorf("store: get issuer image %q: %w", name, ErrNotFound)
	}
	var png []byte
	var updated time.Time
	err := s.db.QueryRowContext(ctx, q).Scan(&png, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, time.Time{}, fmt.Errorf("store: get issuer image %s: %w", name, ErrNotFound)
	}
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("store: get issuer image %s: %w", name, err)
	}
	return png, updated.UTC(), nil
}
