package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/netip"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"estimator/i18n"
	"estimator/store"
)

// Config is the effective configuration. It is built once in main and its values are passed down;
// no other package reads the environment.
type Config struct {
	DatabaseURL      string
	DBSchema         string
	OpenAIAPIKey     string
	OpenAIBaseURL    string
	OpenAIModel      string
	LLMProvider      string // auto, openai or offline, as configured
	OpenAIAPIType    string // "" or "azure"
	OpenAIAPIVersion string // Azure API version
	ResponseFormat   string // json_schema or json_object
	OpenAIMaxRetries int64
	OpenAITimeout    time.Duration
	BreakerThreshold int64
	BreakerCooldown  time.Duration
	ModelPrices      map[string]ModelPrice // by model name
	MaxParallel      int64                 // estimation units running at once
	Productivity     int64                 // offline engine: per-mille of the public figures' effort
	DailyUnitCostJPY int64                 // yen per person-day
	DailyUnitCostUSD int64                 // cents per person-day
	TaxRateJA        int64                 // basis points: 1000 = 10 %
	TaxRateEN        int64                 // basis points
	UploadDir        string
	MaxUploadSizeMB  int64
	MemoryLimitMB    int64 // the Go runtime's soft memory limit; 0 leaves it unset
	QuestionCount    int64 // clarifying questions asked per estimate
	DailyCostCap     int64 // micro-USD the model calls may cost in a day; 0 for no cap
	MonthlyCostCap   int64 // micro-USD in a month; 0 for no cap
	RatePerMinute    int64 // requests that cost model calls, per client and minute; 0 for no limit
	RateBurst        int64 // of those, how many at once
	MaskPII          bool  // mask e-mail addresses, phone numbers and client names in logs
	RetentionDays    int64 // tasks created longer ago are deleted by the cleanup; 0 keeps them all
	AutoCleanup      bool  // the server runs the cleanup itself once a day
	Language         string
	DisplayZone      *time.Location // where the dates and times people read are shown
	Host             string
	Port             int
	CORSOrigins      []string
	AllowedHosts     []string // host names answered besides HOST, localhost, loopback and CORS_ORIGINS
	SessionSecret    string
	LogLevel         slog.Level
	LogFormat        string
	TrustedProxies   []netip.Prefix
	MetricsEnabled   bool   // /metrics is served
	MetricsToken     string // when set, /metrics wants it as a bearer token
	AdminPassword    string // when set, /admin is served behind a sign-in with it

	// Warnings are non-fatal remarks (deprecated variables) to log once the logger exists.
	Warnings []string
	// values keeps every variable's effective text and where it came from, for check-config.
	values []configValue
}

type configValue struct {
	name, value, source string
	secret              bool
}

// setting describes one variable: its default, whether it is secret, and how to apply it.
// The table below is the single list of accepted variables.
type setting struct {
	name     string
	def      string
	secret   bool
	expected string // what a valid value looks like, for the one-line error
	apply    func(c *Config, v string) error
}

// errExpected marks a value that does not parse; the loader names the variable and the value.
var errExpected = errors.New("invalid value")

func settings() []setting {
	return []setting{
		{name: "DATABASE_URL", def: "sqlite:///./app.db", expected: "sqlite:///relative.db, sqlite:////absolute.db, a file path or postgres://…",
			apply: func(c *Config, v string) error {
				if _, err := store.ParseURL(v); err != nil {
					return err
				}
				c.DatabaseURL = v
				return nil
			}},
		{name: "DB_SCHEMA", expected: "a PostgreSQL identifier (letters, digits, underscore; up to 63 characters)",
			apply: func(c *Config, v string) error {
				if v != "" && !store.ValidSchemaName(v) {
					return errExpected
				}
				c.DBSchema = v
				return nil
			}},
		{name: "OPENAI_API_KEY", secret: true, apply: func(c *Config, v string) error { c.OpenAIAPIKey = v; return nil }},
		{name: "OPENAI_BASE_URL", expected: "an http:// or https:// URL such as http://localhost:11434/v1",
			apply: func(c *Config, v string) error {
				if v != "" && !isHTTPURL(v) {
					return errExpected
				}
				c.OpenAIBaseURL = v
				return nil
			}},
		{name: "OPENAI_MODEL", def: "gpt-4o-mini", expected: "a model name",
			apply: func(c *Config, v string) error { c.OpenAIModel = v; return nil }},
		{name: "LLM_PROVIDER", def: "auto", expected: "auto, openai or offline",
			apply: func(c *Config, v string) error {
				return oneOf(&c.LLMProvider, strings.ToLower(v), "auto", "openai", "offline")
			}},
		{name: "OPENAI_API_TYPE", expected: "empty or azure",
			apply: func(c *Config, v string) error {
				return oneOf(&c.OpenAIAPIType, strings.ToLower(v), "", "azure", "openai")
			}},
		{name: "OPENAI_API_VERSION", def: "2024-10-21", expected: "an Azure OpenAI API version such as 2024-10-21",
			apply: func(c *Config, v string) error { c.OpenAIAPIVersion = v; return nil }},
		{name: "LLM_RESPONSE_FORMAT", def: "json_schema", expected: "json_schema or json_object",
			apply: func(c *Config, v string) error {
				return oneOf(&c.ResponseFormat, strings.ToLower(v), "json_schema", "json_object")
			}},
		{name: "OPENAI_MAX_RETRIES", def: "3", expected: "a whole number from 0 to 10",
			apply: func(c *Config, v string) error { return decimalInRange(&c.OpenAIMaxRetries, v, 0, 0, 10) }},
		{name: "OPENAI_TIMEOUT", def: "60", expected: "seconds per model call, from 1 to 600",
			apply: func(c *Config, v string) error { return secondsInRange(&c.OpenAITimeout, v, 1, 600) }},
		{name: "CIRCUIT_BREAKER_FAILURE_THRESHOLD", def: "5", expected: "a whole number from 1 to 100",
			apply: func(c *Config, v string) error { return decimalInRange(&c.BreakerThreshold, v, 0, 1, 100) }},
		{name: "CIRCUIT_BREAKER_TIMEOUT", def: "60", expected: "seconds from 1 to 3600",
			apply: func(c *Config, v string) error { return secondsInRange(&c.BreakerCooldown, v, 1, 3600) }},
		{name: "MODEL_PRICES", def: "gpt-4o-mini=0.15/0.60/0.075", expected: "model=input/output[/cached input] USD per million tokens, comma-separated (gpt-4o-mini=0.15/0.60/0.075,gpt-4o=2.50/10/1.25)",
			apply: func(c *Config, v string) error {
				prices, err := parsePrices(v)
				c.ModelPrices = prices
				return err
			}},
		{name: "MAX_PARALLEL_ESTIMATES", def: "8", expected: "a whole number from 1 to 64",
			apply: func(c *Config, v string) error { return decimalInRange(&c.MaxParallel, v, 0, 1, 64) }},
		{name: "OFFLINE_PRODUCTIVITY", def: "1", expected: "a factor from 0.1 to 3 with up to 3 decimals (0.6 = 60 % of the public figures' effort)",
			apply: func(c *Config, v string) error { return decimalInRange(&c.Productivity, v, 3, 100, 3000) }},
		{name: "DAILY_UNIT_COST",
			apply: func(c *Config, v string) error {
				if v != "" {
					c.Warnings = append(c.Warnings, "DAILY_UNIT_COST is deprecated and ignored: set DAILY_UNIT_COST_JPY and DAILY_UNIT_COST_USD instead")
				}
				return nil
			}},
		{name: "DAILY_UNIT_COST_JPY", def: "40000", expected: "whole yen per person-day from 1 to 10000000",
			apply: func(c *Config, v string) error { return decimalInRange(&c.DailyUnitCostJPY, v, 0, 1, 10_000_000) }},
		{name: "DAILY_UNIT_COST_USD", def: "500", expected: "dollars per person-day from 0.01 to 100000, at most 2 decimals",
			apply: func(c *Config, v string) error { return decimalInRange(&c.DailyUnitCostUSD, v, 2, 1, 10_000_000) }},
		{name: "TAX_RATE_JA", def: "10", expected: "a percentage from 0 to 100, at most 2 decimals",
			apply: func(c *Config, v string) error { return decimalInRange(&c.TaxRateJA, v, 2, 0, 10_000) }},
		{name: "TAX_RATE_EN", def: "0", expected: "a percentage from 0 to 100, at most 2 decimals",
			apply: func(c *Config, v string) error { return decimalInRange(&c.TaxRateEN, v, 2, 0, 10_000) }},
		// Accepted for compatibility: uploads are read in memory and never stored.
		{name: "UPLOAD_DIR", def: "uploads", expected: "a directory path",
			apply: func(c *Config, v string) error { c.UploadDir = v; return nil }},
		{name: "MAX_UPLOAD_SIZE_MB", def: "10", expected: "a whole number of megabytes from 1 to 1024",
			apply: func(c *Config, v string) error { return decimalInRange(&c.MaxUploadSizeMB, v, 0, 1, 1024) }},
		{name: "MEMORY_LIMIT_MB", def: "256", expected: "a whole number of megabytes from 64 to 65536, or 0 for none",
			apply: func(c *Config, v string) error {
				if err := decimalInRange(&c.MemoryLimitMB, v, 0, 0, 65536); err != nil {
					return err
				}
				if c.MemoryLimitMB != 0 && c.MemoryLimitMB < 64 {
					return errExpected
				}
				return nil
			}},
		{name: "QUESTION_COUNT", def: "3", expected: "a whole number from 1 to 5",
			apply: func(c *Config, v string) error { return decimalInRange(&c.QuestionCount, v, 0, 1, 5) }},
		{name: "DATA_RETENTION_DAYS", def: "0", expected: "a whole number of days from 0 to 36500 (0 keeps every task)",
			apply: func(c *Config, v string) error { return decimalInRange(&c.RetentionDays, v, 0, 0, 36500) }},
		{name: "AUTO_CLEANUP_ENABLED", def: "false", expected: "true or false",
			apply: func(c *Config, v string) error { return boolean(&c.AutoCleanup, v) }},
		{name: "DAILY_COST_LIMIT", def: "10", expected: "US dollars with up to 2 decimals, 0 for no cap (10.50)",
			apply: func(c *Config, v string) error { return usdCap(&c.DailyCostCap, v) }},
		{name: "MONTHLY_COST_LIMIT", def: "200", expected: "US dollars with up to 2 decimals, 0 for no cap (200)",
			apply: func(c *Config, v string) error { return usdCap(&c.MonthlyCostCap, v) }},
		{name: "RATE_LIMIT_PER_MINUTE", def: "10", expected: "a whole number from 0 (no limit) to 10000",
			apply: func(c *Config, v string) error { return decimalInRange(&c.RatePerMinute, v, 0, 0, 10000) }},
		{name: "RATE_LIMIT_BURST", def: "20", expected: "a whole number from 1 to 10000",
			apply: func(c *Config, v string) error { return decimalInRange(&c.RateBurst, v, 0, 1, 10000) }},
		{name: "MASK_PII", def: "true", expected: "true or false",
			apply: func(c *Config, v string) error { return boolean(&c.MaskPII, v) }},
		{name: "LANGUAGE", def: i18n.Japanese, expected: "ja or en",
			apply: func(c *Config, v string) error {
				return oneOf(&c.Language, strings.ToLower(v), i18n.Japanese, i18n.English)
			}},
		{name: "DISPLAY_TIMEZONE", def: "Asia/Tokyo", expected: "an IANA time zone such as Asia/Tokyo or UTC",
			apply: func(c *Config, v string) error {
				zone, err := time.LoadLocation(v)
				if err != nil || v == "" || strings.EqualFold(v, "local") {
					return errExpected
				}
				c.DisplayZone = zone
				return nil
			}},
		{name: "HOST", def: "127.0.0.1", expected: "a host name or IP address to listen on",
			apply: func(c *Config, v string) error {
				if strings.ContainsAny(v, " /") {
					return errExpected
				}
				c.Host = v
				return nil
			}},
		{name: "PORT", def: "8100", expected: "an integer from 1 to 65535",
			apply: func(c *Config, v string) error {
				p, err := strconv.Atoi(v)
				if err != nil || p < 1 || p > 65535 {
					return errExpected
				}
				c.Port = p
				return nil
			}},
		{name: "CORS_ORIGINS", expected: `comma-separated origins such as https://estimate.example.com (or a JSON list)`,
			apply: func(c *Config, v string) error {
				origins, err := parseOrigins(v)
				c.CORSOrigins = origins
				return err
			}},
		{name: "ALLOWED_HOSTS", expected: "comma-separated host names such as estimate.example.com",
			apply: func(c *Config, v string) error {
				c.AllowedHosts = nil
				for _, n := range strings.Split(v, ",") {
					n = strings.TrimSpace(n)
					if n == "" {
						continue
					}
					if strings.ContainsAny(n, " /:@") {
						return errExpected
					}
					c.AllowedHosts = append(c.AllowedHosts, n)
				}
				return nil
			}},
		{name: "SESSION_SECRET", secret: true, expected: "at least 32 characters (or empty to generate one)",
			apply: func(c *Config, v string) error {
				if v != "" && len(v) < 32 {
					return errExpected
				}
				c.SessionSecret = v
				return nil
			}},
		{name: "LOG_LEVEL", def: "info", expected: "debug, info, warn or error",
			apply: func(c *Config, v string) error {
				return c.LogLevel.UnmarshalText([]byte(strings.TrimSuffix(strings.ToLower(v), "ing")))
			}},
		{name: "LOG_FORMAT", def: "json", expected: "json or text",
			apply: func(c *Config, v string) error { return oneOf(&c.LogFormat, strings.ToLower(v), "json", "text") }},
		{name: "TRUSTED_PROXIES", def: "127.0.0.1/32,::1/128", expected: "comma-separated IP addresses or CIDR ranges",
			apply: func(c *Config, v string) error {
				prefixes, err := parsePrefixes(v)
				c.TrustedProxies = prefixes
				return err
			}},
		{name: "METRICS_ENABLED", def: "false", expected: "true or false",
			apply: func(c *Config, v string) error { return boolean(&c.MetricsEnabled, v) }},
		{name: "METRICS_TOKEN", secret: true, expected: "at least 16 characters, letters, digits and punctuation only (or empty for none)",
			apply: func(c *Config, v string) error {
				// What an Authorization header carries without quoting: visible ASCII, no space.
				if v != "" && (len(v) < 16 || strings.ContainsFunc(v, func(r rune) bool { return r <= ' ' || r > '~' })) {
					return errExpected
				}
				c.MetricsToken = v
				return nil
			}},
		{name: "ADMIN_PASSWORD", secret: true,
			expected: "at least 12 characters, so it resists guessing within the sign-in rate limit (or empty: no /admin page)",
			apply: func(c *Config, v string) error {
				if v != "" && len(v) < 12 {
					return errExpected
				}
				c.AdminPassword = v
				return nil
			}},
	}
}

// loadConfig builds the configuration from the process environment and an env file. The
// environment wins over the file, the file over defaults. envFile is read when it exists; when
// required is true (the user named it with --env-file) a missing file is an error.
func loadConfig(getenv func(string) (string, bool), envFile string, required bool) (Config, error) {
	fileVars, err := readEnvFile(envFile, required)
	if err != nil {
		return Config{}, err
	}
	var c Config
	for _, s := range settings() {
		value, source := s.def, "default"
		if v, ok := fileVars[s.name]; ok && v != "" {
			value, source = v, envFile
		}
		if v, ok := getenv(s.name); ok && strings.TrimSpace(v) != "" {
			value, source = strings.TrimSpace(v), "environment"
		}
		if err := s.apply(&c, value); err != nil {
			shown := value
			if s.secret {
				shown = mask(value)
			}
			return Config{}, fmt.Errorf("config: %s=%q: expected %s", s.name, shown, s.expected)
		}
		c.values = append(c.values, configValue{name: s.name, value: value, source: source, secret: s.secret})
	}
	if c.LLMProvider == "openai" && c.OpenAIAPIKey == "" && c.OpenAIBaseURL == "" {
		return Config{}, errors.New("config: LLM_PROVIDER=openai: expected OPENAI_API_KEY or OPENAI_BASE_URL to be set as well")
	}
	if c.MetricsToken != "" && !c.MetricsEnabled {
		c.Warnings = append(c.Warnings, "METRICS_TOKEN is set but METRICS_ENABLED is off: /metrics is not served")
	}
	if c.AutoCleanup && c.RetentionDays == 0 {
		c.Warnings = append(c.Warnings, "AUTO_CLEANUP_ENABLED is on but DATA_RETENTION_DAYS is 0: every task is kept, so the cleanup deletes nothing")
	}
	return c, nil
}

// Offline reports whether estimates come from the offline engine: chosen explicitly, or in auto
// mode when no OpenAI-compatible endpoint is configured.
func (c Config) Offline() bool {
	switch c.LLMProvider {
	case "offline":
		return true
	case "openai":
		return false
	}
	return c.OpenAIAPIKey == "" && c.OpenAIBaseURL == ""
}

// Addr is the listen address.
func (c Config) Addr() string { return netJoin(c.Host, c.Port) }

// Secrets lists the configured secret values, so the logger can redact them wherever they appear.
func (c Config) Secrets() []string {
	var out []string
	for _, v := range c.values {
		if v.secret && v.value != "" {
			out = append(out, v.value)
		}
	}
	return out
}

// printConfig writes the effective configuration with secrets masked, one variable per line.
func printConfig(w io.Writer, c Config) error {
	for _, v := range c.values {
		value := v.value
		if v.secret && value != "" {
			value = mask(value)
		}
		if v.name == "DATABASE_URL" {
			value = redactURLPassword(value)
		}
		if _, err := fmt.Fprintf(w, "%-20s = %-40s # %s\n", v.name, value, v.source); err != nil {
			return err
		}
	}
	engine := "offline"
	if !c.Offline() {
		engine = "openai-compatible, model " + c.OpenAIModel
	}
	_, err := fmt.Fprintf(w, "\nengine: %s\nlisten: http://%s\n", engine, c.Addr())
	return err
}

// mask hides a secret; long keys keep their last four characters so operators can tell keys apart.
func mask(s string) string {
	if len(s) < 16 {
		return "****"
	}
	return "****" + s[len(s)-4:]
}

func redactURLPassword(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Redacted()
}

func oneOf(dst *string, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			*dst = v
			return nil
		}
	}
	return errExpected
}

// usdCap parses a cap in US dollars, up to a million, into micro-USD, the unit of recorded costs.
func usdCap(dst *int64, v string) error {
	var cents int64
	if err := decimalInRange(&cents, v, 2, 0, 100_000_000); err != nil {
		return err
	}
	*dst = cents * 10_000
	return nil
}

// boolean accepts the usual spellings of a switch, as systemd and shells write them.
func boolean(dst *bool, v string) error {
	switch strings.ToLower(v) {
	case "true", "yes", "on", "1":
		*dst = true
	case "false", "no", "off", "0":
		*dst = false
	default:
		return errExpected
	}
	return nil
}

// decimalInRange parses a non-negative decimal with at most `decimals` fraction digits into an
// integer of 10^-decimals units ("7.5" with 2 decimals is 750) and checks the bounds, so money and
// rates never pass through floating point.
func decimalInRange(dst *int64, v string, decimals int, lo, hi int64) error {
	whole, frac, hasDot := strings.Cut(strings.ReplaceAll(v, ",", ""), ".")
	if whole == "" || len(frac) > decimals || (hasDot && frac == "") {
		return errExpected
	}
	frac += strings.Repeat("0", decimals-len(frac))
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || strings.ContainsAny(whole+frac, "+-") || n < lo || n > hi {
		return errExpected
	}
	*dst = n
	return nil
}

func secondsInRange(dst *time.Duration, v string, lo, hi int64) error {
	var n int64
	if err := decimalInRange(&n, v, 0, lo, hi); err != nil {
		return err
	}
	*dst = time.Duration(n) * time.Second
	return nil
}

// ModelPrice is what a model charges, in micro-dollars per million tokens. CachedInputPerMillion
// is the rate of the input tokens a provider serves from its prompt cache.
type ModelPrice struct {
	InputPerMillion, CachedInputPerMillion, OutputPerMillion int64
}

// parsePrices reads "model=in/out,…" or "model=in/out/cached,…" with prices in dollars per
// million tokens (up to 6 decimals), kept as integers so costs never pass through floating
// point. Without the third figure, cached input costs as much as other input: the price of a
// call is then never lower than the provider's bill.
func parsePrices(v string) (map[string]ModelPrice, error) {
	prices := map[string]ModelPrice{}
	for _, item := range strings.Split(v, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		model, list, ok := strings.Cut(item, "=")
		figures := strings.Split(list, "/")
		if !ok || strings.TrimSpace(model) == "" || len(figures) < 2 || len(figures) > 3 {
			return nil, errExpected
		}
		var rates [3]int64 // input, output, cached input
		for i, f := range figures {
			if decimalInRange(&rates[i], strings.TrimSpace(f), 6, 0, 1_000_000_000) != nil {
				return nil, errExpected
			}
		}
		if len(figures) == 2 {
			rates[2] = rates[0]
		}
		prices[strings.TrimSpace(model)] = ModelPrice{InputPerMillion: rates[0], OutputPerMillion: rates[1],
			CachedInputPerMillion: rates[2]}
	}
	return prices, nil
}

func isHTTPURL(v string) bool {
	u, err := url.Parse(v)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// parseOrigins accepts "a,b" or the predecessor's JSON list form `["a","b"]`.
func parseOrigins(v string) ([]string, error) {
	var list []string
	if strings.HasPrefix(v, "[") {
		if err := json.Unmarshal([]byte(v), &list); err != nil {
			return nil, errExpected
		}
	} else {
		list = strings.Split(v, ",")
	}
	var out []string
	for _, o := range list {
		o = strings.TrimRight(strings.TrimSpace(o), "/")
		if o == "" {
			continue
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" || u.RawQuery != "" {
			return nil, errExpected
		}
		out = append(out, o)
	}
	return out, nil
}

func parsePrefixes(v string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(v, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if p, err := netip.ParsePrefix(part); err == nil {
			out = append(out, p.Masked())
			continue
		}
		addr, err := netip.ParseAddr(part)
		if err != nil {
			return nil, errExpected
		}
		out = append(out, netip.PrefixFrom(addr.Unmap(), addr.Unmap().BitLen()))
	}
	return out, nil
}

func netJoin(host string, port int) string {
	if strings.Contains(host, ":") && !strings.HasPrefix(host, "[") {
		host = "[" + host + "]"
	}
	return host + ":" + strconv.Itoa(port)
}

// readEnvFile reads KEY=VALUE lines. It accepts what people write in .env files: blank lines,
// # comments, `export KEY=…`, single or double quotes, and a trailing ` # comment` after an
// unquoted value. Unknown keys are kept and simply never looked up.
func readEnvFile(path string, required bool) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !required {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("config: read env file: %w", err)
	}
	vars := map[string]string{}
	for i, line := range strings.Split(strings.TrimPrefix(string(data), "\ufeff"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		key = strings.TrimSpace(key)
		if !ok || key == "" || strings.ContainsAny(key, " \t\"'") {
			return nil, fmt.Errorf("config: %s line %d: expected KEY=VALUE, got %q", path, i+1, line)
		}
		v, err := envValue(strings.TrimSpace(value))
		if err != nil {
			return nil, fmt.Errorf("config: %s line %d (%s): %w", path, i+1, key, err)
		}
		vars[key] = v
	}
	return vars, nil
}

func envValue(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	if q := v[0]; q == '"' || q == '\'' {
		end := strings.IndexByte(v[1:], q)
		if end < 0 {
			return "", errors.New("expected a closing quote")
		}
		rest := strings.TrimSpace(v[end+2:])
		if rest != "" && !strings.HasPrefix(rest, "#") {
			return "", errors.New("expected nothing but a comment after the closing quote")
		}
		return v[1 : end+1], nil
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	} else if i := strings.Index(v, "\t#"); i >= 0 {
		v = v[:i]
	}
	return strings.TrimSpace(v), nil
}
