package apache

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// placement is where one live run puts things: ports, and the files a deployment keeps in /etc.
type placement struct {
	appPort, httpPort, tlsPort int
	creds                      credentials
}

// origin is the public origin browsers see.
func (p placement) origin() string { return "https://" + publicName + ":" + strconv.Itoa(p.tlsPort) }

// site is one way operators put Apache in front of the app, and what differs between them.
type site struct {
	name string
	// conf is the site file with the placement's names, ports and paths, nothing else changed.
	conf func(t *testing.T, p placement) string
	// enable are the modules a2enmod must enable beyond Debian's defaults.
	enable []string
	// dotEnv is the app's .env, if the site comes with one; env is set in its environment.
	dotEnv func(t *testing.T, p placement) string
	env    map[string]string
	// What the site does differently.
	secureCookies     bool // the app knows the browser uses HTTPS (X-Forwarded-Proto)
	healthOpen        bool // /health answers requests from this host without the password
	redirectKeepsPath bool // http://host/x redirects to https://host/x, not to https://host/
}

// sites are the shipped site, the predecessor's as its guide has it, and the predecessor's with
// the lines docs/deploy.md tells its operators to add.
func sites(t *testing.T) []site {
	predecessor := site{
		name:   "predecessor",
		conf:   predecessorSite,
		enable: []string{"ssl", "proxy", "proxy_http", "rewrite"}, // the guide's list, and its RewriteEngine
		dotEnv: predecessorEnv,
	}
	amended := predecessor
	amended.name = "predecessor-amended"
	amended.conf = amendedSite
	amended.enable = append(slices.Clone(predecessor.enable), "headers")
	amended.secureCookies, amended.healthOpen = true, true
	return []site{
		{
			name:              "shipped",
			conf:              shippedSite,
			enable:            shippedModules(t),
			env:               map[string]string{"ALLOWED_HOSTS": publicName}, // as docs/deploy.md says
			secureCookies:     true,
			healthOpen:        true,
			redirectKeepsPath: true,
		},
		predecessor,
		amended,
	}
}

// substitute replaces each old string by its new one (pairs of old, new), failing when one is
// missing, so that a changed site file cannot slip through with its original names.
func substitute(t *testing.T, text string, pairs ...string) string {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(text, pairs[i]) {
			t.Fatalf("%q is no longer in the site file: update the live test's substitutions", pairs[i])
		}
		text = strings.ReplaceAll(text, pairs[i], pairs[i+1])
	}
	return text
}

func readText(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// shippedModules are the modules on the site file's a2enmod line.
func shippedModules(t *testing.T) []string {
	t.Helper()
	m := a2enmodLine.FindStringSubmatch(readText(t, siteFile))
	if m == nil {
		t.Fatalf("%s: want a `# Modules: a2enmod …` comment", siteFile)
	}
	return strings.Fields(m[1])
}

// written are the names and paths a site file comes with.
type written struct{ cert, key, passwords, name string }

// place gives a site file the placement's names, ports and paths instead of those it was written
// with; before are substitutions to make first.
func (p placement) place(t *testing.T, text string, w written, before ...string) string {
	t.Helper()
	return substitute(t, text, append(before,
		w.cert, p.creds.certFile,
		w.key, p.creds.keyFile,
		w.passwords, p.creds.passwordFile,
		w.name, publicName,
		"127.0.0.1:8100", "127.0.0.1:"+strconv.Itoa(p.appPort),
		"<VirtualHost *:80>", "<VirtualHost *:"+strconv.Itoa(p.httpPort)+">",
		"<VirtualHost *:443>", "<VirtualHost *:"+strconv.Itoa(p.tlsPort)+">",
	)...)
}

func shippedSite(t *testing.T, p placement) string {
	t.Helper()
	return p.place(t, readText(t, siteFile), written{
		cert:      "/etc/letsencrypt/live/estimator.example.com/fullchain.pem",
		key:       "/etc/letsencrypt/live/estimator.example.com/privkey.pem",
		passwords: "/etc/apache2/estimator.htpasswd",
		name:      "estimator.example.com",
	}, "https://estimator.example.com%{REQUEST_URI}", p.origin()+"%{REQUEST_URI}") // the test's port is not 443
}

func predecessorSite(t *testing.T, p placement) string {
	t.Helper()
	return p.place(t, readText(t, filepath.Join("testdata", "predecessor-vhost.conf")), written{
		cert:      "/etc/letsencrypt/live/your-domain.com/fullchain.pem",
		key:       "/etc/letsencrypt/live/your-domain.com/privkey.pem",
		passwords: "/etc/httpd/.htpasswd_estimator",
		name:      "your-domain.com",
	})
}

func predecessorEnv(t *testing.T, p placement) string {
	t.Helper()
	return substitute(t, readText(t, filepath.Join("testdata", "predecessor.env")),
		"https://your-domain.com", p.origin())
}

// amendmentMarker is the first line of the block of docs/deploy.md that the predecessor's site
// needs.
const amendmentMarker = "# Estimator: add inside the predecessor's <VirtualHost *:443>"

// amendedSite is the predecessor's site with the block from docs/deploy.md added at the end of
// its TLS virtual host, as the document says.
func amendedSite(t *testing.T, p placement) string {
	t.Helper()
	var block string
	blocks := strings.Split(readText(t, filepath.Join("..", "docs", "deploy.md")), "```apache\n")
	for _, b := range blocks[1:] {
		if strings.HasPrefix(b, amendmentMarker) {
			block, _, _ = strings.Cut(b, "```")
		}
	}
	if block == "" {
		t.Fatalf("docs/deploy.md: no apache block starting %q", amendmentMarker)
	}
	conf := predecessorSite(t, p)
	tlsHost := "<VirtualHost *:" + strconv.Itoa(p.tlsPort) + ">"
	start := strings.Index(conf, tlsHost)
	end := start + strings.Index(conf[start:], "</VirtualHost>")
	return conf[:end] + block + conf[end:]
}
