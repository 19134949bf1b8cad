package main

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"estimator/jobs"
	"estimator/llm"
)

// envMap turns "K=V" pairs into a getenv function.
func envMap(pairs ...string) func(string) (string, bool) {
	m := map[string]string{}
	for _, p := range pairs {
		k, v, _ := strings.Cut(p, "=")
		m[k] = v
	}
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.env")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestConfigDefaults(t *testing.T) {
	c, err := loadConfig(envMap(), filepath.Join(t.TempDir(), "absent.env"), false)
	if err != nil {
		t.Fatal(err)
	}
	want := Config{DatabaseURL: "sqlite:///./app.db", OpenAIModel: "gpt-4o-mini", LLMProvider: "auto",
		DailyUnitCostJPY: 40000, DailyUnitCostUSD: 50000, TaxRateJA: 1000, TaxRateEN: 0, UploadDir: "uploads",
		MaxUploadSizeMB: 10, Language: "ja", Host: "127.0.0.1", Port: 8100, LogFormat: "json"}
	got := c
	got.values, got.TrustedProxies, got.CORSOrigins, got.Warnings = nil, nil, nil, nil
	if got.DatabaseURL != want.DatabaseURL || got.OpenAIModel != want.OpenAIModel || got.LLMProvider != want.LLMProvider ||
		got.DailyUnitCostJPY != want.DailyUnitCostJPY || got.DailyUnitCostUSD != want.DailyUnitCostUSD ||
		got.TaxRateJA != want.TaxRateJA || got.TaxRateEN != want.TaxRateEN || got.UploadDir != want.UploadDir ||
		got.MaxUploadSizeMB != want.MaxUploadSizeMB || got.Language != want.Language || got.Host != want.Host ||
		got.Port != want.Port || got.LogFormat != want.LogFormat || got.LogLevel.String() != "INFO" {
		t.Errorf("defaults = %+v", got)
	}
	if len(c.TrustedProxies) != 2 || c.TrustedProxies[0].String() != "127.0.0.1/32" || c.TrustedProxies[1].String() != "::1/128" {
		t.Errorf("trusted proxies = %v, want loopback", c.TrustedProxies)
	}
	if !c.Offline() || c.Addr() != "127.0.0.1:8100" {
		t.Errorf("Offline=%v Addr=%q", c.Offline(), c.Addr())
	}
}

func TestConfigEnvFile(t *testing.T) {
	path := writeFile(t, strings.Join([]string{
		"\ufeff# Predecessor-style .env",
		"APP_NAME=ai-estimator   # unknown: ignored",
		"ENVIRONMENT=production",
		"export PORT=9000 # trailing comment",
		`OPENAI_MODEL="gpt-4o # not a comment inside quotes"`,
		"LANGUAGE='en'",
		"TAX_RATE_JA=8",
		"TAX_RATE_EN=7.5\t# tab before the comment",
		"DAILY_UNIT_COST_USD=612.50",
		"CORS_ORIGINS=[\"https://estimate.example.com\", \"http://localhost:3000/\"]",
		"TRUSTED_PROXIES=10.0.0.5, 192.168.0.0/16",
		"LOG_LEVEL=WARNING",
		"DAILY_UNIT_COST=40000",
		"",
	}, "\n"))
	c, err := loadConfig(envMap("PORT=9100"), path, true)
	if err != nil {
		t.Fatal(err)
	}
	if c.Port != 9100 {
		t.Errorf("PORT = %d: the environment must win over the file", c.Port)
	}
	if c.OpenAIModel != "gpt-4o # not a comment inside quotes" || c.Language != "en" {
		t.Errorf("quoted values: model=%q language=%q", c.OpenAIModel, c.Language)
	}
	if c.TaxRateJA != 800 || c.TaxRateEN != 750 || c.DailyUnitCostUSD != 61250 {
		t.Errorf("decimals: ja=%d en=%d usd=%d", c.TaxRateJA, c.TaxRateEN, c.DailyUnitCostUSD)
	}
	if strings.Join(c.CORSOrigins, " ") != "https://estimate.example.com http://localhost:3000" {
		t.Errorf("CORS_ORIGINS = %v", c.CORSOrigins)
	}
	if len(c.TrustedProxies) != 2 || c.TrustedProxies[0].String() != "10.0.0.5/32" || c.TrustedProxies[1].String() != "192.168.0.0/16" {
		t.Errorf("TRUSTED_PROXIES = %v", c.TrustedProxies)
	}
	if c.LogLevel.String() != "WARN" {
		t.Errorf("LOG_LEVEL = %v", c.LogLevel)
	}
	if len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], "DAILY_UNIT_COST is deprecated") {
		t.Errorf("warnings = %v", c.Warnings)
	}
}

func TestConfigInvalidValues(t *testing.T) {
	for _, tc := range []struct{ env, want string }{
		{"PORT=abc", `config: PORT="abc": expected an integer from 1 to 65535`},
		{"PORT=70000", `config: PORT="70000": expected an integer from 1 to 65535`},
		{"LANGUAGE=fr", `config: LANGUAGE="fr": expected ja or en`},
		{"DATABASE_URL=mysql://x/y", `config: DATABASE_URL="mysql://x/y": expected sqlite:///relative.db`},
		{"DB_SCHEMA=drop table", `config: DB_SCHEMA="drop table": expected a PostgreSQL identifier`},
		{"TAX_RATE_JA=-1", `config: TAX_RATE_JA="-1": expected a percentage from 0 to 100`},
		{"TAX_RATE_JA=10.125", `config: TAX_RATE_JA="10.125": expected a percentage`},
		{"TAX_RATE_EN=101", `config: TAX_RATE_EN="101"`},
		{"DAILY_UNIT_COST_JPY=40000.5", `config: DAILY_UNIT_COST_JPY="40000.5": expected whole yen`},
		{"DAILY_UNIT_COST_USD=0", `config: DAILY_UNIT_COST_USD="0"`},
		{"MAX_UPLOAD_SIZE_MB=0", `config: MAX_UPLOAD_SIZE_MB="0"`},
		{"LLM_PROVIDER=anthropic", `config: LLM_PROVIDER="anthropic": expected auto, openai or offline`},
		{"LLM_PROVIDER=openai", `config: LLM_PROVIDER=openai: expected OPENAI_API_KEY or OPENAI_BASE_URL`},
		{"OPENAI_BASE_URL=localhost:11434", `config: OPENAI_BASE_URL="localhost:11434": expected an http:// or https:// URL`},
		{"SESSION_SECRET=short", `config: SESSION_SECRET="****": expected at least 32 characters`},
		{"LOG_LEVEL=loud", `config: LOG_LEVEL="loud": expected debug, info, warn or error`},
		{"LOG_FORMAT=xml", `config: LOG_FORMAT="xml": expected json or text`},
		{"TRUSTED_PROXIES=not-an-ip", `config: TRUSTED_PROXIES="not-an-ip"`},
		{"CORS_ORIGINS=example.com", `config: CORS_ORIGINS="example.com": expected comma-separated origins`},
		{"HOST=bad host", `config: HOST="bad host"`},
		{"DISPLAY_TIMEZONE=Mars/Olympus", `config: DISPLAY_TIMEZONE="Mars/Olympus": expected an IANA time zone`},
		{"ALLOWED_HOSTS=https://x.example", `config: ALLOWED_HOSTS="https://x.example": expected comma-separated host names`},
		{"MEMORY_LIMIT_MB=10", `config: MEMORY_LIMIT_MB="10": expected a whole number of megabytes`},
	} {
		_, err := loadConfig(envMap(tc.env), filepath.Join(t.TempDir(), "absent.env"), false)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v, want one line starting %q", tc.env, err, tc.want)
		}
	}
}

func TestConfigBadEnvFile(t *testing.T) {
	for _, tc := range []struct{ content, want string }{
		{"PORT 8100\n", "line 1: expected KEY=VALUE"},
		{"OK=1\nOPENAI_MODEL=\"unterminated\n", "line 2 (OPENAI_MODEL): expected a closing quote"},
		{"OPENAI_MODEL=\"a\" b\n", "expected nothing but a comment after the closing quote"},
	} {
		_, err := loadConfig(envMap(), writeFile(t, tc.content), true)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.content, err, tc.want)
		}
	}
	if _, err := loadConfig(envMap(), filepath.Join(t.TempDir(), "missing.env"), true); err == nil {
		t.Error("a named env file that does not exist must be an error")
	}
}

func TestConfigEngine(t *testing.T) {
	for _, tc := range []struct {
		env     []string
		offline bool
	}{
		{nil, true},
		{[]string{"OPENAI_API_KEY=sk-test"}, false},
		{[]string{"OPENAI_BASE_URL=http://localhost:11434/v1"}, false},
		{[]string{"OPENAI_API_KEY=sk-test", "LLM_PROVIDER=offline"}, true},
		{[]string{"LLM_PROVIDER=openai", "OPENAI_API_KEY=sk-test"}, false},
	} {
		c, err := loadConfig(envMap(tc.env...), filepath.Join(t.TempDir(), "absent.env"), false)
		if err != nil {
			t.Fatal(err)
		}
		if c.Offline() != tc.offline {
			t.Errorf("%v: Offline() = %v", tc.env, c.Offline())
		}
	}
}

func TestPrintConfigMasksSecrets(t *testing.T) {
	c, err := loadConfig(envMap(
		"OPENAI_API_KEY=sk-proj-abcdefghijklmnop1234",
		"SESSION_SECRET=0123456789abcdef0123456789abcdef-secret",
		"DATABASE_URL=postgres://app:hunter2@db.example:5432/est",
	), filepath.Join(t.TempDir(), "absent.env"), false)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := printConfig(&out, c); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, secret := range []string{"sk-proj-abcdefghijklmnop", "0123456789abcdef", "hunter2"} {
		if strings.Contains(s, secret) {
			t.Errorf("check-config printed a secret (%s):\n%s", secret, s)
		}
	}
	for _, want := range []string{"****1234", "postgres://app:xxxxx@db.example:5432/est", "engine: openai-compatible, model gpt-4o-mini", "# environment", "# default"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
}

// TestConfigDefaultPrices: the default MODEL_PRICES prices models as the workers' own default
// table does, cached input included.
func TestConfigDefaultPrices(t *testing.T) {
	c, err := loadConfig(envMap(), filepath.Join(t.TempDir(), "absent.env"), false)
	if err != nil {
		t.Fatal(err)
	}
	if got := jobsConfig(c).Prices; !maps.Equal(got, jobs.DefaultPrices()) {
		t.Errorf("prices from the default MODEL_PRICES = %+v, want %+v", got, jobs.DefaultPrices())
	}
}

func TestConfigModelSettings(t *testing.T) {
	c, err := loadConfig(envMap("MODEL_PRICES=gpt-4o-mini=0.15/0.60/0.075, gpt-4o = 2.5/10", "OPENAI_TIMEOUT=30", "OPENAI_API_TYPE=azure"),
		filepath.Join(t.TempDir(), "absent.env"), false)
	if err != nil {
		t.Fatal(err)
	}
	if p := c.ModelPrices["gpt-4o-mini"]; p != (ModelPrice{InputPerMillion: 150000, CachedInputPerMillion: 75000, OutputPerMillion: 600000}) {
		t.Errorf("gpt-4o-mini price = %+v", p)
	}
	// The form without a cached rate stays valid: cached input is then priced as input.
	if p := c.ModelPrices["gpt-4o"]; p != (ModelPrice{InputPerMillion: 2500000, CachedInputPerMillion: 2500000, OutputPerMillion: 10000000}) {
		t.Errorf("gpt-4o price = %+v", p)
	}
	if c.OpenAITimeout.Seconds() != 30 || c.OpenAIAPIType != "azure" || c.MaxParallel != 8 || c.ResponseFormat != "json_schema" {
		t.Errorf("timeout %v type %q parallel %d format %q", c.OpenAITimeout, c.OpenAIAPIType, c.MaxParallel, c.ResponseFormat)
	}
	for _, bad := range []string{"MODEL_PRICES=gpt=1", "MODEL_PRICES==1/2", "MODEL_PRICES=m=a/b", "MODEL_PRICES=m=1/2/x",
		"MODEL_PRICES=m=1/2/3/4", "MODEL_PRICES=m=1/2/", "OPENAI_TIMEOUT=0", "MAX_PARALLEL_ESTIMATES=100", "LLM_RESPONSE_FORMAT=xml"} {
		if _, err := loadConfig(envMap(bad), filepath.Join(t.TempDir(), "absent.env"), false); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

// TestConfigProductivity: OFFLINE_PRODUCTIVITY is a factor with up to three decimals, 1 by
// default, and the offline engine it builds uses it.
func TestConfigProductivity(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  int64
	}{{"", 1000}, {"0.6", 600}, {"1.25", 1250}, {"0.125", 125}} {
		env := []string{}
		if tc.value != "" {
			env = append(env, "OFFLINE_PRODUCTIVITY="+tc.value)
		}
		c, err := loadConfig(envMap(env...), filepath.Join(t.TempDir(), "absent.env"), false)
		if err != nil || c.Productivity != tc.want {
			t.Errorf("%q: %d, %v; want %d", tc.value, c.Productivity, err, tc.want)
		}
	}
	for _, bad := range []string{"0", "0.05", "4", "-1", "0.6x", "0.1234"} {
		if _, err := loadConfig(envMap("OFFLINE_PRODUCTIVITY="+bad), filepath.Join(t.TempDir(), "absent.env"), false); err == nil {
			t.Errorf("OFFLINE_PRODUCTIVITY=%s accepted", bad)
		}
	}
	slow, err := loadConfig(envMap("OFFLINE_PRODUCTIVITY=0.5"), filepath.Join(t.TempDir(), "absent.env"), false)
	if err != nil {
		t.Fatal(err)
	}
	full, half := engineTotal(t, Config{Productivity: 1000}), engineTotal(t, slow)
	if half*2 < full-10 || half*2 > full+10 {
		t.Errorf("productivity 0.5: %d tenths, the default %d", half, full)
	}
}

// engineTotal is the total, in tenths, the configured offline engine gives a small task.
func engineTotal(t *testing.T, cfg Config) int64 {
	t.Helper()
	cfg.LLMProvider = "offline"
	engine, err := newEngine(cfg)
	if err != nil {
		t.Fatal(err)
	}
	task := llm.Task{Language: "ja", Requirements: "画面は20、帳票は5種類", Lines: []llm.LineInput{{Name: "基本設計書"}, {Name: "プログラム開発"}, {Name: "結合テスト"}}}
	var sum int64
	for i := range task.Lines {
		e, _, err := engine.EstimateLine(t.Context(), task, i)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range e.Phases {
			sum += p
		}
	}
	return sum
}
