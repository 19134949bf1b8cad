// Package apache holds the Apache site that fronts Estimator. There is no Go code here: the tests
// parse the site and check what the app relies on (Host preserved, X-Forwarded-Proto, the path
// mapping, timeouts, Basic auth), and live_test.go runs the app behind a real Apache with this
// site and with the predecessor's.
package apache

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const siteFile = "estimator.conf"

// a2enmodLine is the comment of the site file that lists the modules to enable.
var a2enmodLine = regexp.MustCompile(`(?m)^#\s*Modules:\s*a2enmod ([a-z_ ]+)$`)

// directive is one configuration line, with the sections (<VirtualHost>, <Location>, …) around it.
type directive struct {
	name     string
	args     []string
	line     int
	sections []section
}

type section struct{ name, arg string }

func (d directive) is(name string) bool { return strings.EqualFold(d.name, name) }

// location is the innermost <Location> around the directive, or "" outside any.
func (d directive) location() string {
	for i := len(d.sections) - 1; i >= 0; i-- {
		if strings.EqualFold(d.sections[i].name, "Location") {
			return d.sections[i].arg
		}
	}
	return ""
}

func (d directive) String() string {
	return siteFile + ":" + strconv.Itoa(d.line) + ": " + d.name + " " + strings.Join(d.args, " ")
}

// splitArgs splits like Apache: on white space, with double-quoted arguments kept whole.
func splitArgs(s string) []string {
	var args []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return append(args, s[1:])
			}
			args = append(args, s[1:end+1])
			s = s[end+2:]
			continue
		}
		end := strings.IndexAny(s, " \t")
		if end < 0 {
			return append(args, s)
		}
		args = append(args, s[:end])
		s = s[end:]
	}
	return args
}

func parseSite(t *testing.T) []directive {
	t.Helper()
	f, err := os.Open(siteFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var (
		out     []directive
		stack   []section
		pending string
	)
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if pending == "" && (line == "" || strings.HasPrefix(line, "#")) {
			continue
		}
		if strings.HasSuffix(line, `\`) {
			pending += strings.TrimSuffix(line, `\`) + " "
			continue
		}
		line, pending = pending+line, ""
		switch {
		case strings.HasPrefix(line, "</"):
			name := strings.TrimSuffix(strings.TrimPrefix(line, "</"), ">")
			if len(stack) == 0 || !strings.EqualFold(stack[len(stack)-1].name, name) {
				t.Fatalf("%s:%d: unexpected %s", siteFile, n, line)
			}
			stack = stack[:len(stack)-1]
		case strings.HasPrefix(line, "<"):
			if !strings.HasSuffix(line, ">") {
				t.Fatalf("%s:%d: unterminated section %q", siteFile, n, line)
			}
			fields := splitArgs(strings.TrimSuffix(strings.TrimPrefix(line, "<"), ">"))
			s := section{name: fields[0]}
			if len(fields) > 1 {
				s.arg = fields[1]
			}
			stack = append(stack, s)
		default:
			fields := splitArgs(line)
			out = append(out, directive{name: fields[0], args: fields[1:], line: n, sections: slices.Clone(stack)})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(stack) > 0 {
		t.Fatalf("%s: section <%s> is never closed", siteFile, stack[len(stack)-1].name)
	}
	return out
}

// vhost returns the directives of the <VirtualHost> whose address ends in ":port".
func vhost(t *testing.T, all []directive, port string) []directive {
	t.Helper()
	var out []directive
	for _, d := range all {
		if len(d.sections) > 0 && strings.EqualFold(d.sections[0].name, "VirtualHost") &&
			strings.HasSuffix(d.sections[0].arg, ":"+port) {
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no <VirtualHost *:%s> in %s", port, siteFile)
	}
	return out
}

func find(ds []directive, name string) []directive {
	var out []directive
	for _, d := range ds {
		if d.is(name) {
			out = append(out, d)
		}
	}
	return out
}

// has reports whether some directive called name has exactly these arguments (case-insensitive).
func has(ds []directive, name string, args ...string) bool {
	return slices.ContainsFunc(find(ds, name), func(d directive) bool {
		return slices.EqualFunc(d.args, args, strings.EqualFold)
	})
}

// backend is the app's address as configured in the production env example.
func backend(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "systemd", "estimator.env.example"))
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if key, value, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			env[key] = value
		}
	}
	if env["HOST"] == "" || env["PORT"] == "" {
		t.Fatal("HOST and PORT must be set in the env example")
	}
	return "http://" + env["HOST"] + ":" + env["PORT"]
}

func TestTLSVirtualHost(t *testing.T) {
	tls := vhost(t, parseSite(t), "443")
	if !has(tls, "SSLEngine", "on") {
		t.Error("the :443 virtual host needs SSLEngine on")
	}
	for _, name := range []string{"ServerName", "SSLCertificateFile", "SSLCertificateKeyFile"} {
		if len(find(tls, name)) != 1 {
			t.Errorf("the :443 virtual host needs one %s", name)
		}
	}
}

func TestPlainHTTPRedirectsToHTTPS(t *testing.T) {
	plain := vhost(t, parseSite(t), "80")
	if len(find(plain, "ProxyPass")) > 0 {
		t.Error("nothing may be proxied over plain HTTP")
	}
	redirects := false
	for _, d := range find(plain, "RewriteRule") {
		if len(d.args) == 3 && strings.HasPrefix(d.args[1], "https://") && strings.Contains(d.args[2], "R=301") {
			redirects = true
		}
	}
	if !has(plain, "RewriteEngine", "On") || !redirects {
		t.Error("the :80 virtual host should redirect (301) to https://")
	}
}

func TestProxyHeadersAndTimeout(t *testing.T) {
	tls := vhost(t, parseSite(t), "443")
	checks := []struct {
		name string
		args []string
		why  string
	}{
		{"ProxyPreserveHost", []string{"On"}, "CrossOriginProtection compares Origin with Host"},
		{"RequestHeader", []string{"set", "X-Forwarded-Proto", "https"}, "the app must know the request came over TLS"},
		{"ProxyTimeout", []string{"600"}, "the deployment's 600 s proxy timeout"},
		{"ProxyRequests", []string{"Off"}, "never an open forward proxy"},
		{"RequestHeader", []string{"unset", "Authorization"}, "the Basic auth password stays in Apache"},
	}
	for _, c := range checks {
		if !has(tls, c.name, c.args...) {
			t.Errorf("want %s %s (%s)", c.name, strings.Join(c.args, " "), c.why)
		}
	}
}

// TestProxyMapping resolves request paths the way mod_proxy does (first matching ProxyPass in
// file order) and checks where each lands in the app.
func TestProxyMapping(t *testing.T) {
	tls := vhost(t, parseSite(t), "443")
	app := backend(t)
	passes := find(tls, "ProxyPass")
	for _, d := range passes {
		if d.location() != "" || len(d.args) < 2 {
			t.Fatalf("%v: want ProxyPass PATH URL outside any <Location>", d)
		}
		if !strings.HasPrefix(d.args[1], app+"/") {
			t.Errorf("%v: every target should be the app at %s", d, app)
		}
	}
	resolve := func(p string) string {
		for _, d := range passes {
			if rest, ok := strings.CutPrefix(p, d.args[0]); ok {
				return d.args[1] + rest
			}
		}
		return ""
	}
	cases := map[string]string{
		"/":                        app + "/ui/",
		"/tasks/0b8e/quote":        app + "/ui/tasks/0b8e/quote",
		"/static/css/app.1a2b.css": app + "/static/css/app.1a2b.css",
		"/api/v1/health":           app + "/api/v1/health",
		"/health":                  app + "/health",
	}
	for p, want := range cases {
		if got := resolve(p); got != want {
			t.Errorf("%s is proxied to %q, want %q", p, got, want)
		}
	}
	// Redirects and Location headers from the app must be mapped back for every mount.
	for _, d := range passes {
		if !has(tls, "ProxyPassReverse", d.args[0], d.args[1]) {
			t.Errorf("%v: missing ProxyPassReverse %s %s", d, d.args[0], d.args[1])
		}
	}
}

func TestBasicAuthCoversTheSite(t *testing.T) {
	tls := vhost(t, parseSite(t), "443")
	var root []directive
	for _, d := range tls {
		if d.location() == "/" {
			root = append(root, d)
		}
	}
	for _, want := range [][]string{
		{"AuthType", "Basic"},
		{"AuthUserFile", "/etc/apache2/estimator.htpasswd"},
		{"Require", "valid-user"},
	} {
		if !has(root, want[0], want[1:]...) {
			t.Errorf(`<Location "/"> needs %s`, strings.Join(want, " "))
		}
	}
	// The only exception is /health for requests from this host; nothing may open the site.
	for _, d := range find(tls, "Require") {
		arg := strings.ToLower(strings.Join(d.args, " "))
		switch {
		case arg == "valid-user":
		case arg == "local" && d.location() == "/health":
		default:
			t.Errorf("%v: only valid-user (and local for /health) is allowed", d)
		}
		if d.location() == "" {
			t.Errorf("%v: Require outside a <Location>", d)
		}
	}
	if !has(tls, "Require", "local") {
		t.Error(`<Location "/health"> should let local monitoring in without a password`)
	}
}

// TestNoDuplicatedSecurityHeaders: the app sets these; a second copy from Apache would conflict.
func TestNoDuplicatedSecurityHeaders(t *testing.T) {
	owned := []string{"content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy", "permissions-policy"}
	for _, d := range find(parseSite(t), "Header") {
		for _, a := range d.args {
			if slices.Contains(owned, strings.ToLower(a)) {
				t.Errorf("%v: %s is set by the app", d, a)
			}
		}
	}
}

// TestModulesAreListed checks that every module the site uses, beyond Debian's defaults, is in the
// a2enmod line at the top of the file.
func TestModulesAreListed(t *testing.T) {
	listed := shippedModules(t)
	for _, mod := range []string{"proxy", "proxy_http", "headers", "ssl", "rewrite"} {
		if !slices.Contains(listed, mod) {
			t.Errorf("a2enmod line should list %s", mod)
		}
	}
	module := map[string]string{
		"proxypass": "proxy_http", "proxypassreverse": "proxy", "proxypreservehost": "proxy",
		"proxytimeout": "proxy", "proxyrequests": "proxy",
		"requestheader": "headers", "header": "headers",
		"rewriteengine": "rewrite", "rewritecond": "rewrite", "rewriterule": "rewrite",
		"sslengine": "ssl", "sslprotocol": "ssl", "sslcertificatefile": "ssl", "sslcertificatekeyfile": "ssl",
	}
	for _, d := range parseSite(t) {
		if mod, ok := module[strings.ToLower(d.name)]; ok && !slices.Contains(listed, mod) {
			t.Errorf("%v needs mod_%s, which the a2enmod line does not list", d, mod)
		}
	}
}
