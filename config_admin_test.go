package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestConfigAdminPassword: no admin page by default; a password is a secret of at least 12
// characters, and a refusal never prints it.
func TestConfigAdminPassword(t *testing.T) {
	absent := filepath.Join(t.TempDir(), "absent.env")
	c, err := loadConfig(envMap(), absent, false)
	if err != nil || c.AdminPassword != "" {
		t.Fatalf("default: password %q, error %v; want none", c.AdminPassword, err)
	}
	const password = "twelve chars"
	c, err = loadConfig(envMap("ADMIN_PASSWORD="+password), absent, false)
	if err != nil || c.AdminPassword != password || !slices.Contains(c.Secrets(), password) {
		t.Errorf("password %q, secret %v, error %v", c.AdminPassword, slices.Contains(c.Secrets(), password), err)
	}
	_, err = loadConfig(envMap("ADMIN_PASSWORD=eleven char"), absent, false)
	if err == nil || !strings.HasPrefix(err.Error(), `config: ADMIN_PASSWORD="****": expected at least 12 characters`) {
		t.Errorf("a short password: error %v", err)
	}
}
