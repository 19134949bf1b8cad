package handlers

import (
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
)

// hostAllowlist is the names this server answers to. The app has no login of its own (Apache's
// Basic auth is in front), so a page served to another name would let a site that rebinds its
// DNS to this machine read the estimates; requests for any other name are refused before they
// reach anything that reads the database.
type hostAllowlist struct {
	names map[string]bool // lower case, without port
}

// newHostAllowlist allows localhost, every loopback address, the listen host, the hosts of the
// trusted origins (CORS_ORIGINS) and the extra names (ALLOWED_HOSTS).
func newHostAllowlist(listen string, origins, extra []string) hostAllowlist {
	a := hostAllowlist{names: map[string]bool{"localhost": true}}
	add := func(name string) {
		if name = strings.ToLower(strings.TrimSpace(name)); name != "" {
			a.names[strings.Trim(name, "[]")] = true
		}
	}
	add(listen)
	for _, o := range origins {
		if u, err := url.Parse(o); err == nil {
			add(u.Hostname())
		}
	}
	for _, n := range extra {
		add(n)
	}
	return a
}

// allows reports whether a request's Host (with or without port) is one of ours.
func (a hostAllowlist) allows(host string) bool {
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	name = strings.ToLower(strings.Trim(name, "[]"))
	if addr, err := netip.ParseAddr(name); err == nil && addr.IsLoopback() {
		return true
	}
	return a.names[name]
}

// checkHost refuses a request for a name that is not ours with 421 Misdirected Request.
func (h *Handler) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !h.hosts.allows(r.Host) {
			h.log.DebugContext(r.Context(), "request for another host refused")
			h.serveError(w, r, errWrongHost)
			return
		}
		next.ServeHTTP(w, r)
	})
}
