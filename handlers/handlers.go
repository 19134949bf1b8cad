// Package handlers is the HTTP layer: the route list, middleware, and one file per feature.
// Handlers build view models for views and call store, never the other way round.
package handlers

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"github.com/gorilla/mux"
	"github.com/gorilla/sessions"

	"estimator/i18n"
	"estimator/jobs"
	"estimator/llm/offline"
	"estimator/metrics"
	"estimator/sheets"
	"estimator/static"
	"estimator/store"
	"estimator/views"
)

// Deps is everything the HTTP layer needs, passed in by main.
type Deps struct {
	Store          *store.Store
	Jobs           *jobs.Runner // queues background work and wakes the workers
	I18n           *i18n.Bundle
	Assets         *static.Assets
	Logger         *slog.Logger
	SessionSecret  string           // at least 32 characters; cookie keys are derived from it
	DefaultLang    string           // LANGUAGE: used when neither the visitor nor the browser chose
	DisplayZone    *time.Location   // DISPLAY_TIMEZONE: where dates and times are shown; UTC when nil
	TaxRates       map[string]int64 // default tax rate per document language, basis points
	UnitCosts      map[string]int64 // default cost of a person-day per currency, minor units
	QuestionCount  int              // clarifying questions asked per estimate
	MaxUploadBytes int64            // largest spreadsheet accepted
	Engine         views.Engine
	TrustedProxies []netip.Prefix // peers whose X-Forwarded-* headers are believed
	TrustedOrigins []string       // origins allowed to POST besides the request's own host
	ListenHost     string         // HOST: a name the server answers to
	AllowedHosts   []string       // ALLOWED_HOSTS: more names the server answers to (see hostAllowlist)
	RatePerMinute  int            // RATE_LIMIT_PER_MINUTE: requests that cost model calls, per client; 0 for none
	RateBurst      int            // RATE_LIMIT_BURST
	Version        string
	// Metrics, when METRICS_ENABLED, counts every request and is served at /metrics; nil serves
	// no /metrics and counts nothing.
	Metrics      *metrics.Metrics
	MetricsToken string // METRICS_TOKEN: when set, /metrics wants it as a bearer token
	// AdminPassword, ADMIN_PASSWORD, opens /admin behind a sign-in with it; empty answers /admin 404.
	AdminPassword string
	// Breaker reads the model engine's circuit breaker for the admin page; nil when the engine has
	// none (the offline one).
	Breaker Breaker
}

// pinger is the part of the store the health checks use; tests swap in a slow one.
type pinger interface {
	Ping(ctx context.Context) error
	Dialect() string
}

// Handler holds the dependencies shared by every handler.
type Handler struct {
	store          *store.Store
	jobs           *jobs.Runner
	db             pinger
	i18n           *i18n.Bundle
	assets         *static.Assets
	shellAssets    views.AssetURLs
	log            *slog.Logger
	sessions       *sessions.CookieStore
	defaultLang    string
	zone           *time.Location
	taxRates       map[string]int64
	unitCosts      map[string]int64
	questionCount  int
	maxUploadBytes int64
	maxRows        int
	imports        *importSlots // bounds the uploads spooled and read at once
	engine         views.Engine
	proxies        []netip.Prefix
	origins        []string
	hosts          hostAllowlist
	version        string
	metrics        *metrics.Metrics
	metricsToken   string
	admin          *adminAuth // nil when ADMIN_PASSWORD is not set
	breaker        Breaker
	// router is the route list, set by routes: the language links of a POST's answer look up
	// the page they lead to in it (langPage).
	router *mux.Router
	// buffers recycles page buffers: every page is rendered whole before it is sent.
	buffers *sync.Pool
	cards   *cardCache     // priced proposal cards
	pages   *pageCache     // rendered task pages, by the task's version
	sizer   *offline.Sizer // the offline model's sizes, for the plausibility checks
	rates   *rateLimiter   // the allowance of requests that cost model calls

	// pdf writes the quotation's PDF; it reads its font once for every document.
	pdf *sheets.PDFWriter
}

// New returns the application's complete http.Handler: routes wrapped in the middleware chain.
func New(d Deps) (http.Handler, error) {
	h, err := newHandler(d)
	if err != nil {
		return nil, err
	}
	return h.routes()
}

func newHandler(d Deps) (*Handler, error) {
	if !i18n.Supported(d.DefaultLang) {
		return nil, fmt.Errorf("handlers: unsupported default language %q", d.DefaultLang)
	}
	cookies, err := newSessionStore(d.SessionSecret)
	if err != nil {
		return nil, err
	}
	pdf, err := sheets.NewPDFWriter()
	if err != nil {
		return nil, err
	}
	return &Handler{
		store:  d.Store,
		jobs:   d.Jobs,
		db:     d.Store,
		i18n:   d.I18n,
		assets: d.Assets,
		shellAssets: views.AssetURLs{
			CSS:   d.Assets.URL("css/app.css"),
			HTMX:  d.Assets.URL("js/htmx.min.js"),
			AppJS: d.Assets.URL("js/app.js"),
			Icon:  d.Assets.URL("img/favicon.svg"),
		},
		log:            d.Logger,
		sessions:       cookies,
		defaultLang:    d.DefaultLang,
		zone:           d.DisplayZone,
		taxRates:       d.TaxRates,
		unitCosts:      d.UnitCosts,
		questionCount:  d.QuestionCount,
		maxUploadBytes: d.MaxUploadBytes,
		maxRows:        sheets.DefaultMaxRows,
		imports:        newImportSlots(parallelImports(), importWait),
		engine:         d.Engine,
		proxies:        d.TrustedProxies,
		origins:        d.TrustedOrigins,
		hosts:          newHostAllowlist(d.ListenHost, d.TrustedOrigins, d.AllowedHosts),
		version:        d.Version,
		metrics:        d.Metrics,
		metricsToken:   d.MetricsToken,
		admin:          newAdminAuth(d.SessionSecret, d.AdminPassword),
		breaker:        d.Breaker,
		buffers:        &sync.Pool{New: func() any { return new(bytes.Buffer) }},
		cards:          newCardCache(maxCachedCards),
		pages:          newPageCache(maxPageCacheBytes),
		sizer:          offline.NewSizer(),
		rates:          &rateLimiter{store: d.Store, limit: rateLimitFor(d.RatePerMinute, d.RateBurst)},
		pdf:            pdf,
	}, nil
}
