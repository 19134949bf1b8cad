package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestConfigMetrics: /metrics is off by default; its token is a secret that must be long enough
// and fit in a header; a token without METRICS_ENABLED is worth a warning.
func TestConfigMetrics(t *testing.T) {
	absent := filepath.Join(t.TempDir(), "absent.env")
	c, err := loadConfig(envMap(), absent, false)
	if err != nil {
		t.Fatal(err)
	}
	if c.MetricsEnabled || c.MetricsToken != "" {
		t.Errorf("defaults: enabled %v, token %q; want off, none", c.MetricsEnabled, c.MetricsToken)
	}

	const token = "scrape-token-0123456789"
	c, err = loadConfig(envMap("METRICS_ENABLED=true", "METRICS_TOKEN="+token), absent, false)
	if err != nil {
		t.Fatal(err)
	}
	if !c.MetricsEnabled || c.MetricsToken != token || !slices.Contains(c.Secrets(), token) || len(c.Warnings) != 0 {
		t.Errorf("enabled %v, token %q, secrets %d, warnings %q", c.MetricsEnabled, c.MetricsToken, len(c.Secrets()), c.Warnings)
	}

	c, err = loadConfig(envMap("METRICS_TOKEN="+token), absent, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], "METRICS_ENABLED is off") {
		t.Errorf("token without metrics: warnings %q", c.Warnings)
	}

	for _, tc := range []struct{ env, want string }{
		{"METRICS_ENABLED=maybe", `config: METRICS_ENABLED="maybe": expected true or false`},
		{"METRICS_TOKEN=short", `config: METRICS_TOKEN="****": expected at least 16 characters`},
		{"METRICS_TOKEN=a token with spaces in it", `config: METRICS_TOKEN="****n it": expected at least 16 characters`},
		{"METRICS_TOKEN=トークントークントークントークン", `config: METRICS_TOKEN="****`},
	} {
		_, err := loadConfig(envMap(tc.env), absent, false)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one starting %q", tc.env, err, tc.want)
		}
	}
}
