package apache

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Debian's Apache as the live test runs it: its own configuration in a directory of the test, with
// Debian's main settings and module snippets, in the foreground, on loopback ports.

const (
	apacheBinary  = "/usr/sbin/apache2"
	modsAvailable = "/etc/apache2/mods-available" // Debian's module snippets, as a2enmod uses them
)

// requireApache skips the test when Debian's Apache is not installed, and fails it in CI, where
// it is mandatory.
func requireApache(t *testing.T) {
	t.Helper()
	for _, p := range []string{apacheBinary, modsAvailable} {
		if _, err := os.Stat(p); err == nil {
			continue
		}
		if os.Getenv("CI") == "true" {
			t.Fatalf("Apache is required in CI (%s is missing): apt-get install -y apache2", p)
		}
		t.Skipf("Apache not installed (%s is missing); skipping the live test", p)
	}
}

// debianDefaultModules are the modules a fresh Debian install of apache2 enables.
var debianDefaultModules = []string{"access_compat", "alias", "auth_basic", "authn_core", "authn_file",
	"authz_core", "authz_host", "authz_user", "autoindex", "deflate", "dir", "env", "filter", "mime",
	"mpm_event", "negotiation", "reqtimeout", "setenvif", "status"}

// startApache runs Apache in the foreground with the site in dir, listening on the placement's
// ports: Debian's main settings and default modules, the modules a2enmod would add for enable
// (their dependencies first), and the site. Nothing outside dir is written. It returns the path
// of the error log.
func startApache(t *testing.T, dir, site string, enable []string, p placement) string {
	t.Helper()
	for _, sub := range []string{"run", "log"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var conf strings.Builder
	fmt.Fprintf(&conf, `ServerRoot %q
Define APACHE_RUN_DIR %q
Define APACHE_LOG_DIR %q
DefaultRuntimeDir ${APACHE_RUN_DIR}
PidFile ${APACHE_RUN_DIR}/apache2.pid
ServerName localhost
Listen 127.0.0.1:%d
Listen 127.0.0.1:%d
Timeout 300
KeepAlive On
MaxKeepAliveRequests 100
KeepAliveTimeout 5
HostnameLookups Off
ErrorLog ${APACHE_LOG_DIR}/error.log
LogLevel warn
LogFormat "%%h %%l %%u %%t \"%%r\" %%>s %%O \"%%{Referer}i\" \"%%{User-Agent}i\"" combined
`, dir, filepath.Join(dir, "run"), filepath.Join(dir, "log"), p.httpPort, p.tlsPort)
	if os.Geteuid() == 0 {
		// Apache refuses to serve as root: its workers switch to Debian's user, and must be able
		// to reach the password file.
		conf.WriteString("User www-data\nGroup www-data\n")
		allowTraversal(t, dir)
	}
	for _, m := range withDependencies(t, append(slices.Clone(debianDefaultModules), enable...)) {
		for _, ext := range []string{".load", ".conf"} {
			if snippet := filepath.Join(modsAvailable, m+ext); fileExists(snippet) {
				fmt.Fprintf(&conf, "Include %s\n", snippet)
			}
		}
	}
	conf.WriteString("<Directory />\n    AllowOverride None\n    Require all denied\n</Directory>\n")
	siteFile := filepath.Join(dir, "site.conf")
	fmt.Fprintf(&conf, "Include %s\n", siteFile)
	confFile := filepath.Join(dir, "apache2.conf")
	if err := os.WriteFile(siteFile, []byte(site), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(confFile, []byte(conf.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	apache := startProcess(t, exec.Command(apacheBinary, "-DFOREGROUND", "-f", confFile), filepath.Join(dir, "log", "apache2.out"))
	apache.waitUntil(t, func() bool {
		conn, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(p.tlsPort))
		if err == nil {
			conn.Close()
		}
		return err == nil
	})
	return filepath.Join(dir, "log", "error.log")
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// withDependencies orders modules as a2enmod enables them: each after those its .load file names
// on its "# Depends:" line, each once.
func withDependencies(t *testing.T, modules []string) []string {
	t.Helper()
	var out []string
	seen := map[string]bool{}
	var add func(m string)
	add = func(m string) {
		if seen[m] {
			return
		}
		seen[m] = true
		data, err := os.ReadFile(filepath.Join(modsAvailable, m+".load"))
		if err != nil {
			t.Fatalf("module %s: %v", m, err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if deps, ok := strings.CutPrefix(line, "# Depends:"); ok {
				for _, d := range strings.Fields(strings.ReplaceAll(deps, ",", " ")) {
					add(d)
				}
			}
		}
		out = append(out, m)
	}
	for _, m := range modules {
		add(m)
	}
	return out
}

// allowTraversal opens dir and the test's directories above it to other users (they are created
// private), so Apache's workers can read the password file.
func allowTraversal(t *testing.T, dir string) {
	t.Helper()
	tmp := filepath.Clean(os.TempDir())
	for d := dir; strings.HasPrefix(d, tmp+string(filepath.Separator)); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
}
