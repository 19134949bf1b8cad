package handlers

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// peer is the address of the directly connected client.
func peer(r *http.Request) (netip.Addr, bool) {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	return addr.Unmap(), err == nil
}

func (h *Handler) trusted(addr netip.Addr) bool {
	for _, p := range h.proxies {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// fromTrustedProxy reports whether X-Forwarded-* headers may be believed: only when the direct
// peer is one of TRUSTED_PROXIES (Apache on the same host by default).
func (h *Handler) fromTrustedProxy(r *http.Request) bool {
	addr, ok := peer(r)
	return ok && h.trusted(addr)
}

// isHTTPS reports whether the browser's connection is HTTPS, directly or through a trusted proxy.
func (h *Handler) isHTTPS(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	return h.fromTrustedProxy(r) && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// clientIP is the browser's address: the right-most X-Forwarded-For entry not added by a trusted
// proxy, or the peer itself.
func (h *Handler) clientIP(r *http.Request) string {
	addr, ok := peer(r)
	if !ok {
		return r.RemoteAddr
	}
	if !h.trusted(addr) {
		return addr.String()
	}
	hops := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		addr = hop.Unmap()
		if !h.trusted(addr) {
			break
		}
	}
	return addr.String()
}
