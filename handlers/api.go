package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"estimator/i18n"
)

// healthBody is written verbatim: operators' monitors compare it byte for byte.
var healthBody = []byte(`{"status":"healthy"}`)

// health is the liveness probe kept from the predecessor: the process answers.
func (h *Handler) health(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_, err := w.Write(healthBody)
	return err
}

const (
	// databaseTimeout is how long the readiness check waits for the database.
	databaseTimeout = time.Second
	// slowDatabase is the latency above which the service reports itself degraded.
	slowDatabase = 250 * time.Millisecond
)

type healthCheck struct {
	Status    string  `json:"status"`
	Dialect   string  `json:"dialect"`
	LatencyMS float64 `json:"latency_ms"`
	Error     string  `json:"error,omitempty"`
}

type healthReport struct {
	Status  string                 `json:"status"`
	Checks  map[string]healthCheck `json:"checks"`
	Version string                 `json:"version"`
}

// apiHealth is the readiness check: healthy, degraded (the database answers slowly) or unhealthy
// with 503 (it does not answer within a second).
func (h *Handler) apiHealth(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), databaseTimeout)
	defer cancel()
	start := time.Now()
	err := h.db.Ping(ctx)
	latency := time.Since(start)
	db := healthCheck{Status: "ok", Dialect: h.db.Dialect(), LatencyMS: float64(latency.Microseconds()) / 1000}
	report := healthReport{Status: "healthy", Checks: map[string]healthCheck{"database": db}, Version: h.version}
	status := http.StatusOK
	switch {
	case err != nil:
		h.log.ErrorContext(r.Context(), "database health check failed", "error", err)
		db.Status, report.Status, status = "error", "unhealthy", http.StatusServiceUnavailable
		db.Error = "no answer"
		if errors.Is(err, context.DeadlineExceeded) {
			db.Error = "no answer within " + databaseTimeout.String()
		}
	case latency > slowDatabase:
		db.Status, report.Status = "slow", "degraded"
	}
	report.Checks["database"] = db
	return writeJSON(w, status, report)
}

type translationsReport struct {
	Language     string         `json:"language"`
	TaxRate      json.Number    `json:"tax_rate"`
	Translations map[string]any `json:"translations"`
}

// apiTranslations serves a whole catalog for scripts and integrations, with the default tax rate
// of documents in that language as a percentage, as the predecessor did.
func (h *Handler) apiTranslations(w http.ResponseWriter, r *http.Request) error {
	lang := i18n.Lang(r.Context())
	if q := r.URL.Query().Get("lang"); q != "" && !i18n.Supported(q) {
		return &httpError{status: http.StatusBadRequest, titleKey: "error.bad_request_title", bodyKey: "error.unsupported_lang", args: []any{"lang", q}}
	}
	return writeJSON(w, http.StatusOK, translationsReport{
		Language:     lang,
		TaxRate:      json.Number(i18n.Percent(h.taxRates[lang])),
		Translations: h.i18n.Tree(lang),
	})
}
