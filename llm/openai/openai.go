// Package openai is the engine that talks to an OpenAI-compatible chat completions API (OpenAI,
// Azure OpenAI, Ollama, vLLM, LiteLLM) with structured output. Its prompts are templates
// embedded from prompts/; every answer is validated against the types and bounds of package
// llm, and every failure is classified as an *llm.Error.
package openai

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	goopenai "github.com/sashabaranov/go-openai"

	"estimator/llm/offline"
)

// Config configures an engine that talks to an OpenAI-compatible chat completions API:
// OpenAI itself, Azure OpenAI, or a local or proxied endpoint (Ollama, vLLM, LiteLLM).
// Zero values take the defaults given with each field.
type Config struct {
	// BaseURL is the API root, such as http://localhost:11434/v1; empty means OpenAI. For
	// Azure it is the resource endpoint, https://{resource}.openai.azure.com.
	BaseURL string
	// APIKey is optional when BaseURL is set: local servers need none, and none is sent.
	APIKey string
	// Model is the model name; for Azure it is the deployment name, used as it is.
	Model string
	// APIType is "" (or "openai") for OpenAI-compatible endpoints, or "azure".
	APIType string
	// APIVersion is Azure's api-version; default 2024-10-21, the first generally available
	// version with structured outputs.
	APIVersion string
	// ResponseFormat is "json_schema" (default: strict structured output) or "json_object"
	// for backends that accept only JSON mode; the schema then goes into the system prompt.
	ResponseFormat string
	// MaxRetries is how many times a failed request is retried: default 3 when 0, none when
	// negative.
	MaxRetries int
	// Timeout bounds each request to the model; default 60 s.
	Timeout time.Duration
	// ConnectTimeout bounds connecting and the TLS handshake; default 5 s.
	ConnectTimeout time.Duration
	// BreakerThreshold is the number of consecutive failed calls that opens the circuit
	// breaker; default 5.
	BreakerThreshold int
	// BreakerCooldown is how long the breaker stays open before a trial call; default 60 s.
	BreakerCooldown time.Duration
	// Now is the clock of the breaker, Retry-After dates and Usage.Duration; default time.Now.
	Now func() time.Time
	// Sleep waits between retries, returning early with ctx's error; default a real timer.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Default values of Config.
const (
	defaultAzureAPIVersion  = "2024-10-21"
	defaultMaxRetries       = 3
	defaultTimeout          = 60 * time.Second
	defaultConnectTimeout   = 5 * time.Second
	defaultBreakerThreshold = 5
	defaultBreakerCooldown  = 60 * time.Second
)

// Response formats of Config.ResponseFormat.
const (
	formatJSONSchema = "json_schema"
	formatJSONObject = "json_object"
)

// Sampling. A low temperature and a fixed seed make repeated runs of the same input agree as
// far as the provider allows; the remaining spread is shown as the optimistic–pessimistic
// range, never hidden behind false precision.
const (
	requestTemperature = 0.2
	requestSeed        = 20240601
)

// Engine is the llm.Engine backed by an OpenAI-compatible API. It is safe for concurrent use.
//
// Every answer is decoded and validated in Go against the types and bounds of package llm;
// an invalid answer gets one repair retry in the same conversation, and a second invalid
// answer fails the operation: no figure is ever invented. Every error it returns is an
// *llm.Error.
type Engine struct {
	client       *goopenai.Client
	model        string
	apiKey       string // only to redact it from error messages
	schemaInText bool   // json_object mode: the schema goes into the system prompt
	maxRetries   int
	timeout      time.Duration
	now          func() time.Time
	sleep        func(context.Context, time.Duration) error
	prompts      prompts
	breaker      *breaker
	sizer        *offline.Sizer // the size facts every prompt of a task repeats, read once
}

// New checks cfg, fills in its defaults and returns the engine.
func New(cfg Config) (*Engine, error) {
	if strings.TrimSpace(cfg.Model) == "" {
		return nil, errors.New("llm: openai: a model name is required")
	}
	if cfg.BaseURL != "" {
		u, err := url.Parse(cfg.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("llm: openai: base URL %q is not an http:// or https:// URL", cfg.BaseURL)
		}
	}
	var occ goopenai.ClientConfig
	switch strings.ToLower(cfg.APIType) {
	case "", "openai":
		if cfg.APIKey == "" && cfg.BaseURL == "" {
			return nil, errors.New("llm: openai: an API key is required unless a base URL is set")
		}
		// An empty key sends no Authorization header at all (go-openai skips it), which is
		// what local servers without authentication expect.
		occ = goopenai.DefaultConfig(cfg.APIKey)
		if cfg.BaseURL != "" {
			occ.BaseURL = cfg.BaseURL
		}
	case "azure":
		if cfg.BaseURL == "" || cfg.APIKey == "" {
			return nil, errors.New("llm: openai: Azure needs the resource endpoint as base URL and an API key")
		}
		occ = goopenai.DefaultAzureConfig(cfg.APIKey, cfg.BaseURL)
		occ.APIVersion = cmp.Or(cfg.APIVersion, defaultAzureAPIVersion)
		// Azure addresses deployments, whose names are chosen by the operator; go-openai's
		// default mapper strips "." and ":" from model names, which would address a
		// different deployment than the one configured.
		model := cfg.Model
		occ.AzureModelMapperFunc = func(string) string { return model }
	default:
		return nil, fmt.Errorf("llm: openai: API type %q is neither empty, openai nor azure", cfg.APIType)
	}
	switch cfg.ResponseFormat {
	case "", formatJSONSchema, formatJSONObject:
	default:
		return nil, fmt.Errorf("llm: openai: response format %q is neither json_schema nor json_object", cfg.ResponseFormat)
	}

	timeout := orDefault(cfg.Timeout, defaultTimeout)
	// go-openai sends each request exactly once (it has no retry logic of its own), so the
	// retries below are the only ones.
	occ.HTTPClient = newHTTPClient(orDefault(cfg.ConnectTimeout, defaultConnectTimeout), timeout)

	p, err := loadPrompts()
	if err != nil {
		return nil, err
	}
	retries := cfg.MaxRetries
	switch {
	case retries == 0:
		retries = defaultMaxRetries
	case retries < 0:
		retries = 0
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	sleep := cfg.Sleep
	if sleep == nil {
		sleep = sleepContext
	}
	return &Engine{
		client:       goopenai.NewClientWithConfig(occ),
		model:        cfg.Model,
		apiKey:       cfg.APIKey,
		schemaInText: cfg.ResponseFormat == formatJSONObject,
		maxRetries:   retries,
		timeout:      timeout,
		now:          now,
		sleep:        sleep,
		prompts:      p,
		breaker: newBreaker(orDefault(cfg.BreakerThreshold, defaultBreakerThreshold),
			orDefault(cfg.BreakerCooldown, defaultBreakerCooldown), now),
		sizer: offline.NewSizer(),
	}, nil
}

// Name returns the model name, for the record of model calls.
func (o *Engine) Name() string { return o.model }

// Offline returns false: results come from a language model.
func (o *Engine) Offline() bool { return false }

// orDefault returns v, or def when v is zero or negative.
func orDefault[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}
