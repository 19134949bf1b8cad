package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
)

func TestHealthIsExactlyWhatMonitorsExpect(t *testing.T) {
	e := newTestEnv(t, nil)
	resp, body := e.get(t, "/health")
	wantStatus(t, resp, http.StatusOK)
	if body != `{"status":"healthy"}` {
		t.Errorf("body = %q", body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
}

type healthJSON struct {
	Status string `json:"status"`
	Checks map[string]struct {
		Status  string `json:"status"`
		Dialect string `json:"dialect"`
		Error   string `json:"error"`
	} `json:"checks"`
	Version string `json:"version"`
}

func decodeHealth(t *testing.T, body string) healthJSON {
	t.Helper()
	var h healthJSON
	if err := json.Unmarshal([]byte(body), &h); err != nil {
		t.Fatalf("not JSON: %q", body)
	}
	return h
}

func TestAPIHealth(t *testing.T) {
	e := newTestEnv(t, nil)
	resp, body := e.get(t, "/api/v1/health")
	wantStatus(t, resp, http.StatusOK)
	h := decodeHealth(t, body)
	if h.Status != "healthy" || h.Checks["database"].Status != "ok" || h.Checks["database"].Dialect != "sqlite" || h.Version != "test" {
		t.Errorf("report = %+v", h)
	}

	e.store.Close()
	resp, body = e.get(t, "/api/v1/health")
	wantStatus(t, resp, http.StatusServiceUnavailable)
	if h := decodeHealth(t, body); h.Status != "unhealthy" || h.Checks["database"].Status != "error" {
		t.Errorf("closed database: report = %+v", h)
	}
}

// hangingDB never answers a ping until its context ends.
type hangingDB struct{}

func (hangingDB) Ping(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }
func (hangingDB) Dialect() string                { return "sqlite" }

func TestAPIHealthGivesUpAfterOneSecond(t *testing.T) {
	e := newTestEnv(t, nil)
	e.h.db = hangingDB{}
	root, err := e.h.routes()
	if err != nil {
		t.Fatal(err)
	}
	synctest.Test(t, func(t *testing.T) {
		rec := httptestRecorder(t, root, "/api/v1/health")
		if rec.Code != http.StatusServiceUnavailable {
			t.Fatalf("status %d, want 503", rec.Code)
		}
		h := decodeHealth(t, rec.Body.String())
		if h.Status != "unhealthy" || !strings.Contains(h.Checks["database"].Error, "1s") {
			t.Errorf("report = %+v", h)
		}
	})
}

func TestAPITranslations(t *testing.T) {
	e := newTestEnv(t, nil)
	for _, tc := range []struct {
		lang, taxRate, appName string
	}{{"ja", "10", "Estimator"}, {"en", "0", "Estimator"}} {
		resp, body := e.get(t, "/api/v1/translations?lang="+tc.lang)
		wantStatus(t, resp, http.StatusOK)
		var got struct {
			Language     string          `json:"language"`
			TaxRate      json.Number     `json:"tax_rate"`
			Translations map[string]any  `json:"translations"`
			Raw          json.RawMessage `json:"-"`
		}
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatal(err)
		}
		if got.Language != tc.lang || got.TaxRate.String() != tc.taxRate {
			t.Errorf("%s: language=%q tax_rate=%s", tc.lang, got.Language, got.TaxRate)
		}
		nav, ok := got.Translations["nav"].(map[string]any)
		if !ok || nav["estimates"] == nil {
			t.Errorf("%s: translations are not nested by key: %v", tc.lang, got.Translations["nav"])
		}
	}
	resp, body := e.get(t, "/api/v1/translations?lang=fr")
	wantStatus(t, resp, http.StatusBadRequest)
	if !strings.Contains(body, `fr`) {
		t.Errorf("the error does not name the bad value: %s", body)
	}
}
