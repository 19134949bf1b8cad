// Package systemd holds the systemd unit and the production env file. There is no Go code here:
// the tests keep the two files hardened, consistent with each other and with the app's variables.
package systemd

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"net/netip"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	unitFile = "estimator.service"
	envFile  = "estimator.env.example"
)

// services are the units that run the app: the server and the two jobs its timers start. Each
// timer starts the service of the same name.
var (
	services = []string{unitFile, "estimator-backup.service", "estimator-cleanup.service"}
	timers   = []string{"estimator-backup.timer", "estimator-cleanup.timer"}
)

// maxExposure is the highest `systemd-analyze security` score a service may have: 2.0 and below
// is what systemd calls "OK".
const maxExposure = 2.0

// documentedVariables is the configuration the app accepts, as documented for operators. The env
// example must list exactly these, each once.
var documentedVariables = []string{
	"DATABASE_URL", "DB_SCHEMA",
	"OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "LLM_PROVIDER",
	"OPENAI_API_TYPE", "OPENAI_API_VERSION", "LLM_RESPONSE_FORMAT", "OPENAI_MAX_RETRIES", "OPENAI_TIMEOUT",
	"CIRCUIT_BREAKER_FAILURE_THRESHOLD", "CIRCUIT_BREAKER_TIMEOUT", "MODEL_PRICES", "MAX_PARALLEL_ESTIMATES", "OFFLINE_PRODUCTIVITY",
	"DAILY_UNIT_COST", "DAILY_UNIT_COST_JPY", "DAILY_UNIT_COST_USD", "TAX_RATE_JA", "TAX_RATE_EN",
	"UPLOAD_DIR", "MAX_UPLOAD_SIZE_MB", "MEMORY_LIMIT_MB", "QUESTION_COUNT",
	"LANGUAGE", "DISPLAY_TIMEZONE", "HOST", "PORT", "CORS_ORIGINS", "ALLOWED_HOSTS", "SESSION_SECRET",
	"LOG_LEVEL", "LOG_FORMAT", "TRUSTED_PROXIES", "DATA_RETENTION_DAYS", "AUTO_CLEANUP_ENABLED",
	"METRICS_ENABLED", "METRICS_TOKEN", "ADMIN_PASSWORD",
	"DAILY_COST_LIMIT", "MONTHLY_COST_LIMIT", "RATE_LIMIT_PER_MINUTE", "RATE_LIMIT_BURST", "MASK_PII",
}

// unit maps section → key → values in file order; a key may repeat (ExecStart=, ReadWritePaths=).
type unit map[string]map[string][]string

func parseUnit(t *testing.T, name string) unit {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	u := unit{}
	section := ""
	var pending string
	for i, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimSpace(raw)
		if pending == "" && (line == "" || line[0] == '#' || line[0] == ';') {
			continue
		}
		if strings.HasSuffix(line, `\`) { // continuation: systemd joins with a space
			pending += strings.TrimSuffix(line, `\`) + " "
			continue
		}
		line, pending = pending+line, ""
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = line[1 : len(line)-1]
			if u[section] == nil {
				u[section] = map[string][]string{}
			}
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok || section == "" || strings.TrimSpace(key) == "" {
			t.Fatalf("%s:%d: expected Key=value inside a [Section], got %q", name, i+1, raw)
		}
		key = strings.TrimSpace(key)
		u[section][key] = append(u[section][key], strings.TrimSpace(value))
	}
	return u
}

// one returns the single value of section.key and fails when it is missing or repeated.
func (u unit) one(t *testing.T, section, key string) string {
	t.Helper()
	values := u[section][key]
	if len(values) != 1 {
		t.Fatalf("[%s] %s: want exactly one assignment, got %q", section, key, values)
		return ""
	}
	return values[0]
}

func parseBool(v string) (value, ok bool) {
	switch strings.ToLower(v) {
	case "1", "yes", "y", "true", "t", "on":
		return true, true
	case "0", "no", "n", "false", "f", "off":
		return false, true
	}
	return false, false
}

// parseSeconds reads the systemd time spans used in this unit: "15", "15s", "1min 30s".
func parseSeconds(v string) (time.Duration, bool) {
	if n, err := strconv.Atoi(v); err == nil {
		return time.Duration(n) * time.Second, true
	}
	d, err := time.ParseDuration(strings.ReplaceAll(strings.ReplaceAll(v, "min", "m"), " ", ""))
	return d, err == nil
}

// stateDir returns the unit's first state directory, which must be the app's.
func stateDir(t *testing.T, u unit) string {
	t.Helper()
	dirs := strings.Fields(u.one(t, "Service", "StateDirectory"))
	if len(dirs) == 0 || dirs[0] != "estimator" {
		t.Fatalf("StateDirectory=%q, want estimator first", dirs)
	}
	return "/var/lib/" + dirs[0]
}

func TestUnitRunsServe(t *testing.T) {
	u := parseUnit(t, unitFile)
	want := map[string]string{
		"Type":            "simple",
		"User":            "estimator",
		"Group":           "estimator",
		"EnvironmentFile": "/etc/estimator/estimator.env",
		"Restart":         "on-failure",
		"RestartSec":      "5",
		"KillSignal":      "SIGTERM",
	}
	for key, value := range want {
		if got := u.one(t, "Service", key); got != value {
			t.Errorf("%s=%q, want %q", key, got, value)
		}
	}
	if got := strings.Fields(u.one(t, "Service", "ExecStart")); !slices.Equal(got, []string{"/usr/local/bin/estimator", "serve"}) {
		t.Errorf("ExecStart=%q, want /usr/local/bin/estimator serve", got)
	}
	// serve migrates on start; a separate ExecStartPre=migrate would only duplicate it.
	if pre := u["Service"]["ExecStartPre"]; len(pre) > 0 {
		t.Errorf("ExecStartPre=%q: serve already migrates", pre)
	}
	// A configuration error exits with status 2; restarting cannot fix it.
	if !slices.Contains(strings.Fields(u.one(t, "Service", "RestartPreventExitStatus")), "2") {
		t.Error("RestartPreventExitStatus should include 2 (configuration error)")
	}
	// The app allows in-flight requests 10 s after SIGTERM; systemd must wait a little longer.
	stop, ok := parseSeconds(u.one(t, "Service", "TimeoutStopSec"))
	if !ok || stop <= 10*time.Second || stop > 30*time.Second {
		t.Errorf("TimeoutStopSec=%v: want a little over the app's 10 s graceful shutdown", stop)
	}
	if got := u.one(t, "Install", "WantedBy"); got != "multi-user.target" {
		t.Errorf("WantedBy=%q, want multi-user.target", got)
	}
}

func TestUnitWorkingDirectoryIsStateDirectory(t *testing.T) {
	u := parseUnit(t, unitFile)
	dir := stateDir(t, u)
	if got := u.one(t, "Service", "WorkingDirectory"); got != dir {
		t.Errorf("WorkingDirectory=%q, want the state directory %s (relative defaults land there)", got, dir)
	}
}

// TestUnitHardening holds every service to the same sandbox: the jobs run the same binary on the
// same data as the server.
func TestUnitHardening(t *testing.T) {
	for _, name := range services {
		t.Run(name, func(t *testing.T) { checkHardening(t, parseUnit(t, name)) })
	}
}

func checkHardening(t *testing.T, u unit) {
	t.Helper()
	booleans := []string{
		"ProtectHome", "PrivateTmp", "PrivateDevices", "NoNewPrivileges",
		"ProtectKernelTunables", "ProtectKernelModules", "ProtectKernelLogs", "ProtectControlGroups",
		"RestrictNamespaces", "RestrictRealtime", "RestrictSUIDSGID", "LockPersonality",
		"MemoryDenyWriteExecute",
	}
	for _, key := range booleans {
		v, ok := parseBool(u.one(t, "Service", key))
		if !ok || !v {
			t.Errorf("%s must be enabled", key)
		}
	}
	exact := map[string]string{
		"ProtectSystem":           "strict",
		"SystemCallArchitectures": "native",
		"UMask":                   "0077",
	}
	for key, value := range exact {
		if got := u.one(t, "Service", key); got != value {
			t.Errorf("%s=%q, want %q", key, got, value)
		}
	}
	if !slices.Contains(strings.Fields(u.one(t, "Service", "SystemCallFilter")), "@system-service") {
		t.Error("SystemCallFilter should allow only @system-service")
	}
	// An empty assignment clears every capability; any later non-empty line would add some back.
	if caps, ok := u["Service"]["CapabilityBoundingSet"]; !ok || slices.ContainsFunc(caps, func(v string) bool { return v != "" }) {
		t.Errorf("CapabilityBoundingSet=%q: want it present and empty", caps)
	}
	if caps := u["Service"]["AmbientCapabilities"]; slices.ContainsFunc(caps, func(v string) bool { return v != "" }) {
		t.Errorf("AmbientCapabilities=%q: the app needs no capabilities", caps)
	}
	families := strings.Fields(u.one(t, "Service", "RestrictAddressFamilies"))
	slices.Sort(families)
	if want := []string{"AF_INET", "AF_INET6", "AF_UNIX"}; !slices.Equal(families, want) {
		t.Errorf("RestrictAddressFamilies=%q, want %q", families, want)
	}
	// ProtectSystem=strict leaves only the state directory writable; nothing else may be reopened.
	dir := stateDir(t, u)
	for _, v := range u["Service"]["ReadWritePaths"] {
		for _, p := range strings.Fields(v) {
			p = strings.TrimLeft(p, "-+")
			if p != dir && !strings.HasPrefix(p, dir+"/") {
				t.Errorf("ReadWritePaths=%s: only paths under %s are needed", p, dir)
			}
		}
	}
}

// systemdAnalyze returns the path of systemd-analyze. It skips the test where systemd is not
// installed, except in CI (CI=true), where the units must be checked.
func systemdAnalyze(t *testing.T) string {
	t.Helper()
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("systemd-analyze is required when CI=true (Debian package systemd)")
		}
		t.Skip("systemd-analyze is not on PATH")
	}
	return analyze
}

// installCopies copies the units into a temporary directory, as systemd-analyze reads them from
// there, with ExecStart= pointing at a stand-in: verify checks that the binary is executable, and
// it is not installed here. It returns the directory.
func installCopies(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	standIn := filepath.Join(dir, "estimator")
	if err := os.WriteFile(standIn, []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	execStart := regexp.MustCompile(`(?m)^ExecStart=/usr/local/bin/estimator\b`)
	for _, name := range append(slices.Clone(services), timers...) {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		text := execStart.ReplaceAllLiteralString(string(data), "ExecStart="+standIn)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// logFileDropIn is the drop-in that the unit's comments give for logging to files: the indented
// comment lines from "[Service]" on.
func logFileDropIn(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(unitFile)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, line := range strings.Split(string(data), "\n") {
		line, indented := strings.CutPrefix(line, "#   ")
		if indented && (len(lines) > 0 || line == "[Service]") {
			lines = append(lines, line)
		} else if len(lines) > 0 {
			break
		}
	}
	drop := strings.Join(lines, "\n") + "\n"
	if !strings.Contains(drop, "LogsDirectory=estimator") || !strings.Contains(drop, "StandardError=append:/var/log/estimator/") {
		t.Fatalf("%s should document the drop-in that logs to /var/log/estimator, found:\n%s", unitFile, drop)
	}
	return drop
}

// TestSystemdAnalyzeVerify lets systemd itself check every unit, and the server with the drop-in
// documented for logging to files. verify only prints unknown keys and bad values, and does not
// always fail on them, so any remark about the units fails the test.
func TestSystemdAnalyzeVerify(t *testing.T) {
	analyze := systemdAnalyze(t)
	dir := installCopies(t)
	dropIns := filepath.Join(dir, unitFile+".d")
	if err := os.Mkdir(dropIns, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dropIns, "logs.conf"), []byte(logFileDropIn(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"verify", "--man=no"}
	for _, name := range append(slices.Clone(services), timers...) {
		args = append(args, filepath.Join(dir, name))
	}
	out, err := exec.Command(analyze, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if strings.Contains(line, "estimator") {
			t.Errorf("systemd-analyze verify: %s", line)
		} else if line != "" {
			t.Logf("systemd-analyze verify: %s", line)
		}
	}
}

var exposure = regexp.MustCompile(`Overall exposure level for (\S+): ([0-9]+\.[0-9]+) (\S+)`)

// TestSystemdAnalyzeSecurity scores every service offline, from its file, as
// `systemd-analyze security` scores an installed one, and holds each to maxExposure.
func TestSystemdAnalyzeSecurity(t *testing.T) {
	analyze := systemdAnalyze(t)
	dir := installCopies(t)
	for _, name := range services {
		out, err := exec.Command(analyze, "security", "--offline=true", "--no-pager", filepath.Join(dir, name)).CombinedOutput()
		if err != nil {
			t.Fatalf("systemd-analyze security %s: %v\n%s", name, err, out)
		}
		m := exposure.FindStringSubmatch(string(out))
		if m == nil || m[1] != name {
			t.Fatalf("systemd-analyze security %s: no overall exposure level in\n%s", name, out)
		}
		score, err := strconv.ParseFloat(m[2], 64)
		if err != nil || score > maxExposure {
			t.Errorf("%s: exposure %s %s, want at most %.1f (OK)\n%s", name, m[2], m[3], maxExposure, out)
		} else {
			t.Logf("%s: exposure %s %s", name, m[2], m[3])
		}
	}
}

// TestTimersStartTheJobs checks what each timer starts and when: a daily oneshot running the
// right command, missed runs caught up, the backup before the cleanup.
func TestTimersStartTheJobs(t *testing.T) {
	commands := map[string][]string{
		"estimator-backup.timer":  {"/usr/local/bin/estimator", "backup", "--keep"},
		"estimator-cleanup.timer": {"/usr/local/bin/estimator", "cleanup"},
	}
	var times []string
	for _, name := range timers {
		timer := parseUnit(t, name)
		if v, ok := parseBool(timer.one(t, "Timer", "Persistent")); !ok || !v {
			t.Errorf("%s: Persistent= should be on, so a run missed while the machine was off happens at boot", name)
		}
		if got := timer.one(t, "Install", "WantedBy"); got != "timers.target" {
			t.Errorf("%s: WantedBy=%q, want timers.target", name, got)
		}
		times = append(times, timer.one(t, "Timer", "OnCalendar"))

		service := parseUnit(t, strings.TrimSuffix(name, ".timer")+".service")
		if got := service.one(t, "Service", "Type"); got != "oneshot" {
			t.Errorf("%s: Type=%q, want oneshot", name, got)
		}
		argv := strings.Fields(service.one(t, "Service", "ExecStart"))
		if want := commands[name]; len(argv) < len(want) || !slices.Equal(argv[:len(want)], want) {
			t.Errorf("%s starts %q, want %q…", name, argv, want)
		}
		if got := service.one(t, "Service", "EnvironmentFile"); got != "/etc/estimator/estimator.env" {
			t.Errorf("%s: EnvironmentFile=%q: the jobs need the server's configuration", name, got)
		}
	}
	if !slices.IsSorted(times) {
		t.Errorf("OnCalendar %q: the backup should run before the cleanup", times)
	}
	// The copies go to a directory the sandbox lets the job write.
	backup := parseUnit(t, "estimator-backup.service")
	argv := strings.Fields(backup.one(t, "Service", "ExecStart"))
	dir := argv[len(argv)-1]
	var writable []string
	for _, d := range strings.Fields(backup.one(t, "Service", "StateDirectory")) {
		writable = append(writable, "/var/lib/"+d)
	}
	if !slices.Contains(writable, dir) {
		t.Errorf("backups go to %s, which is none of the writable state directories %q", dir, writable)
	}
}

// envVar is one KEY=VALUE line of the env example.
type envVar struct {
	key, value string
	line       int
}

var envKey = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

// parseEnvExample reads the example strictly, in the subset that systemd's EnvironmentFile= and the
// app's --env-file reader understand identically.
func parseEnvExample(t *testing.T) []envVar {
	t.Helper()
	f, err := os.Open(envFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var vars []envVar
	documented := false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "":
			documented = false
			continue
		case strings.HasPrefix(line, "#"):
			documented = true
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok || !envKey.MatchString(key) {
			t.Errorf("%s:%d: want KEY=VALUE, got %q", envFile, n, line)
			continue
		}
		if !documented {
			t.Errorf("%s:%d: %s needs a one-line comment directly above it", envFile, n, key)
		}
		documented = false
		// systemd keeps an inline "# comment" as part of the value and strips quotes, while the
		// app's reader strips the comment: only plain values mean the same to both.
		if value != strings.TrimSpace(value) || strings.ContainsAny(value, "\"'\\") ||
			strings.Contains(value, " #") || strings.Contains(value, "\t#") {
			t.Errorf("%s:%d: %s=%q: want a plain value without quotes, backslashes, padding or inline comment", envFile, n, key, value)
		}
		vars = append(vars, envVar{key: key, value: value, line: n})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return vars
}

func envMap(t *testing.T) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, v := range parseEnvExample(t) {
		if _, dup := m[v.key]; dup {
			t.Errorf("%s:%d: %s is set twice", envFile, v.line, v.key)
		}
		m[v.key] = v.value
	}
	return m
}

func TestEnvExampleListsDocumentedVariables(t *testing.T) {
	env := envMap(t)
	for _, key := range documentedVariables {
		if _, ok := env[key]; !ok {
			t.Errorf("%s is missing from %s", key, envFile)
		}
	}
	for key := range env {
		if !slices.Contains(documentedVariables, key) {
			t.Errorf("%s sets %s, which is not a documented variable", envFile, key)
		}
	}
}

func TestEnvExampleProductionValues(t *testing.T) {
	env := envMap(t)
	for _, secret := range []string{"OPENAI_API_KEY", "SESSION_SECRET", "METRICS_TOKEN"} {
		if env[secret] != "" {
			t.Errorf("%s must be left empty in the example", secret)
		}
	}
	if env["DAILY_UNIT_COST"] != "" {
		t.Error("DAILY_UNIT_COST is deprecated: leave it empty")
	}
	if env["LOG_FORMAT"] != "json" {
		t.Errorf("LOG_FORMAT=%q, want json for the journal", env["LOG_FORMAT"])
	}
	// Only Apache on this host may reach the app, and only it is trusted for X-Forwarded-*.
	if host, err := netip.ParseAddr(env["HOST"]); err != nil || !host.IsLoopback() {
		t.Errorf("HOST=%q, want a loopback address", env["HOST"])
	}
	for _, want := range []string{"127.0.0.1/32", "::1/128"} {
		if !slices.Contains(strings.Split(env["TRUSTED_PROXIES"], ","), want) {
			t.Errorf("TRUSTED_PROXIES=%q should include %s", env["TRUSTED_PROXIES"], want)
		}
	}
}

func TestEnvExampleValuesParse(t *testing.T) {
	env := envMap(t)
	wholeNumber := func(lo, hi int) func(string) bool {
		return func(v string) bool { n, err := strconv.Atoi(v); return err == nil && n >= lo && n <= hi }
	}
	twoDecimals := regexp.MustCompile(`^[0-9]+(\.[0-9]{1,2})?$`).MatchString
	oneOf := func(allowed ...string) func(string) bool {
		return func(v string) bool { return slices.Contains(allowed, v) }
	}
	optional := func(check func(string) bool) func(string) bool {
		return func(v string) bool { return v == "" || check(v) }
	}
	httpURL := func(v string) bool {
		u, err := url.Parse(v)
		return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
	}
	valid := map[string]func(string) bool{
		"DATABASE_URL":         func(v string) bool { return strings.HasPrefix(v, "sqlite:///") || strings.HasPrefix(v, "postgres://") },
		"DB_SCHEMA":            optional(regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,62}$`).MatchString),
		"OPENAI_BASE_URL":      optional(httpURL),
		"OPENAI_MODEL":         func(v string) bool { return v != "" },
		"LLM_PROVIDER":         oneOf("auto", "openai", "offline"),
		"DAILY_UNIT_COST_JPY":  wholeNumber(1, 10_000_000),
		"DAILY_UNIT_COST_USD":  twoDecimals,
		"TAX_RATE_JA":          twoDecimals,
		"TAX_RATE_EN":          twoDecimals,
		"UPLOAD_DIR":           path.IsAbs,
		"MAX_UPLOAD_SIZE_MB":   wholeNumber(1, 1024),
		"QUESTION_COUNT":       wholeNumber(1, 5),
		"LANGUAGE":             oneOf("ja", "en"),
		"DISPLAY_TIMEZONE":     func(v string) bool { _, err := time.LoadLocation(v); return err == nil && v != "" },
		"PORT":                 wholeNumber(1, 65535),
		"LOG_LEVEL":            oneOf("debug", "info", "warn", "error"),
		"LOG_FORMAT":           oneOf("json", "text"),
		"DATA_RETENTION_DAYS":  wholeNumber(0, 36500),
		"AUTO_CLEANUP_ENABLED": oneOf("true", "false"),
		"METRICS_ENABLED":      oneOf("true", "false"),
		"CORS_ORIGINS": func(v string) bool {
			for _, o := range strings.Split(v, ",") {
				if o != "" && !httpURL(o) {
					return false
				}
			}
			return true
		},
		"TRUSTED_PROXIES": func(v string) bool {
			for _, p := range strings.Split(v, ",") {
				_, errPrefix := netip.ParsePrefix(p)
				_, errAddr := netip.ParseAddr(p)
				if errPrefix != nil && errAddr != nil {
					return false
				}
			}
			return true
		},
	}
	for key, check := range valid {
		if v, ok := env[key]; ok && !check(v) {
			t.Errorf("%s=%q does not parse", key, v)
		}
	}
}

// TestEnvExampleUsesStateDirectory ties the env file to the unit: under ProtectSystem=strict the
// database and uploads are writable only inside StateDirectory=.
func TestEnvExampleUsesStateDirectory(t *testing.T) {
	dir := stateDir(t, parseUnit(t, unitFile))
	env := envMap(t)
	dbPath, ok := strings.CutPrefix(env["DATABASE_URL"], "sqlite:///")
	if !ok || !path.IsAbs(dbPath) {
		t.Fatalf("DATABASE_URL=%q: want an absolute SQLite path, sqlite:///%s/app.db", env["DATABASE_URL"], dir)
	}
	if got := path.Dir(path.Clean(dbPath)); got != dir {
		t.Errorf("DATABASE_URL puts the database in %s, want the state directory %s", got, dir)
	}
	upload := path.Clean(env["UPLOAD_DIR"])
	if !path.IsAbs(upload) || !strings.HasPrefix(upload, dir+"/") {
		t.Errorf("UPLOAD_DIR=%q: want an absolute path under %s", env["UPLOAD_DIR"], dir)
	}
}

// TestDocumentedVariablesMatchApp compares the documented set with the variables the app's
// settings table declares, so a variable added to the app without documentation is noticed.
func TestDocumentedVariablesMatchApp(t *testing.T) {
	file, err := parser.ParseFile(token.NewFileSet(), filepath.Join("..", "config.go"), nil, 0)
	if err != nil {
		t.Fatalf("app configuration not readable: %v", err)
	}
	var declared []string
	ast.Inspect(file, func(n ast.Node) bool {
		fn, ok := n.(*ast.FuncDecl)
		if !ok || fn.Name.Name != "settings" {
			return true
		}
		ast.Inspect(fn, func(n ast.Node) bool {
			kv, ok := n.(*ast.KeyValueExpr)
			if !ok {
				return true
			}
			key, isIdent := kv.Key.(*ast.Ident)
			lit, isLit := kv.Value.(*ast.BasicLit)
			if isIdent && isLit && key.Name == "name" && lit.Kind == token.STRING {
				if name, err := strconv.Unquote(lit.Value); err == nil {
					declared = append(declared, name)
				}
			}
			return true
		})
		return false
	})
	if len(declared) == 0 {
		t.Fatal("no settings table found in ../config.go: update this test with the configuration's new shape")
	}
	want := slices.Sorted(slices.Values(documentedVariables))
	slices.Sort(declared)
	if !slices.Equal(declared, want) {
		t.Errorf("the app declares %q\nthe deployment documents %q", declared, want)
	}
}
